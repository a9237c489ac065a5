using System.Collections.Immutable;

namespace HybridAI.Contracts.Nodes;

/// <summary>An agent's heartbeat: what it can run, how fast it measured it, how loaded and how reachable it is.</summary>
/// <param name="Variants">Stage variants held, with a moving average of real latencies (start-up benchmark first).</param>
/// <param name="QueueLength">Leased work waiting in the agent (usually 0: agents pull only when a slot is free).</param>
/// <param name="BusySlots">Slots running work now.</param>
/// <param name="TotalSlots">Slots the agent has.</param>
/// <param name="CpuLoad">Load in [0, 1] as the OS reports it.</param>
/// <param name="Power">Battery state, or null for mains-powered nodes.</param>
/// <param name="RttMs">Measured round trip to the gateway.</param>
/// <param name="BandwidthBytesPerSecond">Estimated bandwidth to the cluster.</param>
/// <param name="PricePerSecond">Money per second of compute: GPU-second price for cloud workers, energy cost for devices.</param>
[GenerateSerializer, Immutable, Alias("hybridai.CapacityReport")]
public sealed record CapacityReport(
    [property: Id(0)] string NodeId,
    [property: Id(1)] ImmutableArray<VariantLatency> Variants,
    [property: Id(2)] int QueueLength,
    [property: Id(3)] int BusySlots,
    [property: Id(4)] int TotalSlots,
    [property: Id(5)] double CpuLoad,
    [property: Id(6)] PowerState? Power,
    [property: Id(7)] double RttMs,
    [property: Id(8)] double BandwidthBytesPerSecond,
    [property: Id(9)] double PricePerSecond,
    [property: Id(10)] DateTimeOffset MeasuredAt);
