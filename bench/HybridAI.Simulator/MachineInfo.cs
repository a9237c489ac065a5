using System.Diagnostics;
using System.Runtime.InteropServices;

namespace HybridAI.Simulator;

/// <summary>Where and when results were produced.</summary>
public sealed record MachineInfo(int Cores, string Os, string Runtime, string Architecture, string DateUtc, string GitCommit)
{
    public static MachineInfo Capture() => new(
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.ProcessArchitecture.ToString(),
        DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
        ReadGitCommit());

    private static string ReadGitCommit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse HEAD") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (git is null)
            {
                return "unknown (git not started)";
            }

            var head = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            if (git.ExitCode != 0 || head.Length == 0)
            {
                return "unknown (not a git checkout)";
            }

            // Others work in the same checkout: say when the code this binary was built from had uncommitted changes.
            using var status = Process.Start(new ProcessStartInfo("git", "status --porcelain -- src/Planning bench/HybridAI.Simulator") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            var dirty = status?.StandardOutput.ReadToEnd().Trim() ?? "";
            status?.WaitForExit();
            return dirty.Length == 0 ? head : $"{head} (with uncommitted changes under src/Planning or bench/HybridAI.Simulator)";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown (git not installed)";
        }
    }
}
