namespace HybridAI.Contracts.Nodes;

/// <summary>A model variant a node holds for one stage kind, with its measured latency (denoise: per step) and the size of what it outputs.</summary>
/// <param name="OutputBytes">Measured size of the stage's output in the transport format, which is what moves if the next stage runs elsewhere.</param>
[GenerateSerializer, Immutable, Alias("hybridai.VariantLatency")]
public sealed record VariantLatency(
    [property: Id(0)] StageKind Stage,
    [property: Id(1)] string Variant,
    [property: Id(2)] double LatencyMs,
    [property: Id(3)] long OutputBytes);
