using HybridAI.Pipelines.Sampling;

namespace HybridAI.Pipelines.Tests.Sampling;

public sealed class DdimSchedulerTests
{
    [Fact]
    public void Timesteps_use_leading_spacing_with_offset_one_like_sd15()
    {
        Assert.Equal(new[] { 951, 901, 851, 801, 751, 701, 651, 601, 551, 501, 451, 401, 351, 301, 251, 201, 151, 101, 51, 1 }, DdimScheduler.Timesteps(20));
    }

    [Fact]
    public void A_perfect_noise_prediction_recovers_the_clean_sample()
    {
        var scheduler = new DdimScheduler();
        // x_t = sqrt(a) x0 + sqrt(1-a) eps; stepping with the true eps all the way down must return ~x0
        float[] x0 = [0.5f, -0.25f, 1f];
        float[] eps = [0.3f, -1.2f, 0.7f];
        int steps = 10;
        int[] ts = DdimScheduler.Timesteps(steps);
        double a = AlphaBar(ts[0]);
        var x = x0.Select((v, i) => (float)(Math.Sqrt(a) * v + Math.Sqrt(1 - a) * eps[i])).ToArray();
        foreach (int t in ts)
        {
            scheduler.Step(x, eps, t, steps);
        }

        double aLast = AlphaBar(0);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(Math.Sqrt(aLast) * x0[i] + Math.Sqrt(1 - aLast) * eps[i], x[i], 3);
        }
    }

    [Fact]
    public void Latent_noise_is_deterministic_per_seed_and_standard_normal()
    {
        var a = LatentNoise.Create(7, 4, 16, 16);
        Assert.Equal(a, LatentNoise.Create(7, 4, 16, 16));
        Assert.NotEqual(a, LatentNoise.Create(8, 4, 16, 16));
        double mean = a.Average(v => (double)v);
        double std = Math.Sqrt(a.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, -0.15, 0.15);
        Assert.InRange(std, 0.9, 1.1);
    }

    private static double AlphaBar(int t)
    {
        double p = 1;
        for (int i = 0; i <= t; i++)
        {
            double b = Math.Sqrt(0.00085) + (Math.Sqrt(0.012) - Math.Sqrt(0.00085)) * i / 999.0;
            p *= 1 - b * b;
        }

        return p;
    }
}
