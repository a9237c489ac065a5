using System.Globalization;
using HybridAI.Simulator.Scenarios;
using HybridAI.Simulator.Simulation;

namespace HybridAI.Simulator.Reports;

/// <summary>A benchmark target from the issue, with the measured value and whether it was met.</summary>
public sealed record TargetCheck(string Target, string Measured, bool? Met)
{
    public static IReadOnlyList<TargetCheck> Evaluate(SimulationResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var list = new List<TargetCheck>();
        var hybrid = r.Get(SimPolicy.Hybrid);
        var cloud = r.Get(SimPolicy.CloudOnly);
        var oracle = r.Get(SimPolicy.Oracle);
        if (hybrid is not null && cloud is not null)
        {
            var share = cloud.CloudGpuSeconds > 0 ? hybrid.CloudGpuSeconds / cloud.CloudGpuSeconds : double.NaN;
            list.Add(new("hybrid cloud GPU-seconds <= 35% of cloud-only", string.Create(c, $"{share:P1} ({hybrid.CloudGpuSeconds:N0} s vs {cloud.CloudGpuSeconds:N0} s)"), share <= 0.35));
        }

        if (hybrid is not null)
        {
            list.Add(new("hybrid deadline attainment >= 99%", string.Create(c, $"{hybrid.DeadlineAttainment:P2}"), hybrid.DeadlineAttainment >= 0.99));
        }

        if (hybrid is not null && oracle is not null)
        {
            var ratio = oracle.Money > 0 ? hybrid.Money / oracle.Money - 1 : double.NaN;
            list.Add(new("hybrid money within 5% of the oracle", string.Create(c, $"{ratio:+0.00%;-0.00%} ({hybrid.Money:G5} vs {oracle.Money:G5})"), Math.Abs(ratio) <= 0.05));
        }

        var violations = r.Policies.Sum(p => p.PrivacyViolations);
        list.Add(new("zero privacy violations (PrivacyGuard on every executed plan, all policies)", violations.ToString(c), violations == 0));
        var isDayOf100k = r.Scenario.DeviceCount >= 100_000 && r.Scenario.DurationHours >= 24;
        list.Add(new(
            "simulated day of 100,000 devices in <= 60 s wall",
            string.Create(c, $"{r.WallSeconds:F1} s for {r.Scenario.DeviceCount:N0} devices x {r.Scenario.DurationHours} h, {r.Policies.Count} policies, {r.Jobs:N0} jobs each"),
            isDayOf100k ? r.WallSeconds <= 60 : null));
        return list;
    }
}
