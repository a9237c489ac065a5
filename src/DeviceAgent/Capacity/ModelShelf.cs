using HybridAI.Pipelines.Models;
using HybridAI.Pipelines.TextToImage;

namespace HybridAI.DeviceAgent.Capacity;

/// <summary>The model variants this agent holds, one runner (with its cached ONNX Runtime sessions) per variant.</summary>
public sealed class ModelShelf : IDisposable
{
    private readonly Dictionary<string, TextToImageRunner> _runners = new(StringComparer.Ordinal);

    /// <summary>Cluster-level variant names, e.g. "base-int8", in preparation order.</summary>
    public IReadOnlyList<string> Variants => [.. _runners.Keys];

    public static string VariantName(ModelSize size, ModelPrecision precision) =>
        $"{size.ToString().ToLowerInvariant()}-{precision.ToString().ToLowerInvariant()}";

    public void Add(string variant, TextToImageRunner runner) => _runners.Add(variant, runner);

    public TextToImageRunner Get(string variant) => _runners.TryGetValue(variant, out var runner)
        ? runner
        : throw new KeyNotFoundException($"This agent holds no model variant '{variant}'; it holds {string.Join(", ", _runners.Keys)}.");

    /// <summary>The variant of a model size this agent prefers for local work: the first one prepared.</summary>
    public string PreferredFor(string size) =>
        _runners.Keys.FirstOrDefault(v => v.StartsWith(size + "-", StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"This agent holds no '{size}' models; it holds {string.Join(", ", _runners.Keys)}.");

    public void Dispose()
    {
        foreach (var runner in _runners.Values)
        {
            runner.Dispose();
        }
    }
}
