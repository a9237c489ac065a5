using System.Collections.Immutable;
using HybridAI.Contracts.Jobs;
using HybridAI.Contracts.Nodes;
using HybridAI.Planning;
using PlacementPolicy = HybridAI.Contracts.Jobs.PlacementPolicy;
using PrivacyLevel = HybridAI.Contracts.Jobs.PrivacyLevel;
using StageKind = HybridAI.Contracts.Nodes.StageKind;

namespace HybridAI.Grains.Jobs;

/// <summary>
/// The job grain's bridge to the planner: builds the planner's job and candidates from the request and the live
/// snapshots, plans (or re-plans from a checkpoint), checks privacy, and turns the plan into what users see.
/// </summary>
public sealed class JobPlacement(PlacementPlanner planner)
{
    public PlacementOutcome Plan(
        Guid jobId,
        JobRequest request,
        IReadOnlyList<NodeSnapshot> snapshots,
        PlanCheckpoint? checkpoint,
        double elapsedMs,
        DateTimeOffset now,
        TimeSpan staleAfter,
        ISet<string> excluded)
    {
        var candidates = snapshots.Select(s => CandidateMapper.ToCandidate(s, now, staleAfter, excluded)).ToList();
        var job = ToPlacementJob(jobId, request, snapshots);
        var plan = checkpoint is null ? planner.Plan(job, candidates, elapsedMs) : planner.Replan(job, candidates, checkpoint);

        // Checked again here, at dispatch, whatever the planner promises.
        PrivacyGuard.EnsureAllowed(plan, job);
        var ranges = plan.Segments
            .Select(s => new PlannedRange(s.FirstStage, s.LastStage, s.NodeId, PlanningTypeMap.Map(s.NodeKind), s.Variant, s.ComputeMs / s.StageCount))
            .ToList();
        return new PlacementOutcome(plan, ranges, ToView(plan, request.Steps));
    }

    /// <summary>
    /// Times the remaining ranges of the current plan with today's signals; null when a range's node can no longer
    /// run it (offline, or it dropped the variant).
    /// </summary>
    public PlacementPlan? Reevaluate(
        Guid jobId,
        JobRequest request,
        IReadOnlyList<NodeSnapshot> snapshots,
        IReadOnlyList<PlannedRange> ranges,
        PlanCheckpoint checkpoint,
        DateTimeOffset now,
        TimeSpan staleAfter)
    {
        var candidates = snapshots.Select(s => CandidateMapper.ToCandidate(s, now, staleAfter, new HashSet<string>())).ToList();
        var assignments = new List<StageAssignment>();
        for (var stage = checkpoint.ResumeStageIndex; stage < TextToImageStages.Count(request.Steps); stage++)
        {
            var range = ranges.FirstOrDefault(r => r.FirstStage <= stage && stage <= r.LastStage);
            if (range is null || candidates.FirstOrDefault(c => c.Id == range.NodeId) is not { Online: true })
            {
                return null;
            }

            assignments.Add(new StageAssignment(range.NodeId, range.Variant));
        }

        try
        {
            return planner.Evaluate(ToPlacementJob(jobId, request, snapshots), candidates, checkpoint, assignments);
        }
        catch (InvalidPlanningInputException)
        {
            return null;
        }
    }

    private static PlacementJob ToPlacementJob(Guid jobId, JobRequest request, IReadOnlyList<NodeSnapshot> snapshots)
    {
        // One pass over the reported variants of the job's model size: the largest output per stage kind, and their names
        // as the quality floor (another size's variants never run the job).
        var prefix = request.ModelSize + "-";
        Span<long> outputBytes = stackalloc long[(int)StageKind.Decode + 1];
        var allowed = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var snapshot in snapshots)
        {
            foreach (var v in snapshot.Capacity?.Variants ?? [])
            {
                if (v.Variant.StartsWith(prefix, StringComparison.Ordinal) && (uint)v.Stage < (uint)outputBytes.Length)
                {
                    outputBytes[(int)v.Stage] = Math.Max(outputBytes[(int)v.Stage], v.OutputBytes);
                    allowed.Add(v.Variant);
                }
            }
        }

        var profile = PipelineProfile.TextToImage(
            promptBytes: System.Text.Encoding.UTF8.GetByteCount(request.Prompt ?? ""),
            tokenIdsBytes: outputBytes[(int)StageKind.Tokenize],
            embeddingBytes: outputBytes[(int)StageKind.TextEncode],
            latentBytes: outputBytes[(int)StageKind.DenoiseStep],
            imageBytes: outputBytes[(int)StageKind.Decode]);
        return new PlacementJob(
            jobId.ToString("N"),
            profile,
            request.Steps,
            request.DeadlineMs,
            PlanningTypeMap.Map(request.Privacy),
            request.OriginDeviceId,
            PlanningTypeMap.Map(request.Policy),
            allowed.ToImmutable());
    }

    private static PlanView ToView(PlacementPlan plan, int steps)
    {
        var segments = plan.Segments
            .Select(s => new PlanSegmentView(
                s.FirstStage,
                s.LastStage,
                TextToImageStages.Describe(s.FirstStage, s.LastStage, steps),
                s.NodeId,
                s.NodeKind.ToString(),
                s.Variant,
                s.StartMs,
                s.EndMs,
                s.ComputeMs,
                s.Cost))
            .ToImmutableArray();
        var alternatives = plan.Alternatives
            .Select(a => new PlanAlternativeView(a.Name, a.Route, a.CompletionMs, a.TotalCost, a.IsLate))
            .ToImmutableArray();
        return new PlanView(
            PlanningTypeMap.Map(plan.Policy),
            segments,
            plan.CompletionMs,
            plan.TotalCost,
            plan.DeadlineMs,
            plan.IsLate,
            alternatives,
            plan.BestAlternative?.Name);
    }
}

/// <summary>A plan, the ranges the job grain dispatches from it, and its user-facing view.</summary>
public sealed record PlacementOutcome(PlacementPlan Plan, List<PlannedRange> Ranges, PlanView View);
