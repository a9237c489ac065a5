using HybridAI.Contracts.Nodes;
using HybridAI.DeviceAgent.Configuration;

namespace HybridAI.DeviceAgent.Cluster;

/// <summary>The grain this agent works for: its own device or edge node grain, or its cloud pool's grain.</summary>
public sealed class NodeConnection(IClusterClient client, AgentSettings settings)
{
    // Resolved per use: grain references need the cluster's manifest, which the client has only once connected.
    public INodeGrain Node => settings.Profile.Kind switch
    {
        NodeKind.Device => client.GetGrain<IDeviceGrain>(settings.NodeKey),
        NodeKind.EdgeNode => client.GetGrain<IEdgeNodeGrain>(settings.NodeKey),
        _ => client.GetGrain<ICloudPoolGrain>(settings.NodeKey),
    };

    public IClusterClient Client => client;

    /// <summary>Set once the agent registered; cleared when a call shows the cluster forgot it (e.g. after a restart on Embedded storage).</summary>
    public volatile bool Registered;
}
