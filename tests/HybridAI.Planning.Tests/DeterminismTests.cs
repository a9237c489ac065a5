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

    private static PlacementPlan Plan(PlacementPlanner planner, RandomCase c) =>
        c.Checkpoint is null ? planner.Plan(c.Job, c.Candidates) : planner.Replan(c.Job, c.Candidates, c.Checkpoint);
}
