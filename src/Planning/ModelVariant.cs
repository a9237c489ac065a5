namespace HybridAI.Planning;

/// <summary>A model variant a node holds for one stage kind, with its measured latency.</summary>
/// <param name="Stage">The stage kind this variant runs.</param>
/// <param name="Name">Variant name, e.g. "base-fp32", "base-int8", "tiny-int8".</param>
/// <param name="LatencyMs">Measured milliseconds per stage execution (for denoise: per step).</param>
public sealed record ModelVariant(StageKind Stage, string Name, double LatencyMs);
