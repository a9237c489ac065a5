using HybridAI.Planning;

namespace HybridAI.Planning.Tests;

public sealed class PrivacyTests
{
    private readonly PlacementPlanner planner = new(PlannerOptions.Default with { IncludeAlternatives = false });

    public static TheoryData<PlacementPolicy, PrivacyLevel> PolicyAndPrivacy()
    {
        var data = new TheoryData<PlacementPolicy, PrivacyLevel>();
        foreach (var policy in Enum.GetValues<PlacementPolicy>())
        {
            foreach (var privacy in Enum.GetValues<PrivacyLevel>())
            {
                data.Add(policy, privacy);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PolicyAndPrivacy))]
    public void No_policy_ever_produces_a_privacy_violation_on_random_cases(PlacementPolicy policy, PrivacyLevel privacy)
    {
        var planned = 0;
        for (var seed = 0; seed < 150; seed++)
        {
            var c = RandomCase.Create(20_000 + seed, privacy, policy);
            PlacementPlan plan;
            try
            {
                plan = c.Checkpoint is null ? planner.Plan(c.Job, c.Candidates) : planner.Replan(c.Job, c.Candidates, c.Checkpoint);
            }
            catch (NoFeasiblePlanException)
            {
                continue;
            }

            var result = PrivacyGuard.Check(plan, c.Job);
            Assert.True(result.IsAllowed, string.Join("; ", result.Violations));
            if (privacy == PrivacyLevel.LocalOnly)
            {
                Assert.All(plan.Segments, s => Assert.Equal(c.Job.OriginDeviceId, s.NodeId));
            }

            planned++;
        }

        Assert.True(planned > 30, $"only {planned} cases had a plan");
    }

    [Fact]
    public void Strict_job_keeps_tokenize_and_text_encode_on_the_origin_device_even_when_the_cloud_is_cheaper()
    {
        var candidates = TestFleet.Candidates();
        var strict = planner.Plan(TestFleet.Job(PrivacyLevel.Strict), candidates);
        var steps = Enumerable.Repeat(new StageAssignment("cloud-a", "base-fp32"), 20);
        var standard = planner.Evaluate(TestFleet.Job(PrivacyLevel.Standard), candidates, null, [new("cloud-a", "bpe"), .. steps, new("cloud-a", "base-fp32"), new("cloud-a", "base-fp32")]);

        var first = strict.Segments.First(s => s.FirstStage == 0);
        Assert.Equal(TestFleet.Phone, first.NodeId);
        Assert.All(strict.Segments.Where(s => s.FirstStage <= 1), s => Assert.Equal(TestFleet.Phone, s.NodeId));

        // Standard may move them; the guard rejects that placement for a Strict job.
        Assert.True(PrivacyGuard.Check(standard, TestFleet.Job(PrivacyLevel.Standard)).IsAllowed);
        var violation = PrivacyGuard.Check(standard, TestFleet.Job(PrivacyLevel.Strict));
        Assert.False(violation.IsAllowed);
        Assert.Contains(violation.Violations, v => v.Contains("'Tokenize'", StringComparison.Ordinal) && v.Contains(standard.Segments[0].NodeId, StringComparison.Ordinal));
    }

    [Fact]
    public void Guard_throws_a_violation_naming_the_stage_and_node_for_a_local_only_job()
    {
        var job = TestFleet.Job(PrivacyLevel.LocalOnly, steps: 1);
        var assignments = new[]
        {
            new StageAssignment(TestFleet.Phone, "bpe"),
            new StageAssignment(TestFleet.Phone, "base-int8"),
            new StageAssignment("cloud-a", "base-fp32"),
            new StageAssignment(TestFleet.Phone, "tiny-int8"),
        };
        var plan = planner.Evaluate(job, TestFleet.Candidates(), null, assignments);

        var error = Assert.Throws<PrivacyViolationException>(() => PrivacyGuard.EnsureAllowed(plan, job));

        Assert.Contains("stage 2 'DenoiseStep[0]' runs on 'cloud-a'", error.Message, StringComparison.Ordinal);
        Assert.Single(error.Result.Violations);
        PrivacyGuard.EnsureAllowed(plan, job with { Privacy = PrivacyLevel.Strict });
    }

    [Fact]
    public void Guard_names_the_stage_after_the_denoise_loop_by_its_index_and_template()
    {
        var job = TestFleet.Job(PrivacyLevel.LocalOnly, steps: 3);
        var phoneSteps = Enumerable.Repeat(new StageAssignment(TestFleet.Phone, "tiny-int8"), 2);
        StageAssignment[] assignments =
        [
            new(TestFleet.Phone, "bpe"), new(TestFleet.Phone, "base-int8"), .. phoneSteps,
            new("cloud-a", "base-fp32"), new("cloud-a", "base-fp32"),
        ];
        var plan = planner.Evaluate(job, TestFleet.Candidates(), null, assignments);

        var violations = PrivacyGuard.Check(plan, job).Violations;

        Assert.Equal(2, violations.Length);
        Assert.StartsWith("stage 4 'DenoiseStep[2]' runs on 'cloud-a'", violations[0], StringComparison.Ordinal);
        Assert.StartsWith("stage 5 'Decode' runs on 'cloud-a'", violations[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Cloud_only_under_strict_pins_tokenize_and_encode_to_the_device()
    {
        var plan = planner.Plan(TestFleet.Job(PrivacyLevel.Strict, PlacementPolicy.CloudOnly), TestFleet.Candidates());

        Assert.Equal(TestFleet.Phone, plan.NodeOfStage(0));
        Assert.Equal(TestFleet.Phone, plan.NodeOfStage(1));
        Assert.All(plan.Segments.Where(s => s.FirstStage >= 2), s => Assert.Equal(NodeKind.CloudPool, s.NodeKind));
        Assert.Single(Enumerable.Range(2, 21).Select(plan.NodeOfStage).Distinct());
    }

    [Fact]
    public void Cloud_only_and_static_split_under_local_only_run_everything_on_the_device()
    {
        foreach (var policy in new[] { PlacementPolicy.CloudOnly, PlacementPolicy.StaticSplit, PlacementPolicy.Hybrid })
        {
            var plan = planner.Plan(TestFleet.Job(PrivacyLevel.LocalOnly, policy), TestFleet.Candidates());
            Assert.All(plan.Segments, s => Assert.Equal(TestFleet.Phone, s.NodeId));
            Assert.Equal(0, plan.ReturnTransferBytes);
        }
    }
}
