using System.Collections.Immutable;

namespace HybridAI.Planning;

/// <summary>
/// Places a job's stages on candidate nodes. Stateless and thread-safe: every call works only on its arguments,
/// time comes in as elapsed milliseconds, and equal inputs give equal plans (candidates are ordered by id internally,
/// so their order does not matter).
/// </summary>
public sealed class PlacementPlanner(PlannerOptions? options = null)
{
    private static readonly PlacementPolicy[] AllPolicies =
        [PlacementPolicy.Hybrid, PlacementPolicy.CloudOnly, PlacementPolicy.DeviceOnly, PlacementPolicy.StaticSplit];

    public PlannerOptions Options { get; } = options ?? PlannerOptions.Default;

    /// <summary>Plans a fresh job under <see cref="PlacementJob.Policy"/>; <paramref name="elapsedMs"/> is the time since submission.</summary>
    /// <exception cref="InvalidPlanningInputException">An input field is invalid (the exception names it).</exception>
    /// <exception cref="NoFeasiblePlanException">Some stage has no node allowed to run it.</exception>
    public PlacementPlan Plan(PlacementJob job, IReadOnlyList<CandidateNode> candidates, double elapsedMs = 0) =>
        PlanProblem(PlanningProblem.Create(job, candidates, null, elapsedMs, Options, ProblemScratch.ForThread()));

    /// <summary>
    /// Plans only the stages from <see cref="PlanCheckpoint.ResumeStageIndex"/> on, starting at the checkpoint's elapsed time,
    /// with the checkpoint tensor moving from <see cref="PlanCheckpoint.TensorNodeId"/> to wherever the first remaining stage runs.
    /// </summary>
    public PlacementPlan Replan(PlacementJob job, IReadOnlyList<CandidateNode> candidates, PlanCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return PlanProblem(PlanningProblem.Create(job, candidates, checkpoint, checkpoint.ElapsedMs, Options, ProblemScratch.ForThread()));
    }

    /// <summary>
    /// Times and prices a given placement (one assignment per remaining stage, from the checkpoint's resume stage, or all
    /// stages when <paramref name="checkpoint"/> is null) with the planner's model. It does not check privacy, policy or
    /// availability; use <see cref="PrivacyGuard"/> for privacy.
    /// </summary>
    public PlacementPlan Evaluate(PlacementJob job, IReadOnlyList<CandidateNode> candidates, PlanCheckpoint? checkpoint, IReadOnlyList<StageAssignment> assignments, double elapsedMs = 0)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var p = PlanningProblem.Create(job, candidates, checkpoint, checkpoint?.ElapsedMs ?? elapsedMs, Options, ProblemScratch.ForThread());
        var remaining = p.StageCount - p.Resume;
        if (assignments.Count != remaining)
        {
            throw new InvalidPlanningInputException("assignments", $"has {assignments.Count} entries; stages {p.Resume}..{p.StageCount - 1} need {remaining}.");
        }

        var nodeOf = new int[p.StageCount];
        var variantOf = new int[p.StageCount];
        for (var a = 0; a < remaining; a++)
        {
            var i = p.Resume + a;
            var n = p.IndexOfNode(assignments[a].NodeId);
            if (n < 0)
            {
                throw new InvalidPlanningInputException($"assignments[{a}].NodeId", $"node '{assignments[a].NodeId}' is not among the candidates.");
            }

            var variants = p.Nodes[n].Variants;
            var v = -1;
            for (var x = 0; x < variants.Length && v < 0; x++)
            {
                if (variants[x].Stage == p.Stage(i).Kind && string.Equals(variants[x].Name, assignments[a].Variant, StringComparison.Ordinal))
                {
                    v = x;
                }
            }

            if (v < 0)
            {
                throw new InvalidPlanningInputException($"assignments[{a}].Variant", $"node '{p.Nodes[n].Id}' holds no {p.Stage(i).Kind} variant '{assignments[a].Variant}'.");
            }

            nodeOf[i] = n;
            variantOf[i] = v;
        }

        return p.BuildPlan(job.Policy, nodeOf, variantOf, []);
    }

    private PlacementPlan PlanProblem(PlanningProblem p)
    {
        var policy = p.Job.Policy;
        var chosen = Solve(p, policy) ?? throw new NoFeasiblePlanException(p.Job.Id, policy, DescribeMissingStage(p, policy));
        var alternatives = ImmutableArray<PlanAlternative>.Empty;
        if (Options.IncludeAlternatives)
        {
            var builder = ImmutableArray.CreateBuilder<PlanAlternative>(AllPolicies.Length - 1);
            foreach (var other in AllPolicies)
            {
                if (other != policy && Solve(p, other) is { } result)
                {
                    builder.Add(Summarise(p, other, result));
                }
            }

            alternatives = builder.ToImmutable();
        }

        return ToPlan(p, policy, chosen, alternatives);
    }

    // The search's choices run each node's option variant, so the plan needs no variant table.
    private static PlacementPlan ToPlan(PlanningProblem p, PlacementPolicy policy, SearchResult result, ImmutableArray<PlanAlternative> alternatives) =>
        p.BuildPlan(policy, result.NodeOf, null, alternatives);

    /// <summary>The same summary as <c>ToPlan(...).Summarise(name)</c>, without building the plan's segments.</summary>
    private static PlanAlternative Summarise(PlanningProblem p, PlacementPolicy policy, SearchResult result)
    {
        var route = new System.Text.StringBuilder(64);
        var nodeOf = result.NodeOf;
        for (var i = p.Resume; i < p.StageCount; i++)
        {
            var first = i;
            while (i + 1 < p.StageCount && nodeOf[i + 1] == nodeOf[first])
            {
                i++;
            }

            if (route.Length > 0)
            {
                route.Append(" -> ");
            }

            route.Append(p.Nodes[nodeOf[first]].Id).Append('[').Append(first);
            if (i != first)
            {
                route.Append('-').Append(i);
            }

            route.Append(']');
        }

        var completionMs = result.CompletionUs / 1000.0;
        return new PlanAlternative(policy.ToString(), route.ToString(), completionMs, result.CostPico / 1e12, completionMs > p.Job.DeadlineMs);
    }

    /// <summary>The policy's optimum; CloudOnly and StaticSplit try each online cloud pool and keep the best.</summary>
    internal static SearchResult? Solve(PlanningProblem p, PlacementPolicy policy)
    {
        if (policy is PlacementPolicy.Hybrid or PlacementPolicy.DeviceOnly)
        {
            return PlacementSearch.Run(p, policy, -1);
        }

        SearchResult? best = null;
        var anyPool = false;
        for (var n = 0; n < p.NodeCount; n++)
        {
            if (p.Nodes[n].Kind != NodeKind.CloudPool || !p.Nodes[n].Online)
            {
                continue;
            }

            anyPool = true;
            if (p.DominatedByPool[n])
            {
                continue; // a pool at least as good in every respect is tried instead
            }

            if (PlacementSearch.Run(p, policy, n) is { } result && (best is null || result.IsBetterThan(best, p.DeadlineUs)))
            {
                best = result;
            }
        }

        // Without a pool the baseline still exists when privacy pins every stage to the device.
        return anyPool ? best : PlacementSearch.Run(p, policy, -1);
    }

    private static string DescribeMissingStage(PlanningProblem p, PlacementPolicy policy)
    {
        var nodes = new int[p.StageCount * p.NodeCount];
        var start = new int[p.StageCount + 1];
        p.AllowedNodes(policy, -1, nodes, start);
        for (var i = p.Resume; i < p.StageCount; i++)
        {
            var any = start[i + 1] > start[i];
            for (var n = 0; n < p.NodeCount && !any; n++)
            {
                any = policy is PlacementPolicy.CloudOnly or PlacementPolicy.StaticSplit && p.Nodes[n].Kind == NodeKind.CloudPool && p.Nodes[n].Online && p.HasOption(i, n) && !p.IsPrivacyPinned(i);
            }

            if (!any)
            {
                return $"stage {i} '{p.StageName(i)}' ({p.Stage(i).Kind}) has no allowed node: none is online, holds a usable {p.Stage(i).Kind} variant, is allowed by privacy {p.Job.Privacy} and the policy, and has enough battery.";
            }
        }

        return "no combination of the allowed nodes covers every stage.";
    }
}
