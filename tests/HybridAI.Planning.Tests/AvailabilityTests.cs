using HybridAI.Planning;

namespace HybridAI.Planning.Tests;

public sealed class AvailabilityTests
{
    private readonly PlacementPlanner planner = new(PlannerOptions.Default with { IncludeAlternatives = false });

    [Fact]
    public void Offline_nodes_are_never_chosen_on_random_cases()
    {
        var withOffline = 0;
        for (var seed = 0; seed < 300; seed++)
        {
            var c = RandomCase.Create(30_000 + seed);
            var offline = c.Candidates.Where(n => !n.Online).Select(n => n.Id).ToHashSet();
            if (offline.Count == 0)
            {
                continue;
            }

            try
            {
                var plan = c.Checkpoint is null ? planner.Plan(c.Job, c.Candidates) : planner.Replan(c.Job, c.Candidates, c.Checkpoint);
                Assert.DoesNotContain(plan.Segments, s => offline.Contains(s.NodeId));
                withOffline++;
            }
            catch (NoFeasiblePlanException)
            {
            }
        }

        Assert.True(withOffline > 20);
    }

    [Fact]
    public void Taking_the_chosen_cloud_pool_offline_moves_its_work_elsewhere()
    {
        var candidates = TestFleet.Candidates();
        var plan = planner.Plan(TestFleet.Job(deadlineMs: 1500), candidates);
        var used = plan.Segments.First(s => s.NodeKind == NodeKind.CloudPool).NodeId;

        var degraded = candidates.Select(n => n.Id == used ? n with { Online = false } : n).ToList();
        var replanned = planner.Plan(TestFleet.Job(deadlineMs: 1500), degraded);

        Assert.DoesNotContain(replanned.Segments, s => s.NodeId == used);
    }

    [Fact]
    public void Low_battery_device_runs_only_what_privacy_pins_to_it()
    {
        var low = new BatteryStatus(0.1, Charging: false, ThermalThrottled: false);
        var plan = planner.Plan(TestFleet.Job(PrivacyLevel.Strict, deadlineMs: 60_000), TestFleet.Candidates(low));
        var charging = planner.Plan(TestFleet.Job(PrivacyLevel.Strict, deadlineMs: 60_000), TestFleet.Candidates(low with { Charging = true }));

        Assert.All(plan.Segments.Where(s => s.NodeId == TestFleet.Phone), s => Assert.True(s.LastStage <= 1, plan.Explain()));
        Assert.Contains(charging.Segments, s => s.NodeId == TestFleet.Phone && s.LastStage > 1);
    }

    [Fact]
    public void Thermal_throttling_slows_the_device_estimate()
    {
        var hot = new BatteryStatus(0.9, Charging: true, ThermalThrottled: true);
        var job = TestFleet.Job(PrivacyLevel.LocalOnly, PlacementPolicy.DeviceOnly);
        var cool = planner.Plan(job, TestFleet.Candidates(hot with { ThermalThrottled = false }));
        var throttled = planner.Plan(job, TestFleet.Candidates(hot));

        Assert.Equal(cool.Segments.Sum(s => s.ComputeMs) * 1.5, throttled.Segments.Sum(s => s.ComputeMs), 6);
    }

    [Fact]
    public void Queue_wait_is_queued_work_over_slots_and_zero_with_a_free_slot()
    {
        Assert.Equal(0, new NodeQueue(0, 1, 2, 900).EstimatedWaitMs);
        Assert.Equal(450, new NodeQueue(1, 2, 2, 900).EstimatedWaitMs);
        Assert.Equal(300, new NodeQueue(0, 3, 3, 900).EstimatedWaitMs);
    }

    [Fact]
    public void Stage_with_no_eligible_node_raises_no_feasible_plan_naming_the_stage()
    {
        var candidates = TestFleet.Candidates().Select(n => n.Kind == NodeKind.Device ? n with { Online = false } : n).ToList();

        var error = Assert.Throws<NoFeasiblePlanException>(() => planner.Plan(TestFleet.Job(PrivacyLevel.Strict), candidates));

        Assert.Contains("stage 0 'Tokenize'", error.Message, StringComparison.Ordinal);
    }
}
