using HybridAI.Contracts.Nodes;
using HybridAI.Contracts.Work;

namespace HybridAI.Grains.Tests;

/// <summary>
/// Stands in for a job grain where a test queues work on a node directly: enqueueing is cluster-internal, so the call
/// has to come from a grain.
/// </summary>
public interface ITestDispatcherGrain : IGrainWithIntegerKey
{
    Task EnqueueAsync(NodeKind kind, string nodeId, WorkItem item);
}

public sealed class TestDispatcherGrain : Grain, ITestDispatcherGrain
{
    public Task EnqueueAsync(NodeKind kind, string nodeId, WorkItem item) => kind switch
    {
        NodeKind.Device => GrainFactory.GetGrain<IDeviceGrain>(nodeId).EnqueueAsync(item),
        NodeKind.EdgeNode => GrainFactory.GetGrain<IEdgeNodeGrain>(nodeId).EnqueueAsync(item),
        NodeKind.CloudPool => GrainFactory.GetGrain<ICloudPoolGrain>(nodeId).EnqueueAsync(item),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown node kind"),
    };
}
