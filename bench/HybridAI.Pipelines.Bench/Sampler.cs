using System.Diagnostics;

namespace HybridAI.Pipelines.Bench;

/// <summary>Warm-up, then timed iterations; reports the median (robust to other processes stealing the CPU).</summary>
internal static class Sampler
{
    public static double[] Time(Action action, int warmup, int iterations)
    {
        for (int i = 0; i < warmup; i++)
        {
            action();
        }

        var samples = new double[iterations];
        for (int i = 0; i < iterations; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return samples;
    }

    /// <summary>Times two actions alternately (A, B, A, B, ...) so background load hits both equally.</summary>
    public static (double[] A, double[] B) Interleaved(Action a, Action b, int warmup, int iterations)
    {
        for (int i = 0; i < warmup; i++)
        {
            a();
            b();
        }

        var sa = new double[iterations];
        var sb = new double[iterations];
        for (int i = 0; i < iterations; i++)
        {
            long start = Stopwatch.GetTimestamp();
            a();
            sa[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            start = Stopwatch.GetTimestamp();
            b();
            sb[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return (sa, sb);
    }

    /// <summary>Median of a[i] / b[i]: robust when background load drifts over the run.</summary>
    public static double MedianPairedRatio(double[] a, double[] b) => Median(a.Zip(b, (x, y) => x / y));

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
