using HybridAI.Planning;

namespace HybridAI.Planning.Tests;

public sealed class AlternativesTests
{
    [Fact]
    public void Alternatives_equal_the_summaries_of_the_other_policies_planned_on_their_own()
    {
        var explaining = new PlacementPlanner();
        var plain = new PlacementPlanner(PlannerOptions.Default with { IncludeAlternatives = false });
        var compared = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            var c = RandomCase.Create(110_000 + seed);
            PlacementPlan plan;
            try
            {
                plan = Plan(explaining, c);
            }
            catch (NoFeasiblePlanException)
            {
                continue;
            }

            var expected = new List<PlanAlternative>();
            foreach (var policy in new[] { PlacementPolicy.Hybrid, PlacementPolicy.CloudOnly, PlacementPolicy.DeviceOnly, PlacementPolicy.StaticSplit })
            {
                if (policy == c.Job.Policy)
                {
                    continue;
                }

                try
                {
                    expected.Add(Plan(plain, c with { Job = c.Job with { Policy = policy } }).Summarise(policy.ToString()));
                }
                catch (NoFeasiblePlanException)
                {
                }
            }

            Assert.Equal(expected, plan.Alternatives.ToList());
            Assert.Equal((Plan(plain, c) with { Alternatives = plan.Alternatives }).Explain(), plan.Explain());
            compared++;
        }

        Assert.True(compared > 100, $"only {compared} cases had a plan");
    }

    [Fact]
    public void Reference_region_alternatives_match_the_policies_planned_on_their_own()
    {
        var candidates = TestFleet.Candidates();
        var job = TestFleet.Job();
        var plan = new PlacementPlanner().Plan(job, candidates);
        var plain = new PlacementPlanner(PlannerOptions.Default with { IncludeAlternatives = false });
        var expected = new[] { PlacementPolicy.CloudOnly, PlacementPolicy.DeviceOnly, PlacementPolicy.StaticSplit }
            .Select(policy => plain.Plan(job with { Policy = policy }, candidates).Summarise(policy.ToString()))
            .ToList();

        Assert.Equal(expected, plan.Alternatives.ToList());
    }

    private static PlacementPlan Plan(PlacementPlanner planner, RandomCase c) =>
        c.Checkpoint is null ? planner.Plan(c.Job, c.Candidates) : planner.Replan(c.Job, c.Candidates, c.Checkpoint);
}
