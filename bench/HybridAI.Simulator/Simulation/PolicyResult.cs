namespace HybridAI.Simulator.Simulation;

/// <summary>What one policy did over the simulated period.</summary>
public sealed record PolicyResult(
    string Policy,
    long Jobs,
    long StandardJobs,
    long StrictJobs,
    long LocalOnlyJobs,
    long Completed,
    long Infeasible,
    long Replans,
    long LostAfterReplan,
    long OnTime,
    long PlannedLate,
    double DeadlineAttainment,
    double LatencyP50Ms,
    double LatencyP95Ms,
    double LatencyP99Ms,
    double LatencyMeanMs,
    double CloudGpuSeconds,
    double EdgeSeconds,
    double DeviceSeconds,
    double Money,
    double CloudMoney,
    double EdgeMoney,
    double DeviceEnergyMoney,
    double DeviceEnergyKWh,
    long PrivacyViolations,
    IReadOnlyList<string> PrivacyViolationSamples,
    IReadOnlyList<string> InfeasibleSamples,
    double[] HourlyMoney,
    double[] HourlyCloudGpuSeconds,
    IReadOnlyList<ProfileResult> Profiles,
    double MaxCloudQueueWaitMs,
    double WallSeconds);

/// <summary>Per device profile: how its jobs fared.</summary>
public sealed record ProfileResult(string Profile, long Jobs, long OnTime, long Infeasible, double CloudGpuSeconds, double DeviceEnergyKWh);
