using System.Collections.Concurrent;
using System.Collections.Immutable;
using HybridAI.Contracts.Nodes;

namespace HybridAI.DeviceAgent.Capacity;

/// <summary>What this agent has measured about itself: per stage and variant, latency (moving average) and output size.</summary>
public sealed class CapacityMeter
{
    private readonly ConcurrentDictionary<(StageKind Stage, string Variant), (LatencyAverage Latency, long OutputBytes)> _stages = new();
    private int _busy;

    public int BusySlots => Volatile.Read(ref _busy);

    public void Seed(StageKind stage, string variant, double latencyMs, long outputBytes) =>
        _stages[(stage, variant)] = (new LatencyAverage(latencyMs), outputBytes);

    /// <summary>Folds a real run into the moving average (denoise: milliseconds per step).</summary>
    public void Observe(StageKind stage, string variant, double latencyMs)
    {
        if (_stages.TryGetValue((stage, variant), out var entry))
        {
            entry.Latency.Add(latencyMs);
        }
    }

    public double LatencyOf(StageKind stage, string variant) =>
        _stages.TryGetValue((stage, variant), out var entry) ? entry.Latency.Value : double.NaN;

    public IDisposable Busy()
    {
        Interlocked.Increment(ref _busy);
        return new Release(() => Interlocked.Decrement(ref _busy));
    }

    public ImmutableArray<VariantLatency> Variants() =>
        [.. _stages.OrderBy(s => s.Key.Stage).ThenBy(s => s.Key.Variant, StringComparer.Ordinal)
            .Select(s => new VariantLatency(s.Key.Stage, s.Key.Variant, Math.Round(s.Value.Latency.Value, 3), s.Value.OutputBytes))];

    private sealed class Release(Action action) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                action();
            }
        }
    }
}
