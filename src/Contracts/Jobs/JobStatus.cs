using System.Collections.Immutable;

namespace HybridAI.Contracts.Jobs;

/// <summary>Where a job stands: its plan, the stages done, the trace so far, and the result's size once there.</summary>
/// <param name="Plan">The plan for the stages still to run (after a re-plan, only those).</param>
/// <param name="InitialPlan">The first plan, for the whole job: what the job was expected to take and cost, and its cloud-only baseline.</param>
[GenerateSerializer, Immutable, Alias("hybridai.JobStatus")]
public sealed record JobStatus(
    [property: Id(0)] Guid JobId,
    [property: Id(1)] JobState State,
    [property: Id(2)] string OriginDeviceId,
    [property: Id(3)] PrivacyLevel Privacy,
    [property: Id(4)] PlanView? Plan,
    [property: Id(5)] int CompletedStages,
    [property: Id(6)] int TotalStages,
    [property: Id(7)] ImmutableArray<StageTraceEntry> Trace,
    [property: Id(8)] int Replans,
    [property: Id(9)] string? Error,
    [property: Id(10)] DateTimeOffset SubmittedAt,
    [property: Id(11)] DateTimeOffset? FinishedAt,
    [property: Id(12)] long ResultBytes,
    [property: Id(13)] PlanView? InitialPlan);
