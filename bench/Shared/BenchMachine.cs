using System.Diagnostics;
using System.Runtime.InteropServices;

namespace HybridAI.Bench;

/// <summary>
/// What every benchmark records about the machine it ran on: load, CPU model, the commit. Linked into each bench
/// project, which keeps its own result schema.
/// </summary>
internal static class BenchMachine
{
    /// <summary>1/5/15-minute load averages (Linux), to judge how much other work shared the machine; "n/a" elsewhere.</summary>
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

    /// <summary>The CPU's model name (Linux), or the process architecture where it cannot be read.</summary>
    public static string CpuModel()
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

    /// <summary>The trimmed output of <c>git ARGUMENTS</c> run in <paramref name="workingDirectory"/>, or "unknown" when git fails, prints nothing or is missing.</summary>
    public static string Git(string workingDirectory, string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, UseShellExecute = false })!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && output.Length > 0 ? output : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
