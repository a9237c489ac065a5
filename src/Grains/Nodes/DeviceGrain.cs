using HybridAI.Contracts.Nodes;
using HybridAI.Grains.Security;
using Microsoft.Extensions.Options;

namespace HybridAI.Grains.Nodes;

public sealed class DeviceGrain(
    [PersistentState("node", StorageNames.Nodes)] IPersistentState<NodeRecord> record,
    NodeCredentialAuthority authority,
    IOptions<NodeOptions> options,
    TimeProvider time) : NodeGrain(record, authority, options, time), IDeviceGrain
{
    protected override NodeKind Kind => NodeKind.Device;

    protected override void ValidateRegistration(NodeRegistration registration) => SingleWorkerRules.Validate(registration, NodeId, Kind);
}
