namespace HybridAI.Cluster.Bench;

/// <summary>Command line: [--quick] [--mode embedded|azure|both] [--connection &lt;storage connection string&gt;] [--out &lt;folder&gt;].</summary>
internal sealed record BenchOptions(bool Quick, IReadOnlyList<BenchMode> Modes, string ConnectionString, string OutputFolder)
{
    public static BenchOptions Parse(string[] args, string repoRoot)
    {
        string? Value(string name)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }

        var modes = (Value("--mode") ?? "both") switch
        {
            "embedded" => new[] { BenchMode.Embedded },
            "azure" => [BenchMode.AzureStorage],
            "both" => [BenchMode.Embedded, BenchMode.AzureStorage],
            var other => throw new ArgumentException($"--mode '{other}' is not embedded, azure or both."),
        };
        return new BenchOptions(
            args.Contains("--quick"),
            modes,
            Value("--connection") ?? "UseDevelopmentStorage=true",
            Path.GetFullPath(Value("--out") ?? Path.Combine(repoRoot, "bench", "results")));
    }
}

internal enum BenchMode
{
    /// <summary>Localhost clustering, in-memory grain state, reminders and payloads.</summary>
    Embedded,

    /// <summary>Table clustering, table (nodes) and blob (jobs) grain state, table reminders, blob payloads: Azurite locally.</summary>
    AzureStorage,
}
