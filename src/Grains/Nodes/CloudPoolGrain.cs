using System.Collections.Immutable;
using HybridAI.Contracts.Nodes;
using HybridAI.Grains.Security;
using Microsoft.Extensions.Options;

namespace HybridAI.Grains.Nodes;

/// <summary>A pool of GPU workers sharing one queue, priced per GPU-second by the pool's schedule.</summary>
public sealed class CloudPoolGrain(
    [PersistentState("node", StorageNames.Nodes)] IPersistentState<NodeRecord> record,
    NodeCredentialAuthority authority,
    IOptions<NodeOptions> options,
    IOptions<CloudPricingOptions> pricing,
    TimeProvider time) : NodeGrain(record, authority, options, time), ICloudPoolGrain
{
    protected override NodeKind Kind => NodeKind.CloudPool;

    protected override void ValidateRegistration(NodeRegistration registration)
    {
        if (registration.Kind != NodeKind.CloudPool || registration.PoolName != NodeId)
        {
            throw new ArgumentException(
                $"Worker '{registration.NodeId}' registers as {registration.Kind} of pool '{registration.PoolName}', but this is cloud pool '{NodeId}'.",
                nameof(registration));
        }

        if (string.IsNullOrWhiteSpace(registration.Region))
        {
            throw new ArgumentException($"Worker '{registration.NodeId}' names no region.", nameof(registration));
        }
    }

    protected override double PricePerSecond(string workerId) =>
        pricing.Value.PriceAt(NodeId, Time.GetUtcNow()) ?? base.PricePerSecond(workerId);

    // The pool runs as many items at once as its live workers have slots; a variant is as fast as its median worker.
    protected override CapacityReport? MergeCapacity(IReadOnlyList<CapacityReport> live)
    {
        if (live.Count == 0)
        {
            return null;
        }

        var variants = live.SelectMany(r => r.Variants)
            .GroupBy(v => (v.Stage, v.Variant))
            .OrderBy(g => g.Key.Stage).ThenBy(g => g.Key.Variant, StringComparer.Ordinal)
            .Select(g => new VariantLatency(g.Key.Stage, g.Key.Variant, Median(g.Select(v => v.LatencyMs)), g.Max(v => v.OutputBytes)))
            .ToImmutableArray();
        var price = pricing.Value.PriceAt(NodeId, Time.GetUtcNow()) ?? Median(live.Select(r => r.PricePerSecond));
        return new CapacityReport(
            NodeId,
            variants,
            live.Sum(r => r.QueueLength),
            live.Sum(r => r.BusySlots),
            live.Sum(r => r.TotalSlots),
            live.Average(r => r.CpuLoad),
            null,
            Median(live.Select(r => r.RttMs)),
            live.Min(r => r.BandwidthBytesPerSecond),
            price,
            live.Max(r => r.MeasuredAt));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
