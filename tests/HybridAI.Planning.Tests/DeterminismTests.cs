using HybridAI.Planning;

namespace HybridAI.Planning.Tests;

public sealed class DeterminismTests
{
    [Fact]
    public void Same_input_gives_the_same_plan()
    {
        var planner = new PlacementPlanner();
        for (var seed = 0; seed < 50; seed++)
        {
            var c = RandomCase.Create(60_000 + seed);
            string first, second;
            try
            {
                first = Plan(planner, c).Explain();
                second = Plan(new PlacementPlanner(), c).Explain();
            }
            catch (NoFeasiblePlanException)
            {
                continue;
            }

            Assert.Equal(first, second);
        }
    }

    [Fact]
    public void Candidate_order_does_not_change_the_plan()
    {
        var planner = new PlacementPlanner();
        var candidates = TestFleet.Candidates();
        var expected = planner.Plan(TestFleet.Job(), candidates).Explain();
        var random = new Random(7);
        for (var round = 0; round < 10; round++)
        {
            var shuffled = candidates.ToArray();
            random.Shuffle(shuffled);
            Assert.Equal(expected, planner.Plan(TestFleet.Job(), shuffled).Explain());
        }
    }

    [Fact]
    public void Identical_edge_nodes_tie_break_to_the_smallest_id()
    {
        var candidates = TestFleet.Candidates()
            .Where(n => n.Kind != NodeKind.CloudPool)
            .Select(n => n.Kind == NodeKind.EdgeNode ? TestFleet.Edge(n.Id, queuedWorkMs: 0) : n)
            .Reverse()
            .ToList();

        var plan = new PlacementPlanner().Plan(TestFleet.Job(PrivacyLevel.Standard, deadlineMs: 60_000), candidates);

        Assert.All(plan.Segments.Where(s => s.NodeKind == NodeKind.EdgeNode), s => Assert.Equal("edge-1", s.NodeId));
    }

    [Fact]
    public void Plans_made_on_tables_reused_from_a_larger_problem_equal_plans_made_on_fresh_tables()
    {
        // The planner reuses the thread's tables (ProblemScratch); the problems planned just before (the 7-node, 23-stage
        // fleet and another random case) leave stale entries behind, which the next one must never read. The fleet is
        // planned after smaller problems too, so its tables grow back.
        var planner = new PlacementPlanner();
        var fleetJob = TestFleet.Job(PrivacyLevel.Standard, PlacementPolicy.Hybrid);
        var fleetProblem = PlanningProblem.Create(fleetJob, TestFleet.Candidates(), null, 0, planner.Options);
        var fleetResult = PlacementPlanner.Solve(fleetProblem, fleetJob.Policy)!;
        var fleetPlan = fleetProblem.BuildPlan(fleetJob.Policy, fleetResult.NodeOf, VariantsOf(fleetProblem, fleetResult), []);
        var compared = 0;
        for (var seed = 0; seed < 300; seed++)
        {
            var c = RandomCase.Create(140_000 + seed);
            var fresh = PlanningProblem.Create(c.Job, c.Candidates, c.Checkpoint, c.Checkpoint?.ElapsedMs ?? 0, planner.Options);
            var expected = PlacementPlanner.Solve(fresh, c.Job.Policy);

            AssertSamePlan(fleetPlan, planner.Plan(fleetJob, TestFleet.Candidates()) with { Alternatives = [] });
            try
            {
                Plan(planner, RandomCase.Create(150_000 + seed));
            }
            catch (NoFeasiblePlanException)
            {
                // Only the tables it leaves behind matter.
            }
            PlacementPlan plan;
            try
            {
                plan = Plan(planner, c);
            }
            catch (NoFeasiblePlanException)
            {
                Assert.Null(expected);
                continue;
            }

            Assert.NotNull(expected);
            var expectedPlan = fresh.BuildPlan(c.Job.Policy, expected.NodeOf, VariantsOf(fresh, expected), []);
            AssertSamePlan(expectedPlan, plan with { Alternatives = [] });
            compared++;
        }

        Assert.True(compared > 200, $"only {compared} feasible cases compared");
    }

    /// <summary>Every figure of the plan and of each segment (records compare field by field).</summary>
    private static void AssertSamePlan(PlacementPlan expected, PlacementPlan actual)
    {
        Assert.Equal(expected.Segments.AsEnumerable(), actual.Segments.AsEnumerable());
        Assert.Equal(expected with { Segments = [] }, actual with { Segments = [] });
    }

    private static int[] VariantsOf(PlanningProblem p, SearchResult result)
    {
        var variants = new int[p.StageCount];
        for (var i = p.Resume; i < p.StageCount; i++)
        {
            variants[i] = p.OptionVariant(i, result.NodeOf[i]);
        }

        return variants;
    }

    private static PlacementPlan Plan(PlacementPlanner planner, RandomCase c) =>
        c.Checkpoint is null ? planner.Plan(c.Job, c.Candidates) : planner.Replan(c.Job, c.Candidates, c.Checkpoint);
}
