using System.Globalization;
using System.Text;
using System.Text.Json;

namespace HybridAI.Cluster.Bench;

/// <summary>Writes bench/results/cluster.json and cluster.md (or cluster.quick.* for --quick).</summary>
internal static class ClusterReport
{
    public static IReadOnlyList<string> Write(ClusterResults results, string folder)
    {
        Directory.CreateDirectory(folder);
        var stem = (results.Quick ? "cluster.quick" : "cluster") + (results.DecisionOnly ? ".decision" : "");
        var json = Path.Combine(folder, stem + ".json");
        var md = Path.Combine(folder, stem + ".md");
        File.WriteAllText(json, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }) + "\n");
        File.WriteAllText(md, Markdown(results));
        return [json, md];
    }

    public static string Markdown(ClusterResults r)
    {
        var m = r.Machine;
        var t = r.Targets;
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"# Cluster benchmark: scheduler latency, dispatch throughput, memory per device grain{(r.Quick ? " (quick run)" : "")}");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Machine: {m.Cpu}, {m.LogicalCores} logical cores, {m.Os}, {m.Runtime}, GC: {m.Gc}. Run {m.DateUtc} at commit {m.GitCommit}{(m.GitDirty ? " (src had uncommitted changes)" : "")}. Load average at start {m.LoadAtStart}, at end {m.LoadAtEnd} (shared machine).");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Reproduce: `{r.Command}`. One silo in-process; benchmark calls, virtual agents and the load generator share its cores.");
        s.AppendLine();
        s.AppendLine("## Targets");
        s.AppendLine();
        s.AppendLine(Inv($"| mode | decision p99, concurrent submissions at an offered rate (open loop) | decision p99, {r.Modes[0].Decision.Max(d => d.Concurrency)} callers back to back (closed loop, saturated) | target | stage dispatches/s per core | target | KB per device grain (heap / working set) | target |"));
        s.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var mode in r.Modes)
        {
            var worst = mode.Decision.MaxBy(d => d.Concurrency)!;
            var rates = string.Join("; ", mode.DecisionAtRate.Select(x => Inv($"{x.OfferedPerSecond:N0}/s: {x.Decision.P99Ms:F2} ms {Mark(x.Decision.P99Ms <= t.DecisionP99Ms)}")));
            var dispatch = mode.Live is { } live ? Inv($"{live.ItemsPerSecondPerCore:N0} {Mark(live.ItemsPerSecondPerCore >= t.ItemsPerSecondPerCore)}") : "not run";
            var memory = mode.Memory is { } x ? Inv($"{x.HeapKbPerDevice:F1} / {x.WorkingSetKbPerDevice:F1} {Mark(x.HeapKbPerDevice <= t.KbPerDeviceGrain)}") : "not run";
            s.AppendLine(Inv($"| {mode.Mode} | {rates} | {worst.Decision.P99Ms:F2} ms {Mark(worst.Decision.P99Ms <= t.DecisionP99Ms)} | <= {t.DecisionP99Ms} ms | {dispatch} | >= {t.ItemsPerSecondPerCore:N0} | {memory} | <= {t.KbPerDeviceGrain} |"));
        }

        s.AppendLine();
        s.AppendLine("## Decision latency (`IJobGrain.SubmitAsync`, submit then untimed cancel)");
        s.AppendLine();
        s.AppendLine("Open loop: Poisson arrivals at the offered rate, so submissions overlap whatever earlier ones are doing.");
        s.AppendLine();
        s.AppendLine("| mode | devices | offered /s | achieved /s | submissions | most in flight | p50 ms | p90 ms | p99 ms | max ms | mean ms | failed | GC gen0/1/2, paused ms |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var mode in r.Modes)
        {
            foreach (var d in mode.DecisionAtRate)
            {
                s.AppendLine(Inv($"| {mode.Mode} | {mode.Fleet.Devices:N0} | {d.OfferedPerSecond:N0} | {d.AchievedPerSecond:N0} | {d.Decision.Count:N0} | {d.MaxInFlight} | {d.Decision.P50Ms:F2} | {d.Decision.P90Ms:F2} | {d.Decision.P99Ms:F2} | {d.Decision.MaxMs:F1} | {d.Decision.MeanMs:F2} | {d.Failed} | {d.Gc.TableCell()} |"));
            }
        }

        s.AppendLine();
        s.AppendLine("Closed loop: N callers, each submitting again as soon as its previous submission returned.");
        s.AppendLine();
        s.AppendLine("| mode | devices | concurrency | submissions | p50 ms | p90 ms | p99 ms | max ms | mean ms | cycles/s | states after submit | GC gen0/1/2, paused ms |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |");
        foreach (var mode in r.Modes)
        {
            foreach (var d in mode.Decision)
            {
                s.AppendLine(Inv($"| {mode.Mode} | {mode.Fleet.Devices:N0} | {d.Concurrency} | {d.Decision.Count:N0} | {d.Decision.P50Ms:F2} | {d.Decision.P90Ms:F2} | {d.Decision.P99Ms:F2} | {d.Decision.MaxMs:F1} | {d.Decision.MeanMs:F2} | {d.CyclesPerSecond:N0} | {string.Join(", ", d.StatesAfterSubmit.Select(kv => $"{kv.Key} {kv.Value}"))} | {d.Gc.TableCell()} |"));
            }
        }

        s.AppendLine();
        foreach (var mode in r.Modes)
        {
            s.AppendLine();
            s.AppendLine(Inv($"Where the time goes, {mode.Mode}, one caller at a time, timed pass (grain calls: `out` = as the caller waits, queueing included; `in` = the grain's turn):"));
            s.AppendLine();
            AppendCallTable(s, mode.DecisionCallBreakdown);
        }

        s.AppendLine();
        s.AppendLine("## Live load (virtual agents with simulated compute, closed loop)");
        s.AppendLine();
        s.AppendLine("| mode | device agents | edge / cloud workers | jobs in flight | window s | jobs/s | work items/s | stages/s | items/s per core | process CPU | decision p50 / p99 ms | job end-to-end p50 / p99 ms | items by profile | failed submissions / rejected completions / unfinished |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |");
        foreach (var mode in r.Modes)
        {
            if (mode.Live is not { } l)
            {
                s.AppendLine(Inv($"| {mode.Mode} | not run (--decision-only) | | | | | | | | | | | | |"));
                continue;
            }

            s.AppendLine(Inv($"| {mode.Mode} | {l.DeviceAgents:N0} | {l.EdgeNodes} / {l.CloudWorkers} | {l.InFlightJobs} | {l.WindowSeconds:F0} | {l.JobsPerSecond:N1} | {l.ItemsPerSecond:N0} | {l.StagesPerSecond:N0} | {l.ItemsPerSecondPerCore:N0} | {l.ProcessCpuPercent:F0}% | {l.Decision.P50Ms:F2} / {l.Decision.P99Ms:F2} | {l.JobEndToEnd.P50Ms:F0} / {l.JobEndToEnd.P99Ms:F0} | {string.Join(", ", l.ItemsByProfile.Select(kv => $"{kv.Key} {kv.Value:N0}"))} | {l.FailedSubmissions} / {l.RejectedCompletions} / {l.UnfinishedAfterDrain} |"));
        }

        foreach (var mode in r.Modes.Where(m => m.Live is not null))
        {
            s.AppendLine();
            s.AppendLine(Inv($"Where the time goes under live load, {mode.Mode} (long polls `PullWorkAsync` park by design):"));
            s.AppendLine();
            AppendCallTable(s, mode.Live!.CallBreakdown.Where(c => !c.Call.Contains("PullWorkAsync", StringComparison.Ordinal)));
        }

        s.AppendLine();
        s.AppendLine("## Fleet registration and memory per device grain");
        s.AppendLine();
        s.AppendLine("| mode | devices activated | registrations/s | capacity reports/s | heap KB/device | working set KB/device | heap / working set after (MB) | idle CPU before → after |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var mode in r.Modes)
        {
            if (mode.Memory is not { } x)
            {
                s.AppendLine(Inv($"| {mode.Mode} | not run (--decision-only) | | | | | | |"));
                continue;
            }

            s.AppendLine(Inv($"| {mode.Mode} | {x.DeviceActivationsAdded:N0} of {x.Devices:N0} (on top of {x.DeviceActivationsBefore:N0}) | {x.RegistrationsPerSecond:N0} | {x.CapacityReportsPerSecond:N0} | {x.HeapKbPerDevice:F2} | {x.WorkingSetKbPerDevice:F2} | {x.HeapMbAfter:N0} / {x.WorkingSetMbAfter:N0} | {x.IdleCpuPercentBefore:F1}% → {x.IdleCpuPercentAfter:F1}% |"));
        }

        s.AppendLine();
        s.AppendLine("## Notes");
        s.AppendLine();
        foreach (var note in r.Notes)
        {
            s.AppendLine("- " + note);
        }

        return s.ToString();
    }

    /// <summary>The 16 calls with the most total time, as a markdown table.</summary>
    private static void AppendCallTable(StringBuilder s, IEnumerable<CallTiming> calls)
    {
        s.AppendLine("| call | calls | mean ms | total ms |");
        s.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var c in calls.Take(16))
        {
            s.AppendLine(Inv($"| `{c.Call}` | {c.Count:N0} | {c.MeanMs:F3} | {c.TotalMs:N0} |"));
        }
    }

    private static string Mark(bool met) => met ? "(met)" : "(missed)";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
