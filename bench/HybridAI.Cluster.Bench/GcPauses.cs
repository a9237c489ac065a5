namespace HybridAI.Cluster.Bench;

/// <summary>
/// Garbage collections during a measured window and the time the runtime was paused for them: a latency tail that
/// lines up with the pause total is the collector's, not the scheduler's.
/// </summary>
internal sealed record GcPauses(int Gen0, int Gen1, int Gen2, double PausedMs, double MaxPauseMs, double AllocatedMb)
{
    public static Func<GcPauses> Start()
    {
        var (gen0, gen1, gen2, paused) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        var allocated = GC.GetTotalAllocatedBytes();
        return () => new GcPauses(
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(1) - gen1,
            GC.CollectionCount(2) - gen2,
            Math.Round((GC.GetTotalPauseDuration() - paused).TotalMilliseconds, 1),
            Math.Round(LongestRecentPauseMs(), 1),
            Math.Round((GC.GetTotalAllocatedBytes() - allocated) / 1048576.0, 1));
    }

    /// <summary>The report tables' cell: collections per generation, then the time paused.</summary>
    public string TableCell() => FormattableString.Invariant($"{Gen0}/{Gen1}/{Gen2}, {PausedMs:F1}");

    public override string ToString() => FormattableString.Invariant($"{Gen0}/{Gen1}/{Gen2} collections (gen0/1/2), {PausedMs:F1} ms paused (longest recent {MaxPauseMs:F1} ms), {AllocatedMb:F1} MB allocated");

    // The runtime keeps pause durations of the last few collections of each kind.
    private static double LongestRecentPauseMs() =>
        new[] { GCKind.Ephemeral, GCKind.FullBlocking, GCKind.Background }
            .Select(kind => GC.GetGCMemoryInfo(kind))
            .SelectMany(info => info.PauseDurations.ToArray())
            .DefaultIfEmpty(TimeSpan.Zero)
            .Max().TotalMilliseconds;
}
