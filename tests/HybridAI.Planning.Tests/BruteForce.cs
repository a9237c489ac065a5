using HybridAI.Planning;

namespace HybridAI.Planning.Tests;

/// <summary>
/// Enumerates every assignment of the remaining stages to (node, variant), with eligibility written out again here
/// (not taken from the planner), and keeps the optimum: on time -> least money then soonest; all late -> soonest then
/// least money. CloudOnly and StaticSplit try each online pool.
/// </summary>
internal static class BruteForce
{
    public static (long CompletionUs, long CostPico, long Evaluated)? Optimum(PlacementJob job, IReadOnlyList<CandidateNode> candidates, PlanCheckpoint? checkpoint, PlacementPolicy policy)
    {
        var p = PlanningProblem.Create(job, candidates, checkpoint, checkpoint?.ElapsedMs ?? 0, PlannerOptions.Default);
        var pools = Enumerable.Range(0, p.NodeCount).Where(n => p.Nodes[n].Kind == NodeKind.CloudPool && p.Nodes[n].Online).ToList();
        if (policy is PlacementPolicy.Hybrid or PlacementPolicy.DeviceOnly || pools.Count == 0)
        {
            pools = [-1];
        }

        (long CompletionUs, long CostPico)? best = null;
        long evaluated = 0;
        foreach (var pool in pools)
        {
            var choices = new List<(int Node, int Variant)>[p.StageCount];
            for (var i = p.Resume; i < p.StageCount; i++)
            {
                choices[i] = [];
                for (var n = 0; n < p.NodeCount; n++)
                {
                    if (!Allowed(p, job, policy, pool, i, n))
                    {
                        continue;
                    }

                    var variants = p.Nodes[n].Variants;
                    for (var v = 0; v < variants.Length; v++)
                    {
                        if (variants[v].Stage == p.Stage(i).Kind && (job.AllowedVariants is null || job.AllowedVariants.Contains(variants[v].Name)))
                        {
                            choices[i].Add((n, v));
                        }
                    }
                }
            }

            var nodeOf = new int[p.StageCount];
            var variantOf = new int[p.StageCount];
            Enumerate(p.Resume);

            void Enumerate(int stage)
            {
                if (stage == p.StageCount)
                {
                    evaluated++;
                    var (completion, cost) = p.Evaluate(nodeOf, variantOf);
                    if (best is null || Better(completion, cost, best.Value.CompletionUs, best.Value.CostPico, p.DeadlineUs))
                    {
                        best = (completion, cost);
                    }

                    return;
                }

                foreach (var (node, variant) in choices[stage])
                {
                    nodeOf[stage] = node;
                    variantOf[stage] = variant;
                    Enumerate(stage + 1);
                }
            }
        }

        return best is { } b ? (b.CompletionUs, b.CostPico, evaluated) : null;
    }

    public static long Combinations(PlacementJob job, IReadOnlyList<CandidateNode> candidates, PlanCheckpoint? checkpoint)
    {
        var p = PlanningProblem.Create(job, candidates, checkpoint, checkpoint?.ElapsedMs ?? 0, PlannerOptions.Default);
        long total = 1;
        for (var i = p.Resume; i < p.StageCount; i++)
        {
            total *= Math.Max(1, p.Nodes.Sum(node => node.Variants.Count(v => v.Stage == p.Stage(i).Kind)));
        }

        return total;
    }

    private static bool Allowed(PlanningProblem p, PlacementJob job, PlacementPolicy policy, int pool, int stage, int n)
    {
        var node = p.Nodes[n];
        var isOrigin = node.Id == job.OriginDeviceId;
        if (!node.Online)
        {
            return false;
        }

        var kind = p.Stage(stage).Kind;
        var privacyPinned = job.Privacy == PrivacyLevel.LocalOnly || (job.Privacy == PrivacyLevel.Strict && p.Stage(stage).TouchesPrivateInput);
        var onDevice = privacyPinned || policy == PlacementPolicy.DeviceOnly || (policy == PlacementPolicy.StaticSplit && kind != StageKind.DenoiseStep);
        var lowBattery = node.Battery is { Charging: false } battery && battery.Level < 0.2;
        if (lowBattery && !onDevice)
        {
            return false;
        }

        if (onDevice)
        {
            return isOrigin;
        }

        return policy == PlacementPolicy.Hybrid || n == pool;
    }

    private static bool Better(long completion, long cost, long bestCompletion, long bestCost, long deadline)
    {
        var late = completion > deadline;
        var bestLate = bestCompletion > deadline;
        if (late != bestLate)
        {
            return !late;
        }

        return late
            ? completion < bestCompletion || (completion == bestCompletion && cost < bestCost)
            : cost < bestCost || (cost == bestCost && completion < bestCompletion);
    }
}
