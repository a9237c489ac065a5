namespace HybridAI.Cluster.Bench;

/// <summary>
/// Command line: [--quick] [--decision-only] [--allocations] [--mode embedded|azure|both] [--azurite &lt;blob&gt;,&lt;queue&gt;,&lt;table&gt; ports | --connection &lt;string&gt;] [--out &lt;folder&gt;].
/// Without either, Azure mode uses <c>UseDevelopmentStorage=true</c> (Azurite on 10000-10002). <c>--allocations</c>
/// prints what one submission allocates, by type, after the warm-up, and writes no results.
/// </summary>
internal sealed record BenchOptions(bool Quick, bool DecisionOnly, bool Allocations, IReadOnlyList<BenchMode> Modes, string ConnectionString, string StorageDescription, string OutputFolder)
{
    // Azurite's documented, public development account (not a secret); used only to address an Azurite on other ports.
    private const string DevAccount = "devstoreaccount1";
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

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
        var (connection, description) = (Value("--azurite"), Value("--connection")) switch
        {
            ({ } ports, _) => AzuriteOn(ports),
            (null, { } given) => (given, "the storage account of --connection"),
            _ => ("UseDevelopmentStorage=true", "Azurite on 127.0.0.1:10000-10002 (UseDevelopmentStorage=true)"),
        };
        return new BenchOptions(
            args.Contains("--quick"),
            args.Contains("--decision-only"),
            args.Contains("--allocations"),
            modes,
            connection,
            description,
            Path.GetFullPath(Value("--out") ?? Path.Combine(repoRoot, "bench", "results")));
    }

    private static (string Connection, string Description) AzuriteOn(string ports)
    {
        var p = ports.Split(',');
        if (p.Length != 3 || p.Any(x => !int.TryParse(x, out var n) || n is < 1 or > 65535))
        {
            throw new ArgumentException($"--azurite '{ports}' is not three ports <blob>,<queue>,<table>.");
        }

        return ($"DefaultEndpointsProtocol=http;AccountName={DevAccount};AccountKey={DevKey};BlobEndpoint=http://127.0.0.1:{p[0]}/{DevAccount};QueueEndpoint=http://127.0.0.1:{p[1]}/{DevAccount};TableEndpoint=http://127.0.0.1:{p[2]}/{DevAccount};",
            $"a private Azurite on 127.0.0.1:{p[0]},{p[1]},{p[2]} (blob, queue, table)");
    }
}

internal enum BenchMode
{
    /// <summary>Localhost clustering, in-memory grain state, reminders and payloads.</summary>
    Embedded,

    /// <summary>Table clustering, table (nodes) and blob (jobs) grain state, table reminders, blob payloads: Azurite locally.</summary>
    AzureStorage,
}
