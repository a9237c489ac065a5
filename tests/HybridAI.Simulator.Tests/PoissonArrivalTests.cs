using HybridAI.Simulator.Arrivals;

namespace HybridAI.Simulator.Tests;

public sealed class PoissonArrivalTests
{
    [Fact]
    public void Constant_rate_arrivals_have_the_expected_mean_and_variance()
    {
        // 400 windows of 1000 ms at 0.05 per ms: each count is Poisson(50); mean and variance both 50.
        const double rate = 0.05;
        const int windows = 400;
        var rng = SplitMix.For(11, 1);
        var times = PoissonArrivals.Generate(_ => rate, rate, windows * 1000.0, ref rng);
        var counts = new int[windows];
        foreach (var t in times)
        {
            counts[(int)(t / 1000)]++;
        }

        var mean = counts.Average();
        var variance = counts.Select(c => (c - mean) * (c - mean)).Sum() / (windows - 1);

        // Standard error of the mean is sqrt(50 / 400) = 0.35; allow 4 sigma.
        Assert.InRange(mean, 50 - 1.42, 50 + 1.42);
        Assert.InRange(variance, 50 * 0.75, 50 * 1.25);
    }

    [Fact]
    public void Diurnal_arrivals_average_to_the_daily_rate_and_peak_at_the_peak_hour()
    {
        const double perDay = 20_000;
        var mean = perDay / 86_400_000.0;
        var rng = SplitMix.For(12, 2);
        var times = PoissonArrivals.Generate(t => PoissonArrivals.Diurnal(t, mean, 0.6, 20), mean * 1.6, 86_400_000.0, ref rng);

        // Poisson(20000): sigma = 141; allow 4 sigma.
        Assert.InRange(times.Count, perDay - 566, perDay + 566);
        var byHour = new int[24];
        foreach (var t in times)
        {
            byHour[(int)(t / 3_600_000)]++;
        }

        Assert.True(byHour[20] > 2 * byHour[8], $"peak hour {byHour[20]} vs trough hour {byHour[8]}");
    }

    [Fact]
    public void Zero_rate_gives_no_arrivals()
    {
        var rng = SplitMix.For(1, 1);
        Assert.Empty(PoissonArrivals.Generate(_ => 0, 0, 1e9, ref rng));
    }
}
