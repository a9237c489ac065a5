using System.Collections.Concurrent;

namespace HybridAI.Pipelines.Execution;

/// <summary>
/// One <see cref="ModelSession"/> per (stage, model file), created on first use, shared by all callers, disposed with
/// the cache. Keyed by stage too so that errors name the stage that actually ran.
/// </summary>
public sealed class SessionCache(ExecutorOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ModelSession>> _sessions = new(StringComparer.Ordinal);
    private int _disposed;

    public ExecutorOptions Options { get; } = Validated(options);

    public ModelSession Get(string stageName, string modelPath)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        string fullPath = Path.GetFullPath(modelPath);
        string key = stageName + "\n" + fullPath;
        var lazy = _sessions.GetOrAdd(key, _ => new Lazy<ModelSession>(() => new ModelSession(stageName, fullPath, Options), LazyThreadSafetyMode.ExecutionAndPublication));
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
