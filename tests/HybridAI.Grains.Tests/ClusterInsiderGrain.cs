using HybridAI.Contracts.Nodes;
using HybridAI.Contracts.Work;
using HybridAI.Grains.Payloads;

namespace HybridAI.Grains.Tests;

/// <summary>
/// A grain the tests use for cluster-internal calls, which clients may not make: it queues work on a node as a job
/// grain would, and reads payloads as a job grain does.
/// </summary>
public interface IClusterInsiderGrain : IGrainWithIntegerKey
{
    Task EnqueueAsync(NodeKind kind, string nodeId, WorkItem item);

    /// <summary>The payload, or null when there is none.</summary>
    Task<byte[]?> ReadPayloadAsync(string key);
}

public sealed class ClusterInsiderGrain(IPayloadStore payloads) : Grain, IClusterInsiderGrain
{
    public Task EnqueueAsync(NodeKind kind, string nodeId, WorkItem item) => kind switch
    {
        NodeKind.Device => GrainFactory.GetGrain<IDeviceGrain>(nodeId).EnqueueAsync(item),
        NodeKind.EdgeNode => GrainFactory.GetGrain<IEdgeNodeGrain>(nodeId).EnqueueAsync(item),
        NodeKind.CloudPool => GrainFactory.GetGrain<ICloudPoolGrain>(nodeId).EnqueueAsync(item),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown node kind"),
    };

    public async Task<byte[]?> ReadPayloadAsync(string key)
    {
        try
        {
            return await payloads.GetAsync(key);
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }
}
