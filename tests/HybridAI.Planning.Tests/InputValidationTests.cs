using System.Collections.Immutable;
using HybridAI.Planning;

namespace HybridAI.Planning.Tests;

public sealed class InputValidationTests
{
    private readonly PlacementPlanner planner = new();

    [Fact]
    public void Missing_origin_device_is_rejected_naming_the_origin_field()
    {
        var candidates = TestFleet.Candidates().Where(n => n.Id != TestFleet.Phone).ToList();

        var error = Assert.ThrowsAny<ArgumentException>(() => planner.Plan(TestFleet.Job(), candidates));

        Assert.Equal("job.OriginDeviceId", error.ParamName);
        Assert.Contains(TestFleet.Phone, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Origin_that_is_not_a_device_is_rejected()
    {
        var job = TestFleet.Job() with { OriginDeviceId = "cloud-a" };

        var error = Assert.ThrowsAny<ArgumentException>(() => planner.Plan(job, TestFleet.Candidates()));

        Assert.Equal("job.OriginDeviceId", error.ParamName);
    }

    [Fact]
    public void Zero_denoise_steps_are_rejected_naming_the_steps_field()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => planner.Plan(TestFleet.Job(steps: 0), TestFleet.Candidates()));

        Assert.Equal("job.DenoiseSteps", error.ParamName);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Bad_deadline_is_rejected_naming_the_deadline_field(double deadline)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => planner.Plan(TestFleet.Job(deadlineMs: deadline), TestFleet.Candidates()));

        Assert.Equal("job.DeadlineMs", error.ParamName);
    }

    [Fact]
    public void Node_with_no_variants_is_rejected_naming_the_node()
    {
        var candidates = TestFleet.Candidates().Select(n => n.Id == "edge-2" ? n with { Variants = [] } : n).ToList();
        var index = candidates.FindIndex(n => n.Id == "edge-2");

        var error = Assert.ThrowsAny<ArgumentException>(() => planner.Plan(TestFleet.Job(), candidates));

        Assert.Equal($"candidates[{index}].Variants", error.ParamName);
        Assert.Contains("edge-2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_offline_node_with_no_variants_is_no_error_and_runs_nothing()
    {
        // As a node that has not reported since the silo started is mapped: offline, no variants.
        var candidates = TestFleet.Candidates().Select(n => n.Id == "edge-2" ? n with { Online = false, Variants = [] } : n).ToList();

        var plan = planner.Plan(TestFleet.Job(), candidates);

        Assert.DoesNotContain(plan.Segments, s => s.NodeId == "edge-2");
        Assert.Throws<InvalidPlanningInputException>(() => planner.Plan(TestFleet.Job(), candidates.Select(n => n.Id == "edge-2" ? n with { Variants = default } : n).ToList()));
    }

    [Fact]
    public void Non_positive_latency_bandwidth_or_slots_are_rejected_naming_the_field()
    {
        var edge = TestFleet.Edge("edge-x", 0);
        AssertRejected(edge with { Variants = [new ModelVariant(StageKind.Decode, "base", 0)] }, "candidates[7].Variants[0].LatencyMs");
        AssertRejected(edge with { Link = new NetworkLink(10, 0) }, "candidates[7].Link.BandwidthBytesPerSecond");
        AssertRejected(edge with { Queue = new NodeQueue(0, 0, 0, 0) }, "candidates[7].Queue.TotalSlots");
        AssertRejected(edge with { PricePerSecond = -1 }, "candidates[7].PricePerSecond");
        AssertRejected(TestFleet.Edge("edge-1", 0), "candidates[7].Id");
    }

    [Fact]
    public void Bad_checkpoint_is_rejected_naming_the_field()
    {
        var job = TestFleet.Job();
        Assert.Equal("checkpoint.ResumeStageIndex", Assert.ThrowsAny<ArgumentException>(() => planner.Replan(job, TestFleet.Candidates(), new PlanCheckpoint(23, TestFleet.Phone, 10, 0))).ParamName);
        Assert.Equal("checkpoint.TensorNodeId", Assert.ThrowsAny<ArgumentException>(() => planner.Replan(job, TestFleet.Candidates(), new PlanCheckpoint(3, "nowhere", 10, 0))).ParamName);
        Assert.Equal("checkpoint.ElapsedMs", Assert.ThrowsAny<ArgumentException>(() => planner.Replan(job, TestFleet.Candidates(), new PlanCheckpoint(3, TestFleet.Phone, 10, -5))).ParamName);
    }

    [Fact]
    public void Empty_pipeline_is_rejected_naming_the_stages_field()
    {
        var job = TestFleet.Job() with { Pipeline = new PipelineProfile("empty", ImmutableArray<StageProfile>.Empty) };

        Assert.Equal("job.Pipeline.Stages", Assert.ThrowsAny<ArgumentException>(() => planner.Plan(job, TestFleet.Candidates())).ParamName);
    }

    [Fact]
    public void Every_privacy_level_and_policy_is_accepted_and_no_other_value()
    {
        // The validator checks these enums by range, which is Enum.IsDefined only while their values are 0 .. Count - 1.
        Assert.Equal(Enumerable.Range(0, Enum.GetValues<PrivacyLevel>().Length), Enum.GetValues<PrivacyLevel>().Select(v => (int)v));
        Assert.Equal(Enumerable.Range(0, Enum.GetValues<PlacementPolicy>().Length), Enum.GetValues<PlacementPolicy>().Select(v => (int)v));
        foreach (var privacy in Enum.GetValues<PrivacyLevel>())
        {
            foreach (var policy in Enum.GetValues<PlacementPolicy>())
            {
                Assert.NotNull(planner.Plan(TestFleet.Job(privacy, policy, deadlineMs: 60_000), TestFleet.Candidates()));
            }
        }

        Assert.Equal("job.Privacy", Assert.ThrowsAny<ArgumentException>(() => planner.Plan(TestFleet.Job((PrivacyLevel)(-1)), TestFleet.Candidates())).ParamName);
        Assert.Equal("job.Privacy", Assert.ThrowsAny<ArgumentException>(() => planner.Plan(TestFleet.Job((PrivacyLevel)Enum.GetValues<PrivacyLevel>().Length), TestFleet.Candidates())).ParamName);
        Assert.Equal("job.Policy", Assert.ThrowsAny<ArgumentException>(() => planner.Plan(TestFleet.Job(policy: (PlacementPolicy)(-1)), TestFleet.Candidates())).ParamName);
        Assert.Equal("job.Policy", Assert.ThrowsAny<ArgumentException>(() => planner.Plan(TestFleet.Job(policy: (PlacementPolicy)Enum.GetValues<PlacementPolicy>().Length), TestFleet.Candidates())).ParamName);
    }

    private void AssertRejected(CandidateNode extra, string field)
    {
        var candidates = TestFleet.Candidates().Add(extra);
        var error = Assert.ThrowsAny<ArgumentException>(() => planner.Plan(TestFleet.Job(), candidates));
        Assert.Equal(field, error.ParamName);
    }
}
