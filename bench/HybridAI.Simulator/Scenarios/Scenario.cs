namespace HybridAI.Simulator.Scenarios;

/// <summary>A fleet simulation scenario, as read from bench/scenarios/*.json (see ScenarioLoader for field meanings).</summary>
public sealed record Scenario(
    string Name,
    string SourcePath,
    int Seed,
    double DurationHours,
    LatencySource Latencies,
    int Regions,
    int DeviceCount,
    IReadOnlyList<DeviceProfile> DeviceProfiles,
    EdgeProfile Edge,
    IReadOnlyList<CloudPoolProfile> CloudPools,
    JobProfile Job,
    NetworkProfile Network,
    ChurnProfile Churn,
    SignalProfile Signals,
    double EnergyPricePerKWh,
    IReadOnlyList<SimPolicy> Policies)
{
    public double DurationMs => DurationHours * 3_600_000.0;
}

/// <summary>Where measured stage latencies come from, and the documented adjustments applied to them.</summary>
/// <param name="Path">Path of the measured latencies file (resolved against the scenario file's folder).</param>
/// <param name="DerivedVariants">Variants not measured but derived from a measured one by a factor (e.g. INT4 from INT8).</param>
public sealed record LatencySource(string Path, IReadOnlyList<DerivedVariant> DerivedVariants);

/// <summary>A variant that was not measured: latency = latency of <paramref name="From"/> x <paramref name="Factor"/>.</summary>
public sealed record DerivedVariant(string Name, string From, double Factor);

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

/// <summary>Shares of job privacy levels (normalised when read).</summary>
public sealed record PrivacyMix(double Standard, double Strict, double LocalOnly);

/// <summary>Edge servers: <paramref name="NodesPerRegion"/> per region, each with slots; down for repairs now and then.</summary>
public sealed record EdgeProfile(
    int NodesPerRegion,
    int Slots,
    double LatencyFactor,
    IReadOnlyList<string> Variants,
    double PricePerSecond,
    double RttMs,
    double BandwidthMbps,
    double MtbfHours,
    double RepairHours);

/// <summary>A cloud GPU pool shared by all regions; a spot pool's price follows a mean-reverting random walk.</summary>
public sealed record CloudPoolProfile(
    string Name,
    int Slots,
    double LatencyFactor,
    IReadOnlyList<string> Variants,
    double PricePerSecond,
    double SpotVolatility,
    double PriceIntervalMinutes,
    double RttMs,
    double BandwidthMbps);

/// <summary>Job arrivals and shape: diurnal Poisson per device, text-to-image with a deadline.</summary>
public sealed record JobProfile(
    double JobsPerDevicePerDay,
    double DiurnalAmplitude,
    double PeakHour,
    int DenoiseSteps,
    double DeadlineMs,
    IReadOnlyList<string>? AllowedVariants);

/// <summary>Network variation: diurnal congestion (bandwidth down, RTT up at the peak) and per-transfer jitter.</summary>
public sealed record NetworkProfile(double DiurnalCongestion, double Jitter);

/// <summary>Device sessions: online and offline durations are exponential with these means.</summary>
public sealed record ChurnProfile(double MeanOnlineHours, double MeanOfflineHours);

/// <summary>How stale and noisy the planner's signals are, and the scheduler's planning headroom.</summary>
/// <param name="HeartbeatMs">Edge/cloud queue reports are refreshed this often.</param>
/// <param name="LinkMeasureMinutes">A device's link figures are re-measured this often.</param>
/// <param name="LatencyNoise">Sigma of the lognormal factor between a job's realised and the measured average latency per node.</param>
/// <param name="ThermalLatencyFactor">Real slowdown of a thermally throttled device.</param>
/// <param name="DeadlineHeadroom">Non-oracle policies plan against deadline x (1 - headroom) to absorb noise.</param>
public sealed record SignalProfile(double HeartbeatMs, double LinkMeasureMinutes, double LatencyNoise, double ThermalLatencyFactor, double DeadlineHeadroom);

/// <summary>The policies compared in one run.</summary>
public enum SimPolicy
{
    Hybrid,
    CloudOnly,
    DeviceOnly,
    StaticSplit,
    Oracle,
}
