using System.Collections.Immutable;
using HybridAI.Planning;

namespace HybridAI.Planning.Tests;

/// <summary>
/// The benchmark's shape (many identical denoise steps) with two or three nodes, small enough to enumerate: the random
/// cases elsewhere have 2-4 steps, so this checks that the search stays exact over long runs of identical stages.
/// </summary>
public sealed class LongDenoiseLoopTests
{
    [Theory]
    [InlineData(false, 10, 17)]
    [InlineData(true, 7, 11)]
    public void Planner_equals_brute_force_on_long_denoise_loops(bool withCloud, int minSteps, int maxSteps)
    {
        var planner = new PlacementPlanner(PlannerOptions.Default with { IncludeAlternatives = false });
        var late = 0;
        var split = 0;
        for (var seed = 0; seed < 24; seed++)
        {
            var random = new Random(7_000 + seed);
            var steps = random.Next(minSteps, maxSteps);
            var phone = new CandidateNode(
                "phone",
                NodeKind.Device,
                Online: true,
                [
                    new ModelVariant(StageKind.Tokenize, "bpe", 2),
                    new ModelVariant(StageKind.TextEncode, "int8", 20 + random.NextDouble() * 60),
                    new ModelVariant(StageKind.DenoiseStep, "int8", 100 + random.NextDouble() * 900),
                    new ModelVariant(StageKind.Decode, "int8", 100 + random.NextDouble() * 900),
                ],
                NodeQueue.Idle(),
                new NetworkLink(10 + random.NextDouble() * 80, 1e6 + random.NextDouble() * 5e6),
                PricePerSecond: random.NextDouble() * 1e-6);
            var edge = new CandidateNode(
                "edge",
                NodeKind.EdgeNode,
                Online: true,
                [
                    new ModelVariant(StageKind.DenoiseStep, "fp32", 10 + random.NextDouble() * 150),
                    new ModelVariant(StageKind.Decode, "fp32", 20 + random.NextDouble() * 200),
                ],
                new NodeQueue(QueueLength: 1, BusySlots: 1, TotalSlots: 1, QueuedWorkMs: random.NextDouble() * 3000),
                new NetworkLink(5 + random.NextDouble() * 40, 5e6 + random.NextDouble() * 1e8),
                PricePerSecond: random.NextDouble() * 1e-4);
            var cloud = new CandidateNode(
                "cloud",
                NodeKind.CloudPool,
                Online: true,
                [
                    new ModelVariant(StageKind.DenoiseStep, "fp32", 5 + random.NextDouble() * 40),
                    new ModelVariant(StageKind.Decode, "fp32", 10 + random.NextDouble() * 60),
                ],
                new NodeQueue(QueueLength: 4, BusySlots: 8, TotalSlots: 8, QueuedWorkMs: random.NextDouble() * 8000),
                new NetworkLink(20 + random.NextDouble() * 40, 1e7 + random.NextDouble() * 1e8),
                PricePerSecond: random.NextDouble() * 1e-3);
            ImmutableArray<CandidateNode> candidates = withCloud ? [phone, edge, cloud] : [phone, edge];
            var job = new PlacementJob($"long-{seed}", PipelineProfile.TextToImage(), steps, 500 + random.NextDouble() * 6000, PrivacyLevel.Strict, "phone");

            var optimum = BruteForce.Optimum(job, candidates, null, PlacementPolicy.Hybrid)!.Value;
            var plan = planner.Plan(job, candidates);
            Assert.True(
                optimum.CompletionUs / 1000.0 == plan.CompletionMs && optimum.CostPico / 1e12 == plan.TotalCost,
                $"seed {seed}: brute force {optimum.CompletionUs / 1000.0} ms {optimum.CostPico / 1e12}, planner {plan.CompletionMs} ms {plan.TotalCost}\n{plan.Explain()}");
            late += plan.IsLate ? 1 : 0;
            split += plan.Segments.Select(s => s.NodeId).Distinct().Count() > 1 ? 1 : 0;
        }

        // Both on-time and late optima, and plans that split the loop between the nodes.
        Assert.InRange(late, 1, 23);
        Assert.True(split > 0, "no plan used more than one node");
    }
}
