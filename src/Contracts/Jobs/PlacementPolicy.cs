namespace HybridAI.Contracts.Jobs;

[GenerateSerializer, Alias("hybridai.PlacementPolicy")]
public enum PlacementPolicy
{
    Hybrid = 0,
    CloudOnly = 1,
    DeviceOnly = 2,
    StaticSplit = 3,
}
