namespace HybridAI.Contracts.Work;

/// <summary>A work item handed to one agent until <see cref="ExpiresAt"/>; after that it is queued again.</summary>
[GenerateSerializer, Immutable, Alias("hybridai.WorkLease")]
public sealed record WorkLease(
    [property: Id(0)] Guid LeaseId,
    [property: Id(1)] WorkItem Item,
    [property: Id(2)] DateTimeOffset ExpiresAt);
