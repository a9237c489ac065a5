using HybridAI.Contracts.Nodes;

namespace HybridAI.Grains.Nodes;

/// <summary>A node grain's durable state: the registrations of its workers (one for a device or edge node, many for a pool).</summary>
[GenerateSerializer, Alias("hybridai.NodeRecord")]
public sealed class NodeRecord
{
    [Id(0)] public Dictionary<string, NodeRegistration> Workers { get; set; } = new();
}
