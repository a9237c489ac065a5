using System.Collections.Immutable;
using HybridAI.Contracts.Nodes;
using Planning = HybridAI.Planning;

namespace HybridAI.Grains.Jobs;

/// <summary>Turns node snapshots (Orleans messages) into the planner's candidates.</summary>
public static class CandidateMapper
{
    public static Planning.CandidateNode ToCandidate(NodeSnapshot snapshot, DateTimeOffset now, TimeSpan staleAfter, ISet<string> excluded)
    {
        var capacity = snapshot.Capacity;
        var fresh = snapshot.LastHeartbeat is { } beat && now - beat < staleAfter;
        var online = snapshot.Health == NodeHealth.Online && fresh && capacity is not null && !excluded.Contains(snapshot.NodeId);
        var variants = capacity is null
            ? ImmutableArray<Planning.ModelVariant>.Empty
            : capacity.Variants.Select(v => new Planning.ModelVariant(PlanningTypeMap.Map(v.Stage), v.Variant, v.LatencyMs)).ToImmutableArray();
        var slots = Math.Max(1, capacity?.TotalSlots ?? 1);
        var queue = new Planning.NodeQueue(snapshot.QueuedItems, Math.Min(slots, Math.Max(snapshot.LeasedItems, capacity?.BusySlots ?? 0)), slots, snapshot.QueuedWorkMs);
        var link = new Planning.NetworkLink(capacity?.RttMs ?? 1000, capacity?.BandwidthBytesPerSecond ?? 1);
        var battery = capacity?.Power is { } p ? new Planning.BatteryStatus(p.BatteryLevel, p.Charging, p.ThermalThrottled) : null;
        return new Planning.CandidateNode(snapshot.NodeId, PlanningTypeMap.Map(snapshot.Kind), online, variants, queue, link, capacity?.PricePerSecond ?? 0, battery);
    }
}
