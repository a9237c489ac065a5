using System.Collections.Immutable;
using HybridAI.Contracts.Nodes;

namespace HybridAI.Grains.Regions;

/// <summary>
/// The latest snapshots of a region's edge nodes and cloud pools. Volatile on purpose: the nodes republish on every
/// heartbeat, so after a restart the directory refills within one heartbeat.
/// </summary>
public sealed class RegionGrain : Grain, IRegionGrain
{
    private readonly Dictionary<string, NodeSnapshot> _nodes = new(StringComparer.Ordinal);
    private ImmutableArray<NodeSnapshot>? _cached;

    public Task PublishAsync(NodeSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Kind == NodeKind.Device)
        {
            throw new ArgumentException($"Devices do not serve a region; '{snapshot.NodeId}' is a device.", nameof(snapshot));
        }

        _nodes[snapshot.NodeId] = snapshot;
        _cached = null;
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<NodeSnapshot>> GetServingNodesAsync()
    {
        _cached ??= _nodes.Values.OrderBy(n => n.NodeId, StringComparer.Ordinal).ToImmutableArray();
        return Task.FromResult(_cached.Value);
    }
}
