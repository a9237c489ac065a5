using System.Collections.Immutable;

namespace HybridAI.Contracts.Jobs;

/// <summary>
/// A plan as users see it: segments, totals, and the other plans it was compared with (the cloud-only baseline among
/// them), as data (clients render it; the planner's text rendering is <c>PlacementPlan.Explain</c>).
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
    [property: Id(9)] ImmutableArray<PlanAlternativeView> Alternatives,
    [property: Id(10)] string? BestAlternative)
{
    /// <summary>What the cloud-only baseline among <see cref="Alternatives"/> would cost; null when there is none (privacy, no pool).</summary>
    public double? CloudOnlyCost => CloudOnly?.EstimatedCost;

    /// <summary>When the cloud-only baseline would finish, ms since submission.</summary>
    public double? CloudOnlyCompletionMs => CloudOnly?.EstimatedCompletionMs;

    private PlanAlternativeView? CloudOnly =>
        Alternatives.IsDefault ? null : Alternatives.FirstOrDefault(a => a.Name == nameof(PlacementPolicy.CloudOnly));
}
