using System.Text.Json;
using System.Text.Json.Serialization;
using HybridAI.Simulator.Simulation;

namespace HybridAI.Simulator.Reports;

/// <summary>Writes <c>{stem}.json</c>, <c>{stem}.md</c> and the SVG plots.</summary>
public static class ResultWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static IReadOnlyList<string> WriteAll(SimulationResult r, MachineInfo machine, string directory, string stem, string svgPrefix)
    {
        var targets = TargetCheck.Evaluate(r);
        var names = r.Policies.Select(p => p.Policy).ToList();
        var plots = new List<(string File, string Svg)>
        {
            ($"{svgPrefix}cost.svg", SvgChart.Bars($"Money per policy ({r.Scenario.Name})", "money", names, [("money", [.. r.Policies.Select(p => p.Money)])])),
            ($"{svgPrefix}gpu-seconds.svg", SvgChart.Bars($"Cloud GPU-seconds per policy ({r.Scenario.Name})", "GPU-seconds", names, [("cloud GPU-s", [.. r.Policies.Select(p => p.CloudGpuSeconds)])])),
            ($"{svgPrefix}latency.svg", SvgChart.Bars($"Job latency per policy ({r.Scenario.Name})", "ms", names,
            [
                ("p50", [.. r.Policies.Select(p => p.LatencyP50Ms)]),
                ("p95", [.. r.Policies.Select(p => p.LatencyP95Ms)]),
                ("p99", [.. r.Policies.Select(p => p.LatencyP99Ms)]),
            ])),
            ($"{svgPrefix}cost-over-day.svg", SvgChart.Lines($"Money per simulated hour ({r.Scenario.Name})", "hour", "money per hour", [.. r.Policies.Select(p => (p.Policy, p.HourlyMoney))])),
        };

        var written = new List<string>();
        foreach (var (file, svg) in plots)
        {
            written.Add(Write(directory, file, svg));
        }

        var document = new
        {
            scenario = new
            {
                r.Scenario.Name,
                source = r.Scenario.SourcePath,
                r.Scenario.Seed,
                r.Scenario.DeviceCount,
                r.Scenario.Regions,
                r.Scenario.DurationHours,
                latencies = r.Latencies.Source,
                latencyNotes = r.Latencies.Notes,
                r.Scenario.Job,
                r.Scenario.Signals,
            },
            machine,
            r.Jobs,
            r.SuppressedArrivals,
            r.WallSeconds,
            r.BuildSeconds,
            targets,
            policies = r.Policies,
            nodeLatencies = r.NodeLatencies.Select(n => new { n.Node, variants = n.Template.Variants.Select(v => new { stage = v.Stage.ToString(), v.Name, v.LatencyMs }) }),
        };
        written.Add(Write(directory, $"{stem}.json", JsonSerializer.Serialize(document, Json)));
        written.Add(Write(directory, $"{stem}.md", MarkdownReport.Full(r, machine, targets, [.. plots.Select(p => p.File)])));
        return written;
    }

    private static string Write(string directory, string file, string text)
    {
        var path = Path.Combine(directory, file);
        File.WriteAllText(path, text);
        return path;
    }
}
