namespace HybridAI.Simulator.Scenarios;

/// <summary>A class of devices. Latency of a variant = measured reference latency x <paramref name="LatencyFactor"/>.</summary>
public sealed record DeviceProfile(
    string Name,
    double Share,
    string Accelerator,
    double LatencyFactor,
    IReadOnlyList<string> Stages,
    IReadOnlyList<string> Variants,
    double PowerWatts,
    double BatteryWh,
    double IdleDrainPerHour,
    double ChargePerHour,
    double ChargeStartHour,
    double ChargeHours,
    double RttMs,
    double BandwidthMbps,
    double LinkSpread,
    double ThermalThrottleProbability,
    PrivacyMix Privacy);
