using System.Collections.Immutable;
using HybridAI.Planning;

namespace HybridAI.Planning.Tests;

/// <summary>A small seeded random planning case (2-4 nodes, 2-4 denoise steps) and its exhaustive optimum.</summary>
internal sealed record RandomCase(PlacementJob Job, ImmutableArray<CandidateNode> Candidates, PlanCheckpoint? Checkpoint)
{
    private static readonly string[] VariantNames = ["base-fp32", "base-int8", "tiny-int8"];

    public static RandomCase Create(int seed, PrivacyLevel? privacy = null, PlacementPolicy? policy = null)
    {
        var random = new Random(seed);
        var nodeCount = random.Next(2, 5);
        var nodes = ImmutableArray.CreateBuilder<CandidateNode>();
        var origin = $"dev-{random.Next(10)}";
        for (var n = 0; n < nodeCount; n++)
        {
            var kind = n switch { 0 => NodeKind.Device, 1 => NodeKind.CloudPool, _ => (NodeKind)random.Next(3) };
            var id = n == 0 ? origin : $"{kind.ToString().ToLowerInvariant()}-{n}";
            var variants = ImmutableArray.CreateBuilder<ModelVariant>();
            foreach (var stage in Enum.GetValues<StageKind>())
            {
                var count = random.Next(n <= 1 ? 1 : 0, 3);
                var first = random.Next(VariantNames.Length);
                for (var v = 0; v < count; v++)
                {
                    variants.Add(new ModelVariant(stage, VariantNames[(first + v) % VariantNames.Length], 5 + random.NextDouble() * 400));
                }
            }

            if (variants.Count == 0)
            {
                variants.Add(new ModelVariant(StageKind.Decode, "tiny-int8", 50));
            }

            var slots = random.Next(1, 4);
            var queue = new NodeQueue(random.Next(0, 3), random.Next(0, slots + 1), slots, random.NextDouble() < 0.5 ? 0 : random.NextDouble() * 1500);
            var battery = kind == NodeKind.Device
                ? new BatteryStatus(random.NextDouble(), random.NextDouble() < 0.5, random.NextDouble() < 0.2)
                : null;
            nodes.Add(new CandidateNode(
                id,
                kind,
                Online: n == 0 || random.NextDouble() < 0.85,
                variants.ToImmutable(),
                queue,
                new NetworkLink(1 + random.NextDouble() * 80, 1e5 + random.NextDouble() * 5e7),
                random.NextDouble() < 0.1 ? 0 : random.NextDouble() * 0.01,
                battery));
        }

        var stages = ImmutableArray.Create(
            new StageProfile("Tokenize", StageKind.Tokenize, random.Next(100, 2000), random.Next(100, 2000), true),
            new StageProfile("TextEncode", StageKind.TextEncode, random.Next(1000, 500_000), 0, true),
            new StageProfile("DenoiseStep", StageKind.DenoiseStep, random.Next(1000, 200_000), 0, false),
            new StageProfile("Decode", StageKind.Decode, random.Next(1000, 800_000), 0, false));
        var steps = random.Next(2, 5);
        ImmutableHashSet<string>? floor = random.NextDouble() < 0.2 ? ["base-fp32", "base-int8"] : null;
        var job = new PlacementJob(
            $"job-{seed}",
            new PipelineProfile("random", stages),
            steps,
            random.NextDouble() * 3000,
            privacy ?? (PrivacyLevel)random.Next(3),
            origin,
            policy ?? (PlacementPolicy)random.Next(4),
            floor);
        PlanCheckpoint? checkpoint = null;
        if (random.NextDouble() < 0.3)
        {
            var resume = random.Next(1, steps + 3);
            checkpoint = new PlanCheckpoint(resume, nodes[random.Next(nodeCount)].Id, random.Next(1000, 200_000), random.NextDouble() * 1000);
        }

        // Shuffle so the planner cannot rely on the candidates' order.
        var shuffled = nodes.ToArray();
        random.Shuffle(shuffled);
        return new RandomCase(job, [.. shuffled], checkpoint);
    }
}
