using System.Globalization;
using System.Text;
using System.Text.Json;
using HybridAI.Simulator.Latencies;
using HybridAI.Simulator.Scenarios;
using HybridAI.Simulator.Simulation;

namespace HybridAI.Simulator.Reports;

/// <summary>
/// Hybrid at several planning headrooms against one cloud-only and one oracle run (neither depends on the hybrid headroom):
/// how much deadline safety the planner's mean-latency signals need, and what it costs.
/// </summary>
public static class HeadroomSweep
{
    public sealed record Point(double Headroom, double LatencyQuantileZ, bool ReplanOnSlowProgress, long ProgressReplans, double DeadlineAttainment, double LatencyP99Ms, double CloudGpuSeconds, double CloudGpuShareOfCloudOnly, double Money, double MoneyVsOracle);

    public static IReadOnlyList<string> Run(Scenario scenario, MeasuredLatencies latencies, IReadOnlyList<double> headrooms, IReadOnlyList<double> quantiles, MachineInfo machine, string directory, string stem)
    {
        var reference = FleetSimulator.Run(scenario with { Policies = [SimPolicy.CloudOnly, SimPolicy.Oracle] }, latencies);
        var cloud = reference.Get(SimPolicy.CloudOnly)!;
        var oracle = reference.Get(SimPolicy.Oracle)!;
        var points = new List<Point>();
        var runs = (
            from h in headrooms
            from z in quantiles
            from replan in new[] { false, true }
            select (h, z, replan, scenario with { Policies = [SimPolicy.Hybrid], Signals = scenario.Signals with { DeadlineHeadroom = h, LatencyQuantileZ = z, ReplanOnSlowProgress = replan } })).ToList();
        var results = new Point[runs.Count];
        Parallel.For(0, runs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var hybrid = FleetSimulator.Run(runs[i].Item4, latencies, maxParallelism: 1).Get(SimPolicy.Hybrid)!;
            results[i] = new Point(runs[i].h, runs[i].z, runs[i].replan, hybrid.ProgressReplans, hybrid.DeadlineAttainment, hybrid.LatencyP99Ms, hybrid.CloudGpuSeconds, hybrid.CloudGpuSeconds / cloud.CloudGpuSeconds, hybrid.Money, hybrid.Money / oracle.Money - 1);
        });
        points.AddRange(results);

        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(c, $"# Hybrid planning headroom sweep: {scenario.Name}");
        md.AppendLine();
        md.AppendLine(c, $"{scenario.DeviceCount:N0} devices, {scenario.DurationHours} h, seed {scenario.Seed}, {oracle.Jobs:N0} jobs; latency noise sigma {scenario.Signals.LatencyNoise}. Non-oracle policies plan against deadline x (1 - headroom) with reported latencies at quantile z (0: averages); attainment is against the real deadline.");
        md.AppendLine(c, $"Machine: {machine.Cores} cores, {machine.Os}, {machine.Runtime}; {machine.DateUtc}; git commit {machine.GitCommit}.");
        md.AppendLine(c, $"References: cloud-only {cloud.CloudGpuSeconds:N0} GPU-s, attainment {cloud.DeadlineAttainment:P2}; oracle money {oracle.Money:G5}, attainment {oracle.DeadlineAttainment:P2}.");
        md.AppendLine();
        md.AppendLine("| headroom | latency quantile z | re-plan on slow progress | progress re-plans | hybrid attainment | hybrid p99 ms | hybrid cloud GPU-s | % of cloud-only | hybrid money | vs oracle |");
        md.AppendLine("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var p in points)
        {
            md.AppendLine(c, $"| {p.Headroom:0.00} | {p.LatencyQuantileZ:0.00} | {(p.ReplanOnSlowProgress ? "yes" : "no")} | {p.ProgressReplans:N0} | {p.DeadlineAttainment:P2} | {p.LatencyP99Ms:F0} | {p.CloudGpuSeconds:N0} | {p.CloudGpuShareOfCloudOnly:P1} | {p.Money:G5} | {p.MoneyVsOracle:+0.0%;-0.0%} |");
        }

        Directory.CreateDirectory(directory);
        var mdPath = Path.Combine(directory, $"{stem}.headroom.md");
        var jsonPath = Path.Combine(directory, $"{stem}.headroom.json");
        File.WriteAllText(mdPath, md.ToString());
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(new { scenario = scenario.Name, scenario.Seed, scenario.DeviceCount, machine, cloudOnly = cloud, oracle, hybrid = points }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
        Console.Write(md);
        return [mdPath, jsonPath];
    }
}
