using System.Collections.Immutable;

namespace HybridAI.Contracts.Nodes;

/// <summary>What the scheduler knows about a node right now: registration, liveness, latest capacity, queue.</summary>
/// <param name="QueuedItems">Work items waiting in the node grain's queue.</param>
/// <param name="LeasedItems">Work items leased to agents and not yet completed.</param>
/// <param name="QueuedWorkMs">Estimated milliseconds of queued and leased work.</param>
/// <param name="Workers">Cloud pools: the live workers; other nodes: the node itself.</param>
[GenerateSerializer, Immutable, Alias("hybridai.NodeSnapshot")]
public sealed record NodeSnapshot(
    [property: Id(0)] string NodeId,
    [property: Id(1)] NodeKind Kind,
    [property: Id(2)] string Region,
    [property: Id(3)] NodeHealth Health,
    [property: Id(4)] CapacityReport? Capacity,
    [property: Id(5)] int QueuedItems,
    [property: Id(6)] int LeasedItems,
    [property: Id(7)] double QueuedWorkMs,
    [property: Id(8)] ImmutableArray<string> Workers,
    [property: Id(9)] DateTimeOffset? LastHeartbeat);
