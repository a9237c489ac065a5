using System.Diagnostics;

namespace HybridAI.Pipelines.Bench;

/// <summary>
/// Warm-up, then timed iterations; reports medians (robust to other processes stealing the CPU). Async all the way:
/// blocking on the runner's tasks (GetResult) spin-waits a second core, which distorts sub-millisecond stages.
/// </summary>
internal static class Sampler
{
    public static async Task<double[]> Time(Func<Task> action, int warmup, int iterations)
    {
        for (int i = 0; i < warmup; i++)
        {
            await action();
        }

        var samples = new double[iterations];
        for (int i = 0; i < iterations; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await action();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return samples;
    }

    /// <summary>Times two actions alternately (A, B, A, B, ...) so background load hits both equally.</summary>
    public static async Task<(double[] A, double[] B)> Interleaved(Func<Task> a, Func<Task> b, int warmup, int iterations)
    {
        for (int i = 0; i < warmup; i++)
        {
            await a();
            await b();
        }

        var sa = new double[iterations];
        var sb = new double[iterations];
        for (int i = 0; i < iterations; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await a();
            sa[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            start = Stopwatch.GetTimestamp();
            await b();
            sb[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return (sa, sb);
    }

    /// <summary>Adapts synchronous work (a bare session run) to the async harness.</summary>
    public static Func<Task> Sync(Action action) => () =>
    {
        action();
        return Task.CompletedTask;
    };

    /// <summary>Median of a[i] / b[i]: robust when background load drifts over the run.</summary>
    public static double MedianPairedRatio(double[] a, double[] b) => Median(a.Zip(b, (x, y) => x / y));

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
