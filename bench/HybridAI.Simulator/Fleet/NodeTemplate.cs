using System.Collections.Immutable;
using HybridAI.Planning;

namespace HybridAI.Simulator.Fleet;

/// <summary>The static side of a node (or a device profile): the variants it holds with their average latency on it.</summary>
public sealed class NodeTemplate
{
    private readonly (string Name, double Ms)[][] byKind;

    public NodeTemplate(ImmutableArray<ModelVariant> variants)
    {
        Variants = variants;
        byKind = new (string, double)[Enum.GetValues<StageKind>().Length][];
        foreach (var kind in Enum.GetValues<StageKind>())
        {
            byKind[(int)kind] = [.. variants.Where(v => v.Stage == kind).Select(v => (v.Name, v.LatencyMs))];
        }
    }

    /// <summary>Variants with their measured average latency, as the agent reports them.</summary>
    public ImmutableArray<ModelVariant> Variants { get; }

    public bool Holds(StageKind kind) => byKind[(int)kind].Length > 0;

    public double LatencyMs(StageKind kind, string variant)
    {
        foreach (var (name, ms) in byKind[(int)kind])
        {
            if (string.Equals(name, variant, StringComparison.Ordinal))
            {
                return ms;
            }
        }

        throw new InvalidOperationException($"Node holds no {kind} variant '{variant}'.");
    }

    /// <summary>The same variants with every latency scaled (the oracle's view of one job's realised latencies).</summary>
    public ImmutableArray<ModelVariant> Scaled(double factor)
    {
        var builder = ImmutableArray.CreateBuilder<ModelVariant>(Variants.Length);
        foreach (var v in Variants)
        {
            builder.Add(v with { LatencyMs = v.LatencyMs * factor });
        }

        return builder.MoveToImmutable();
    }
}
