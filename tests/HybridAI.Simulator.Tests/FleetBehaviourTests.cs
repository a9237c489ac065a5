using HybridAI.Simulator.Reports;
using HybridAI.Simulator.Scenarios;
using HybridAI.Simulator.Simulation;

namespace HybridAI.Simulator.Tests;

public sealed class FleetBehaviourTests
{
    [Fact]
    public void Every_job_is_either_completed_or_infeasible_and_money_adds_up()
    {
        var result = TestScenarios.Run(TestScenarios.Small());

        foreach (var p in result.Policies)
        {
            Assert.Equal(p.Jobs, p.Completed + p.Infeasible + p.LostAfterReplan);
            Assert.Equal(p.Jobs, p.StandardJobs + p.StrictJobs + p.LocalOnlyJobs);
            Assert.Equal(p.Money, p.CloudMoney + p.EdgeMoney + p.DeviceEnergyMoney, 9);
            Assert.Equal(p.Money, p.HourlyMoney.Sum(), 9);
            Assert.Equal(p.CloudGpuSeconds, p.HourlyCloudGpuSeconds.Sum(), 6);
            Assert.True(p.LatencyP50Ms <= p.LatencyP95Ms && p.LatencyP95Ms <= p.LatencyP99Ms);
        }

        Assert.Equal(0, result.Get(SimPolicy.DeviceOnly)!.CloudGpuSeconds);
        Assert.True(result.Get(SimPolicy.CloudOnly)!.CloudGpuSeconds > result.Get(SimPolicy.Hybrid)!.CloudGpuSeconds);
    }

    [Fact]
    public void Tiny_cloud_pools_build_queues_that_cloud_only_waits_in()
    {
        var scenario = TestScenarios.Small(json =>
        {
            json["cloudPools"]![0]!["slots"] = 1;
            json["cloudPools"]![1]!["slots"] = 1;
            json["job"]!["jobsPerDevicePerDay"] = 40;
        });

        var cloudOnly = TestScenarios.Run(scenario).Get(SimPolicy.CloudOnly)!;

        Assert.True(cloudOnly.MaxCloudQueueWaitMs > 0, "no job ever waited for a cloud slot");
    }

    [Fact]
    public void Jobs_headed_for_an_edge_node_that_went_down_are_replanned_from_the_checkpoint()
    {
        var scenario = TestScenarios.Small(json =>
        {
            json["edge"]!["mtbfHours"] = 0.05;
            json["edge"]!["repairHours"] = 0.05;
            json["edge"]!["pricePerSecond"] = 0.00001;
            json["job"]!["jobsPerDevicePerDay"] = 30;
        });

        var result = TestScenarios.Run(scenario);
        var hybrid = result.Get(SimPolicy.Hybrid)!;

        Assert.True(hybrid.Replans > 0, "no job met a downed edge node");
        Assert.Equal(0, hybrid.LostAfterReplan);
        Assert.Equal(hybrid.Jobs, hybrid.Completed + hybrid.Infeasible);
        Assert.All(result.Policies, p => Assert.Equal(0, p.PrivacyViolations));
    }

    [Fact]
    public void Slow_device_runs_are_replanned_after_the_first_denoise_step_and_meet_more_deadlines()
    {
        void Noisy(System.Text.Json.Nodes.JsonObject json, bool replan)
        {
            json["signals"]!["latencyNoise"] = 0.35;
            json["signals"]!["replanOnSlowProgress"] = replan;
            json["policies"] = new System.Text.Json.Nodes.JsonArray("Hybrid");
        }

        var adaptive = TestScenarios.Run(TestScenarios.Small(json => Noisy(json, true), devices: 600)).Get(SimPolicy.Hybrid)!;
        var fixedPlan = TestScenarios.Run(TestScenarios.Small(json => Noisy(json, false), devices: 600)).Get(SimPolicy.Hybrid)!;

        Assert.True(adaptive.ProgressReplans > 0, "no slow run was re-planned");
        Assert.Equal(0, fixedPlan.ProgressReplans);
        Assert.True(adaptive.OnTime > fixedPlan.OnTime, $"re-planning met {adaptive.OnTime} deadlines, the fixed plan {fixedPlan.OnTime}");
        Assert.Equal(0, adaptive.PrivacyViolations);
        Assert.Equal(adaptive.Jobs, adaptive.Completed + adaptive.Infeasible + adaptive.LostAfterReplan);
    }

    [Fact]
    public void Charging_window_hours_wrap_around_midnight()
    {
        // Window 23:00-06:00; from 22:00 to 08:00 the device charges 7 hours.
        Assert.Equal(7, PolicyRun.ChargingHours(23, 7, 22, 32), 9);
        Assert.Equal(0, PolicyRun.ChargingHours(23, 7, 8, 20), 9);
        Assert.Equal(14, PolicyRun.ChargingHours(23, 7, 0, 48), 9);
    }

    [Fact]
    public void Svg_nice_axis_maximum_covers_the_data()
    {
        Assert.Equal(1, SvgChart.NiceMax(0));
        Assert.Equal(250, SvgChart.NiceMax(212));
        Assert.Equal(10_000, SvgChart.NiceMax(9_001));
    }
}
