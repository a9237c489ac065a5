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
