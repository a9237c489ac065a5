using System.Runtime.InteropServices;
using HybridAI.Bench;

namespace HybridAI.Cluster.Bench;

/// <summary>Where and when the benchmark ran, and how loaded the machine was (other engineers build on it too).</summary>
internal sealed record MachineInfo(string Cpu, int LogicalCores, string Os, string Runtime, string Gc, string DateUtc, string GitCommit, bool GitDirty, string LoadAtStart, string LoadAtEnd)
{
    public static MachineInfo Capture(string repoRoot, string loadAtStart) => new(
        BenchMachine.CpuModel(),
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        GcDescription(),
        DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
        BenchMachine.Git(repoRoot, "rev-parse --short HEAD"),
        BenchMachine.Git(repoRoot, "status --porcelain -- src") is { Length: > 0 } dirty && dirty != "unknown",
        loadAtStart,
        BenchMachine.LoadAverage());

    // As the runtime took its settings (src/Silo/SiloGarbageCollection.props).
    private static string GcDescription()
    {
        var settings = GC.GetConfigurationVariables();
        var kind = System.Runtime.GCSettings.IsServerGC ? "server" : "workstation";
        var adaptive = settings.TryGetValue("GCDynamicAdaptationMode", out var mode) && Convert.ToInt64(mode, System.Globalization.CultureInfo.InvariantCulture) == 1;
        var budget = settings.TryGetValue("GCGen0MaxBudget", out var max) ? Convert.ToInt64(max, System.Globalization.CultureInfo.InvariantCulture) / 1048576 : 0;
        return $"{kind}, {(adaptive ? "DATAS on" : "DATAS off")}, gen0 budget at most {budget} MB per heap";
    }
}
