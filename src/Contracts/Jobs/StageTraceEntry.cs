namespace HybridAI.Contracts.Jobs;

/// <summary>One stage range as it really ran: where, with what, when, how long, how many bytes, at what cost.</summary>
[GenerateSerializer, Immutable, Alias("hybridai.StageTraceEntry")]
public sealed record StageTraceEntry(
    [property: Id(0)] int FirstStage,
    [property: Id(1)] int LastStage,
    [property: Id(2)] string Stages,
    [property: Id(3)] string NodeId,
    [property: Id(4)] string WorkerId,
    [property: Id(5)] string Variant,
    [property: Id(6)] DateTimeOffset StartedAt,
    [property: Id(7)] DateTimeOffset FinishedAt,
    [property: Id(8)] double ComputeMs,
    [property: Id(9)] long BytesIn,
    [property: Id(10)] long BytesOut,
    [property: Id(11)] double Cost);
