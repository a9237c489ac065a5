using HybridAI.Contracts.Nodes;
using HybridAI.Grains.Security;
using Microsoft.Extensions.Options;

namespace HybridAI.Grains.Nodes;

public sealed class EdgeNodeGrain(
    [PersistentState("node", StorageNames.Nodes)] IPersistentState<NodeRecord> record,
    NodeCredentialAuthority authority,
    IOptions<NodeOptions> options,
    TimeProvider time) : NodeGrain(record, authority, options, time), IEdgeNodeGrain
{
    protected override NodeKind Kind => NodeKind.EdgeNode;

    protected override void ValidateRegistration(NodeRegistration registration) => SingleWorkerRules.Validate(registration, NodeId, Kind);
}
