namespace HybridAI.Pipelines.Bench;

/// <summary>Median per-stage latencies of one model variant, intra-op threads = 1.</summary>
internal sealed record VariantResult(string Variant, double TokenizeMs, double TextEncodeMs, double DenoiseStepMs, double DecodeMs, int Iterations);

/// <summary>INT8 versus FP32 on the same stage, measured interleaved.</summary>
internal sealed record SpeedupResult(string Size, string Stage, double Fp32Ms, double Int8Ms, double Speedup, int Iterations);

/// <summary>Our executor against a bare InferenceSession.Run of the same session and tensors, measured interleaved.</summary>
internal sealed record OverheadResult(string Variant, string Path, double BareMs, double ExecutorMs, double OverheadPercent, int Iterations);

/// <summary>One whole text-to-image run.</summary>
internal sealed record WholeRunResult(string Variant, int Steps, double Milliseconds, int Iterations);

/// <summary>INT8 image against the FP32 image of the same job.</summary>
internal sealed record QualityResult(string Size, double PsnrDb, double MeanAbsDiff);

internal sealed record BenchReport(
    MachineInfo Machine,
    bool Quick,
    IReadOnlyList<VariantResult> Stages,
    IReadOnlyList<SpeedupResult> Int8Speedups,
    IReadOnlyList<OverheadResult> ExecutorOverhead,
    IReadOnlyList<WholeRunResult> WholeRuns,
    IReadOnlyList<QualityResult> Quality,
    IReadOnlyDictionary<string, bool> Targets);
