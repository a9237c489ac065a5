namespace HybridAI.Contracts.Nodes;

/// <summary>Battery and thermal state, read from the OS where it tells, otherwise from the agent's profile.</summary>
/// <param name="BatteryLevel">Charge in [0, 1].</param>
[GenerateSerializer, Immutable, Alias("hybridai.PowerState")]
public sealed record PowerState(
    [property: Id(0)] double BatteryLevel,
    [property: Id(1)] bool Charging,
    [property: Id(2)] bool ThermalThrottled);
