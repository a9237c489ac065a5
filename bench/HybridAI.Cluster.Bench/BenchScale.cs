namespace HybridAI.Cluster.Bench;

/// <summary>How big each phase is. Azure Storage mode is smaller where every registration is a table write.</summary>
internal sealed record BenchScale(
    int FleetDevices,
    int[] Concurrencies,
    int SubmissionsPerLevel,
    double[] OfferedRates,
    int SubmissionsPerRate,
    int WarmupSubmissions,
    int LiveDeviceAgents,
    int WorkersPerPool,
    int SlotsPerWorker,
    int LiveInFlightJobs,
    int LiveSubmitters,
    TimeSpan LiveWarmup,
    TimeSpan LiveDuration,
    int MemoryDevices)
{
    /// <summary>
    /// Submissions at an offered rate: at least <see cref="SubmissionsPerRate"/>, and at least 10 s of arrivals, so a
    /// level spans several garbage collections and its p99 does not hang on whether one happened to fall inside it.
    /// </summary>
    public int SubmissionsAt(double perSecond) => Math.Max(SubmissionsPerRate, (int)Math.Ceiling(perSecond * MinimumRateSeconds));

    private double MinimumRateSeconds => FleetDevices >= 10_000 ? 10 : 2;

    public static BenchScale For(BenchMode mode, bool quick) => (mode, quick) switch
    {
        (BenchMode.Embedded, false) => new(10_000, [1, 8, 16, 32], 4_000, [250, 500, 1_000, 2_000], 5_000, 1_000, 1_000, 8, 4, 256, 16, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), 100_000),
        (BenchMode.Embedded, true) => new(2_000, [1, 8, 32], 500, [250, 500], 1_000, 200, 200, 4, 4, 64, 8, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(8), 10_000),
        (BenchMode.AzureStorage, false) => new(10_000, [1, 8, 16, 32], 1_500, [25, 50], 1_000, 300, 500, 8, 4, 32, 8, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), 20_000),
        (BenchMode.AzureStorage, true) => new(1_000, [1, 8, 32], 200, [25], 200, 50, 100, 4, 4, 16, 8, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(8), 2_000),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown mode"),
    };
}
