using System.Collections.Immutable;

namespace HybridAI.Contracts.Jobs;

/// <summary>
/// A plan as users see it: segments, totals, the cloud-only baseline, and the other plans it was compared with, as
/// data (clients render it; the planner's text rendering is <c>PlacementPlan.Explain</c>).
/// </summary>
/// <param name="BestAlternative">Name of the alternative that would have been chosen next, if any.</param>
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
    [property: Id(9)] ImmutableArray<PlanAlternativeView> Alternatives,
    [property: Id(10)] string? BestAlternative);
