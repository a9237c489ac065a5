using System.Collections.Immutable;

namespace HybridAI.Planning;

/// <summary>A job to place.</summary>
/// <param name="Id">Job id.</param>
/// <param name="Pipeline">The pipeline profile.</param>
/// <param name="DenoiseSteps">Number of denoise steps (at least 1 when the pipeline has a denoise stage).</param>
/// <param name="DeadlineMs">Deadline in milliseconds from submission (not negative).</param>
/// <param name="Privacy">Privacy level.</param>
/// <param name="OriginDeviceId">The device that submitted the job; it holds the input and receives the output.</param>
/// <param name="Policy">Placement policy.</param>
/// <param name="AllowedVariants">Quality floor: variant names that may be used, or null for any variant.</param>
public sealed record PlacementJob(
    string Id,
    PipelineProfile Pipeline,
    int DenoiseSteps,
    double DeadlineMs,
    PrivacyLevel Privacy,
    string OriginDeviceId,
    PlacementPolicy Policy = PlacementPolicy.Hybrid,
    ImmutableHashSet<string>? AllowedVariants = null);
