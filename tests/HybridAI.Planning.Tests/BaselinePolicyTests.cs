using HybridAI.Planning;

namespace HybridAI.Planning.Tests;

public sealed class BaselinePolicyTests
{
    private readonly PlacementPlanner planner = new();

    [Fact]
    public void Static_split_encodes_on_the_device_denoises_on_one_cloud_pool_and_decodes_on_the_device()
    {
        var plan = planner.Plan(TestFleet.Job(PrivacyLevel.Standard, PlacementPolicy.StaticSplit), TestFleet.Candidates());

        var nodes = Enumerable.Range(0, 23).Select(plan.NodeOfStage).ToArray();
        Assert.Equal([TestFleet.Phone, TestFleet.Phone], nodes[..2]);
        Assert.Single(nodes[2..22].Distinct());
        Assert.StartsWith("cloud-", nodes[2], StringComparison.Ordinal);
        Assert.Equal(TestFleet.Phone, nodes[22]);
    }

    [Fact]
    public void Device_only_runs_everything_on_the_origin_device()
    {
        var plan = planner.Plan(TestFleet.Job(PrivacyLevel.Standard, PlacementPolicy.DeviceOnly), TestFleet.Candidates());

        Assert.All(plan.Segments, s => Assert.Equal(TestFleet.Phone, s.NodeId));
        Assert.True(plan.IsLate, "20 phone steps at 700 ms cannot meet 5 s");
    }

    [Fact]
    public void Cloud_only_picks_the_cheapest_pool_that_meets_the_deadline()
    {
        // cloud-c is cheapest but its 3 s queue makes it miss a 2.5 s deadline; cloud-a is next cheapest.
        var tight = planner.Plan(TestFleet.Job(PrivacyLevel.Standard, PlacementPolicy.CloudOnly, deadlineMs: 2500), TestFleet.Candidates());
        var loose = planner.Plan(TestFleet.Job(PrivacyLevel.Standard, PlacementPolicy.CloudOnly, deadlineMs: 10_000), TestFleet.Candidates());

        Assert.All(tight.Segments, s => Assert.Equal("cloud-a", s.NodeId));
        Assert.False(tight.IsLate);
        Assert.All(loose.Segments, s => Assert.Equal("cloud-c", s.NodeId));
    }

    [Fact]
    public void Hybrid_explanation_lists_the_baselines_it_beat_with_their_time_and_cost()
    {
        var plan = planner.Plan(TestFleet.Job(), TestFleet.Candidates());
        var text = plan.Explain();

        Assert.Equal(["CloudOnly", "DeviceOnly", "StaticSplit"], plan.Alternatives.Select(a => a.Name).ToArray());
        Assert.Contains("Best alternative: ", text, StringComparison.Ordinal);
        Assert.Contains("compute ms", text, StringComparison.Ordinal);
        Assert.Contains(plan.Segments[0].NodeId, text, StringComparison.Ordinal);
        Assert.Equal(text, plan.ToString());
        var best = plan.BestAlternative!;
        Assert.True(best.IsLate || best.TotalCost >= plan.TotalCost);
    }

    [Fact]
    public void Alternatives_can_be_turned_off_for_the_simulator()
    {
        var plan = new PlacementPlanner(PlannerOptions.Default with { IncludeAlternatives = false }).Plan(TestFleet.Job(), TestFleet.Candidates());

        Assert.Empty(plan.Alternatives);
        Assert.Null(plan.BestAlternative);
        Assert.DoesNotContain("Compared with", plan.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void Route_merges_a_nodes_consecutive_segments()
    {
        var plan = planner.Plan(TestFleet.Job(PrivacyLevel.Standard, PlacementPolicy.StaticSplit), TestFleet.Candidates());

        Assert.Matches(@"^phone-1\[0-1\] -> cloud-.\[2-21\] -> phone-1\[22\]$", plan.Route);
    }

    [Fact]
    public void Quality_floor_excludes_variants_outside_it()
    {
        var job = TestFleet.Job(deadlineMs: 60_000) with { AllowedVariants = ["bpe", "base-int8", "base-fp32"] };
        var plan = planner.Plan(job, TestFleet.Candidates());
        var unrestricted = planner.Plan(job with { AllowedVariants = null }, TestFleet.Candidates());

        Assert.DoesNotContain(plan.Segments, s => s.Variant == "tiny-int8");
        Assert.Contains(unrestricted.Segments, s => s.Variant == "tiny-int8");
    }
}
