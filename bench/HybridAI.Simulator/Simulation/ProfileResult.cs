namespace HybridAI.Simulator.Simulation;

/// <summary>Per device profile: how its jobs fared.</summary>
public sealed record ProfileResult(string Profile, long Jobs, long OnTime, long Infeasible, double CloudGpuSeconds, double DeviceEnergyKWh);
