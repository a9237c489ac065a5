namespace HybridAI.Contracts.Jobs;

/// <summary>A text-to-image job as submitted for its origin device.</summary>
/// <param name="Prompt">Standard privacy only. Strict and LocalOnly prompts never reach the cluster: the agent encodes them.</param>
/// <param name="PrecomputedInputs">Tensor bundle the origin device already computed (Strict: the text embedding), or empty.</param>
/// <param name="PrecomputedStages">How many leading stages the device already ran (Strict: 2, tokenize and text-encode).</param>
/// <param name="LocalTrace">What the device ran before submitting, so the job's trace is complete.</param>
/// <param name="DeadlineMs">Milliseconds from submission by which the image should be back on the device.</param>
[GenerateSerializer, Immutable, Alias("hybridai.JobRequest")]
public sealed record JobRequest(
    [property: Id(0)] string OriginDeviceId,
    [property: Id(1)] string? Prompt,
    [property: Id(2)] int Steps,
    [property: Id(3)] long Seed,
    [property: Id(4)] string ModelSize,
    [property: Id(5)] double DeadlineMs,
    [property: Id(6)] PrivacyLevel Privacy,
    [property: Id(7)] PlacementPolicy Policy,
    [property: Id(8)] byte[] PrecomputedInputs,
    [property: Id(9)] int PrecomputedStages,
    [property: Id(10)] StageTraceEntry[] LocalTrace);
