using HybridAI.Pipelines.Models;

namespace HybridAI.Pipelines.TextToImage;

/// <summary>Median milliseconds per stage measured on this machine: what an agent reports as its capacity.</summary>
public sealed record StageLatencies(ModelVariant Variant, double TokenizeMs, double TextEncodeMs, double DenoiseStepMs, double DecodeMs, int Iterations);
