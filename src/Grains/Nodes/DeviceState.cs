using HybridAI.Contracts.Nodes;

namespace HybridAI.Grains.Nodes;

[GenerateSerializer, Alias("hybridai.DeviceState")]
public sealed class DeviceState
{
    [Id(0)] public NodeRegistration? Registration { get; set; }
}
