using System.Runtime.InteropServices;
using HybridAI.Bench;

namespace HybridAI.Pipelines.Bench;

/// <summary>Where and when the benchmark ran.</summary>
internal sealed record MachineInfo(string Cpu, int LogicalCores, string Os, string Runtime, string OnnxRuntime, string DateUtc, string GitCommit, string LoadAtStart, string LoadAtEnd)
{
    public static MachineInfo Capture(string repoRoot, string loadAtStart) => new(
        BenchMachine.CpuModel(),
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.GetName().Version?.ToString() ?? "?",
        DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
        BenchMachine.Git(repoRoot, "rev-parse --short HEAD"),
        loadAtStart,
        BenchMachine.LoadAverage());
}
