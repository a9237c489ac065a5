namespace HybridAI.Contracts.Work;

/// <summary>What an agent sends back for a lease: the output and how long the compute really took.</summary>
/// <param name="Outputs">The tensor bundle the next stage starts from; for the range that ends the pipeline, the PNG itself.</param>
[GenerateSerializer, Immutable, Alias("hybridai.WorkCompletion")]
public sealed record WorkCompletion(
    [property: Id(0)] Guid LeaseId,
    [property: Id(1)] byte[] Outputs,
    [property: Id(2)] double ComputeMs,
    [property: Id(3)] DateTimeOffset StartedAt,
    [property: Id(4)] DateTimeOffset FinishedAt);
