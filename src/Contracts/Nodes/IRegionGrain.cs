using System.Collections.Immutable;
using Orleans.Concurrency;

namespace HybridAI.Contracts.Nodes;

/// <summary>
/// The edge nodes and cloud pools serving one region, with their latest snapshots. The scheduler's candidates
/// for a job are its origin device plus these, so planning cost does not grow with the number of devices.
/// </summary>
public interface IRegionGrain : IGrainWithStringKey
{
    /// <summary>Edge nodes and cloud pools publish their snapshot on every heartbeat and when they go suspect or gone.</summary>
    Task PublishAsync(NodeSnapshot snapshot);

    /// <remarks>Interleaves: every job's planning reads it, and it only returns an immutable cached array.</remarks>
    [AlwaysInterleave]
    Task<ImmutableArray<NodeSnapshot>> GetServingNodesAsync();
}
