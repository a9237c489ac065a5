using Microsoft.ML.OnnxRuntime;

namespace HybridAI.Pipelines.Execution;

/// <summary>How stages run on ONNX Runtime.</summary>
public sealed record ExecutorOptions
{
    /// <summary>Intra-op threads per session; a device profile's throttle. 1 gives the most repeatable timings.</summary>
    public int IntraOpThreads { get; init; } = 1;

    public GraphOptimizationLevel OptimizationLevel { get; init; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    public bool EnableMemoryPattern { get; init; } = true;

    /// <summary>Emulates a slower device honestly: after each stage run, sleep (factor - 1) x the measured run time.</summary>
    public double SlowdownFactor { get; init; } = 1.0;

    /// <summary>Reject NaN/Inf in floating-point stage inputs before running.</summary>
    public bool CheckFiniteInputs { get; init; } = true;

    public static ExecutorOptions Default { get; } = new();

    public void Validate()
    {
        if (IntraOpThreads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "intra-op threads must be at least 1");
        }

        if (!(SlowdownFactor >= 1.0) || double.IsInfinity(SlowdownFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(SlowdownFactor), SlowdownFactor, "slowdown factor must be a finite number >= 1");
        }
    }

    internal SessionOptions CreateSessionOptions()
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = OptimizationLevel,
            EnableMemoryPattern = EnableMemoryPattern,
            EnableCpuMemArena = true,
        };
        return options;
    }
}
