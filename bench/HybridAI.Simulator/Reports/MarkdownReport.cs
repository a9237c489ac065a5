using System.Globalization;
using System.Text;
using HybridAI.Simulator.Simulation;

namespace HybridAI.Simulator.Reports;

/// <summary>The results as markdown: policy table, targets, per-profile breakdown, inputs and machine.</summary>
public static class MarkdownReport
{
    public static string Table(SimulationResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("| policy | jobs | infeasible | replans (slow progress) | deadline attainment | p50 ms | p95 ms | p99 ms | cloud GPU-s | edge s | money | cloud $ | device energy kWh | privacy violations |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var p in r.Policies)
        {
            md.AppendLine(c, $"| {p.Policy} | {p.Jobs:N0} | {p.Infeasible + p.LostAfterReplan:N0} | {p.Replans:N0} ({p.ProgressReplans:N0}) | {p.DeadlineAttainment:P2} | {p.LatencyP50Ms:F0} | {p.LatencyP95Ms:F0} | {p.LatencyP99Ms:F0} | {p.CloudGpuSeconds:N0} | {p.EdgeSeconds:N0} | {p.Money:F2} | {p.CloudMoney:F2} | {p.DeviceEnergyKWh:F3} | {p.PrivacyViolations} |");
        }

        return md.ToString();
    }

    public static string Full(SimulationResult r, MachineInfo machine, IReadOnlyList<TargetCheck> targets, IReadOnlyList<string> plots)
    {
        var c = CultureInfo.InvariantCulture;
        var s = r.Scenario;
        var md = new StringBuilder();
        md.AppendLine(c, $"# Fleet simulator: {s.Name}");
        md.AppendLine();
        md.AppendLine(c, $"{s.DeviceCount:N0} devices in {s.Regions} regions, {s.DurationHours} simulated hours, seed {s.Seed}; {r.Jobs:N0} jobs submitted ({r.SuppressedArrivals:N0} arrivals fell on offline devices and were not submitted).");
        md.AppendLine(c, $"Machine: {machine.Cores} cores, {machine.Os}, {machine.Runtime} ({machine.Architecture}); run {machine.DateUtc}; git commit {machine.GitCommit}.");
        md.AppendLine(c, $"Wall time {r.WallSeconds:F1} s (fleet build {r.BuildSeconds:F1} s; policies run in parallel, per policy: {string.Join(", ", r.Policies.Select(p => string.Create(c, $"{p.Policy} {p.WallSeconds:F1} s")))}).");
        md.AppendLine();
        md.Append(Table(r));
        md.AppendLine();
        md.AppendLine(c, $"Cloud queue wait per segment (mean / max ms): {string.Join(", ", r.Policies.Select(p => string.Create(c, $"{p.Policy} {p.MeanCloudQueueWaitMs:F1} / {p.MaxCloudQueueWaitMs:F0}")))}.");
        md.AppendLine();
        md.AppendLine("Latency percentiles are over completed jobs (submission to output back on the origin device); infeasible jobs count as missed deadlines.");
        md.AppendLine("Money = cloud GPU-seconds x the pool's price at execution + edge seconds x edge price + device energy x electricity price.");
        md.AppendLine();
        md.AppendLine("## Targets (benchmarks, not tests)");
        md.AppendLine();
        md.AppendLine("| target | measured | met |");
        md.AppendLine("| --- | --- | --- |");
        foreach (var t in targets)
        {
            md.AppendLine(c, $"| {t.Target} | {t.Measured} | {(t.Met is null ? "n/a (not this scale)" : t.Met.Value ? "yes" : "**no**")} |");
        }

        md.AppendLine();
        md.AppendLine("## Per device profile");
        md.AppendLine();
        md.AppendLine("| policy | profile | jobs | on time | infeasible | cloud GPU-s | device kWh |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var p in r.Policies)
        {
            foreach (var x in p.Profiles)
            {
                md.AppendLine(c, $"| {p.Policy} | {x.Profile} | {x.Jobs:N0} | {(x.Jobs == 0 ? 0 : (double)x.OnTime / x.Jobs):P2} | {x.Infeasible:N0} | {x.CloudGpuSeconds:N0} | {x.DeviceEnergyKWh:F3} |");
            }
        }

        var infeasible = r.Policies.Where(p => p.InfeasibleSamples.Count > 0).ToList();
        if (infeasible.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Infeasible examples (planner's NoFeasiblePlanException):");
            foreach (var p in infeasible)
            {
                md.AppendLine(c, $"- {p.Policy}: {p.InfeasibleSamples[0]}");
            }
        }

        md.AppendLine();
        md.AppendLine("## Stage latencies used (ms; denoise per step)");
        md.AppendLine();
        md.AppendLine(c, $"Measured reference: `{r.Latencies.Source}`. Each node's latency = reference x its profile's `latencyFactor` (scenario file).");
        foreach (var note in r.Latencies.Notes)
        {
            md.AppendLine(c, $"- {note}");
        }

        md.AppendLine();
        md.AppendLine("| node | variants |");
        md.AppendLine("| --- | --- |");
        foreach (var (node, template) in r.NodeLatencies)
        {
            md.AppendLine(c, $"| {node} | {(template.Variants.IsEmpty ? "(none)" : string.Join(", ", template.Variants.Select(v => string.Create(c, $"{v.Stage} {v.Name} {v.LatencyMs:G4}"))))} |");
        }

        md.AppendLine();
        md.AppendLine("## Oracle");
        md.AppendLine();
        md.AppendLine("The oracle is the real planner in Hybrid mode given, per job, the realised values the other policies only estimate: the job's actual per-node latencies (noise and thermal slowdown), the device link's actual congestion and jitter, and the true queue wait of every node at submission; it plans against the true deadline (no headroom). It is therefore the exact per-job money optimum with perfect knowledge of the present. It does not know jobs still to arrive (they can queue ahead of its later segments) and places jobs one at a time, so it is not a fleet-wide optimum. Because it knows each job's realised latency it keeps a marginal job on the device exactly when that job will make its deadline; a policy that knows only averages must offload marginal jobs or accept lateness, so the money gap to the oracle measures the value of that knowledge as much as the planner.");
        md.AppendLine();
        md.AppendLine("## Plots");
        md.AppendLine();
        foreach (var plot in plots)
        {
            md.AppendLine(c, $"![{plot}]({plot})");
        }

        return md.ToString();
    }
}
