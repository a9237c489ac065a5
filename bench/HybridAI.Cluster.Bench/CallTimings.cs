using System.Collections.Concurrent;
using System.Diagnostics;

namespace HybridAI.Cluster.Bench;

/// <summary>
/// Where a submission's time goes: every grain call the silo makes (outgoing, as the caller waits for it, queueing
/// included) and every call a grain runs (incoming, the turn itself), by interface and method.
/// </summary>
internal sealed class CallTimings : IIncomingGrainCallFilter, IOutgoingGrainCallFilter
{
    private ConcurrentDictionary<string, Accumulator> _calls = new(StringComparer.Ordinal);

    /// <summary>Forgets what was recorded so far (the warm-up), so a breakdown covers only what follows.</summary>
    public void Reset() => _calls = new ConcurrentDictionary<string, Accumulator>(StringComparer.Ordinal);

    public IReadOnlyList<CallTiming> Snapshot() =>
        [.. _calls.Select(kv => new CallTiming(kv.Key, kv.Value.Count, Math.Round(kv.Value.TotalMs / Math.Max(1, kv.Value.Count), 3), Math.Round(kv.Value.TotalMs)))
            .OrderByDescending(c => c.TotalMs)];

    public void Record(string key, double ms) => _calls.GetOrAdd(key, _ => new Accumulator()).Add(ms);

    public Task Invoke(IIncomingGrainCallContext context) => Time("in  " + Name(context), context.Invoke);

    public Task Invoke(IOutgoingGrainCallContext context) => Time("out " + Name(context), context.Invoke);

    private static string Name(IGrainCallContext context) => $"{ShortName(context.InterfaceName)}.{context.MethodName}";

    private static string ShortName(string name) => name[(name.LastIndexOf('.') + 1)..];

    private async Task Time(string key, Func<Task> invoke)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await invoke();
        }
        finally
        {
            Record(key, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private sealed class Accumulator
    {
        private readonly Lock _gate = new();

        public long Count { get; private set; }

        public double TotalMs { get; private set; }

        public void Add(double ms)
        {
            lock (_gate)
            {
                Count++;
                TotalMs += ms;
            }
        }
    }
}

/// <summary>One grain method's calls: how many, mean and total milliseconds.</summary>
internal sealed record CallTiming(string Call, long Count, double MeanMs, double TotalMs);
