namespace HybridAI.Simulator.Arrivals;

/// <summary>
/// A tiny seeded generator (SplitMix64): one ulong of state, so a million devices can each own a stream, and
/// <see cref="Hash"/> gives independent, order-free draws keyed by (seed, entity, counter) for common random numbers across policies.
/// </summary>
public struct SplitMix(ulong state)
{
    private ulong state = state;

    public static ulong Hash(long seed, long a, long b = 0)
    {
        var x = Mix((ulong)seed * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL);
        x = Mix(x ^ ((ulong)a * 0xBF58476D1CE4E5B9UL));
        return Mix(x ^ ((ulong)b * 0x94D049BB133111EBUL + 0x2545F4914F6CDD1DUL));
    }

    /// <summary>Uniform in [0, 1) from a hash value.</summary>
    public static double Unit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    public static SplitMix For(long seed, long a, long b = 0) => new(Hash(seed, a, b));

    public ulong NextULong()
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => Unit(NextULong());

    /// <summary>Uniform in (0, 1], safe for logarithms.</summary>
    public double NextOpenDouble() => 1.0 - NextDouble();

    public double Exponential(double mean) => -mean * Math.Log(NextOpenDouble());

    public double Normal()
    {
        var u1 = NextOpenDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A lognormal factor with mean 1 and log-sigma <paramref name="sigma"/>.</summary>
    public double MeanOneLogNormal(double sigma) => sigma == 0 ? 1.0 : Math.Exp(sigma * Normal() - sigma * sigma / 2);

    public int NextInt(int maxExclusive) => (int)((NextULong() >> 33) % (ulong)maxExclusive);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
