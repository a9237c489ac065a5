using HybridAI.Planning;

namespace HybridAI.Planning.Tests;

public sealed class ReplanTests
{
    private readonly PlacementPlanner planner = new(PlannerOptions.Default with { IncludeAlternatives = false });

    [Fact]
    public void Replan_from_a_checkpoint_never_reruns_completed_stages()
    {
        var job = TestFleet.Job();
        var checkpoint = new PlanCheckpoint(ResumeStageIndex: 9, TensorNodeId: "cloud-a", TensorBytes: 65_536, ElapsedMs: 800);

        var plan = planner.Replan(job, TestFleet.Candidates(), checkpoint);

        Assert.Equal(9, plan.Segments[0].FirstStage);
        Assert.Equal(22, plan.Segments[^1].LastStage);
        Assert.Equal(14, plan.Segments.Sum(s => s.StageCount));
        Assert.True(plan.Segments[0].StartMs >= 800);
        Assert.Equal(800, plan.PlanStartMs);
    }

    [Fact]
    public void Replan_counts_moving_the_checkpoint_off_a_lost_node()
    {
        var job = TestFleet.Job(deadlineMs: 3000);
        var candidates = TestFleet.Candidates().Select(n => n.Id == "cloud-a" ? n with { Online = false } : n).ToList();
        var checkpoint = new PlanCheckpoint(9, "cloud-a", 65_536, 800);

        var plan = planner.Replan(job, candidates, checkpoint);

        var first = plan.Segments[0];
        Assert.NotEqual("cloud-a", first.NodeId);
        Assert.Equal(65_536, first.TransferInBytes);
        var destination = candidates.Single(n => n.Id == first.NodeId).Link;
        var expectedMs = (30 + destination.RttMs) / 2 + 65_536 * 1000.0 / Math.Min(125_000_000, destination.BandwidthBytesPerSecond);
        Assert.Equal(expectedMs, first.TransferInMs, 3);
        Assert.True(first.StartMs >= 800 + first.TransferInMs);
    }

    [Fact]
    public void Replan_where_the_checkpoint_already_is_moves_nothing()
    {
        var job = TestFleet.Job(PrivacyLevel.LocalOnly, deadlineMs: 60_000);
        var plan = planner.Replan(job, TestFleet.Candidates(), new PlanCheckpoint(12, TestFleet.Phone, 65_536, 5000));

        Assert.Equal(0, plan.Segments[0].TransferInBytes);
        Assert.Equal(0, plan.Segments[0].TransferInMs);
        Assert.Equal(5000, plan.Segments[0].StartMs);
    }

    [Fact]
    public void Replan_matches_brute_force_on_the_remaining_stages()
    {
        var compared = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            var c = RandomCase.Create(40_000 + seed, policy: PlacementPolicy.Hybrid);
            var random = new Random(seed);
            var stageCount = c.Job.Pipeline.Expand(c.Job.DenoiseSteps).Length;
            var checkpoint = new PlanCheckpoint(random.Next(1, stageCount), c.Candidates[random.Next(c.Candidates.Length)].Id, random.Next(1, 300_000), random.NextDouble() * 2000);
            var optimum = BruteForce.Optimum(c.Job, c.Candidates, checkpoint, PlacementPolicy.Hybrid);
            if (optimum is null)
            {
                continue;
            }

            var plan = planner.Replan(c.Job, c.Candidates, checkpoint);
            Assert.Equal(checkpoint.ResumeStageIndex, plan.Segments[0].FirstStage);
            Assert.Equal(optimum.Value.CompletionUs / 1000.0, plan.CompletionMs);
            Assert.Equal(optimum.Value.CostPico / 1e12, plan.TotalCost);
            compared++;
        }

        Assert.True(compared > 100);
    }
}
