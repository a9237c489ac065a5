using System.Collections.Concurrent;

namespace HybridAI.Pipelines.Execution;

/// <summary>One <see cref="ModelSession"/> per model file, created on first use, shared, disposed with the cache.</summary>
public sealed class SessionCache(ExecutorOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ModelSession>> _sessions = new(StringComparer.Ordinal);
    private int _disposed;

    public ExecutorOptions Options { get; } = Validated(options);

    public ModelSession Get(string stageName, string modelPath)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        string key = Path.GetFullPath(modelPath);
        var lazy = _sessions.GetOrAdd(key, k => new Lazy<ModelSession>(() => new ModelSession(stageName, k, Options), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _sessions.TryRemove(new KeyValuePair<string, Lazy<ModelSession>>(key, lazy)); // let a fixed file load next time
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var lazy in _sessions.Values)
        {
            if (lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
        }

        _sessions.Clear();
    }

    private static ExecutorOptions Validated(ExecutorOptions options)
    {
        options.Validate();
        return options;
    }
}
