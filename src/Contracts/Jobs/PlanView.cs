using System.Collections.Immutable;

namespace HybridAI.Contracts.Jobs;

/// <summary>A plan as users see it: segments, totals, the cloud-only baseline it is compared with, and the planner's explanation.</summary>
[GenerateSerializer, Immutable, Alias("hybridai.PlanView")]
public sealed record PlanView(
    [property: Id(0)] PlacementPolicy Policy,
    [property: Id(1)] ImmutableArray<PlanSegmentView> Segments,
    [property: Id(2)] double EstimatedCompletionMs,
    [property: Id(3)] double EstimatedCost,
    [property: Id(4)] double DeadlineMs,
    [property: Id(5)] bool IsLate,
    [property: Id(6)] double? CloudOnlyCost,
    [property: Id(7)] double? CloudOnlyCompletionMs,
    [property: Id(8)] string Explanation);
