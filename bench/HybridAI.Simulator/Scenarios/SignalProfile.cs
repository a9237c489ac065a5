namespace HybridAI.Simulator.Scenarios;

/// <summary>How stale and noisy the planner's signals are, and the scheduler's planning headroom.</summary>
/// <param name="HeartbeatMs">Edge/cloud queue reports are refreshed this often.</param>
/// <param name="LinkMeasureMinutes">A device's link figures are re-measured this often.</param>
/// <param name="LatencyNoise">Sigma of the lognormal factor between a job's realised and the measured average latency per node.</param>
/// <param name="ThermalLatencyFactor">Real slowdown of a thermally throttled device.</param>
/// <param name="DeadlineHeadroom">Non-oracle policies plan against deadline x (1 - headroom) to absorb noise.</param>
/// <param name="LatencyQuantileZ">0: agents report average latencies; z > 0: the quantile at z standard deviations of the realised latency.</param>
/// <param name="ReplanOnSlowProgress">Hybrid checks a device segment after its first denoise step and re-plans the rest when it would finish late.</param>
public sealed record SignalProfile(double HeartbeatMs, double LinkMeasureMinutes, double LatencyNoise, double ThermalLatencyFactor, double DeadlineHeadroom, bool ReplanOnSlowProgress, double LatencyQuantileZ = 0);
