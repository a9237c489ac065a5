using System.Diagnostics;
using System.Runtime.InteropServices;

namespace HybridAI.Cluster.Bench;

/// <summary>Where and when the benchmark ran, and how loaded the machine was (other engineers build on it too).</summary>
internal sealed record MachineInfo(string Cpu, int LogicalCores, string Os, string Runtime, string Gc, string DateUtc, string GitCommit, bool GitDirty, string LoadAtStart, string LoadAtEnd)
{
    public static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    public static MachineInfo Capture(string repoRoot, string loadAtStart) => new(
        CpuModel(),
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        System.Runtime.GCSettings.IsServerGC ? "server" : "workstation",
        DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
        Git(repoRoot, "rev-parse --short HEAD"),
        Git(repoRoot, "status --porcelain -- src") is { Length: > 0 } dirty && dirty != "unknown",
        loadAtStart,
        LoadAverage());

    private static string CpuModel()
    {
        try
        {
            var line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static string Git(string repoRoot, string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments) { WorkingDirectory = repoRoot, RedirectStandardOutput = true, UseShellExecute = false })!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
