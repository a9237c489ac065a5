namespace HybridAI.Contracts.Work;

/// <summary>A completed work item as the node grain passes it to the job grain, priced with the node's rate.</summary>
[GenerateSerializer, Immutable, Alias("hybridai.WorkResult")]
public sealed record WorkResult(
    [property: Id(0)] string WorkItemId,
    [property: Id(1)] string NodeId,
    [property: Id(2)] string WorkerId,
    [property: Id(3)] byte[] Outputs,
    [property: Id(4)] double ComputeMs,
    [property: Id(5)] DateTimeOffset StartedAt,
    [property: Id(6)] DateTimeOffset FinishedAt,
    [property: Id(7)] double Cost);
