namespace HybridAI.Contracts.Jobs;

/// <summary>One stage range of a plan: which node and variant, and what the planner expected it to take and cost.</summary>
[GenerateSerializer, Immutable, Alias("hybridai.PlanSegmentView")]
public sealed record PlanSegmentView(
    [property: Id(0)] int FirstStage,
    [property: Id(1)] int LastStage,
    [property: Id(2)] string Stages,
    [property: Id(3)] string NodeId,
    [property: Id(4)] string NodeKind,
    [property: Id(5)] string Variant,
    [property: Id(6)] double EstimatedStartMs,
    [property: Id(7)] double EstimatedEndMs,
    [property: Id(8)] double EstimatedComputeMs,
    [property: Id(9)] double EstimatedCost);
