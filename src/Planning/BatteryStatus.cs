namespace HybridAI.Planning;

/// <summary>Battery and thermal state reported by a battery-powered node.</summary>
/// <param name="Level">Charge level in [0, 1].</param>
/// <param name="Charging">True when plugged in.</param>
/// <param name="ThermalThrottled">True when the platform reports thermal throttling.</param>
public sealed record BatteryStatus(double Level, bool Charging, bool ThermalThrottled);
