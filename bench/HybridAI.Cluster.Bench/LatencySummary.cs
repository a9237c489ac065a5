namespace HybridAI.Cluster.Bench;

/// <summary>Percentiles (nearest rank) of a set of latencies in milliseconds.</summary>
internal sealed record LatencySummary(int Count, double MeanMs, double P50Ms, double P90Ms, double P99Ms, double MaxMs)
{
    public static LatencySummary Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0)
        {
            return new LatencySummary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = samples.Order().ToArray();
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, Math.Round(sorted.Average(), 3), Math.Round(At(0.50), 3), Math.Round(At(0.90), 3), Math.Round(At(0.99), 3), Math.Round(sorted[^1], 3));
    }
}
