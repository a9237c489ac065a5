using System.Collections;

namespace HybridAI.Pipelines.Tensors;

/// <summary>Named tensors passed between stages (name -> tensor), ordered by name for deterministic encoding.</summary>
public sealed class TensorBundle : IReadOnlyDictionary<string, HostTensor>
{
    private readonly SortedDictionary<string, HostTensor> _tensors;

    public TensorBundle()
    {
        _tensors = new SortedDictionary<string, HostTensor>(StringComparer.Ordinal);
    }

    public TensorBundle(IEnumerable<KeyValuePair<string, HostTensor>> tensors)
        : this()
    {
        foreach (var (name, tensor) in tensors)
        {
            Add(name, tensor);
        }
    }

    public static TensorBundle Empty => new();

    public HostTensor this[string key] => _tensors.TryGetValue(key, out var t)
        ? t
        : throw new KeyNotFoundException($"tensor bundle has no tensor '{key}' (has: {string.Join(", ", _tensors.Keys)})");

    public IEnumerable<string> Keys => _tensors.Keys;

    public IEnumerable<HostTensor> Values => _tensors.Values;

    public int Count => _tensors.Count;

    public void Add(string name, HostTensor tensor)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(tensor);
        _tensors[name] = tensor;
    }

    /// <summary>A copy of this bundle with one tensor added or replaced.</summary>
    public TensorBundle With(string name, HostTensor tensor)
    {
        var copy = new TensorBundle(_tensors);
        copy.Add(name, tensor);
        return copy;
    }

    public bool ContainsKey(string key) => _tensors.ContainsKey(key);

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out HostTensor value) =>
        _tensors.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, HostTensor>> GetEnumerator() => _tensors.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
