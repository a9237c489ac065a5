namespace HybridAI.Simulator.Arrivals;

/// <summary>Non-homogeneous Poisson arrivals by thinning (Lewis and Shedler): candidates at the peak rate, each kept with rate(t)/peak.</summary>
public static class PoissonArrivals
{
    /// <summary>Arrival times in [0, <paramref name="durationMs"/>) for a rate given in arrivals per ms, never above <paramref name="peakRatePerMs"/>.</summary>
    public static List<double> Generate(Func<double, double> ratePerMs, double peakRatePerMs, double durationMs, ref SplitMix rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(peakRatePerMs);
        var times = new List<double>();
        if (peakRatePerMs == 0)
        {
            return times;
        }

        var t = 0.0;
        while (true)
        {
            t += rng.Exponential(1.0 / peakRatePerMs);
            if (t >= durationMs)
            {
                return times;
            }

            if (rng.NextDouble() * peakRatePerMs < ratePerMs(t))
            {
                times.Add(t);
            }
        }
    }

    /// <summary>Diurnal rate: mean <paramref name="meanPerMs"/>, 1 + amplitude x cos(2 pi (hour - peak) / 24).</summary>
    public static double Diurnal(double tMs, double meanPerMs, double amplitude, double peakHour) =>
        meanPerMs * (1 + amplitude * Math.Cos(2 * Math.PI * (HourOfDay(tMs) - peakHour) / 24.0));

    public static double HourOfDay(double tMs) => tMs / 3_600_000.0 % 24.0;
}
