namespace HybridAI.Grains.Nodes;

/// <summary>Configuration section <c>CloudPricing</c>: price per GPU-second of each pool, possibly changing by hour of day (UTC).</summary>
public sealed class CloudPricingOptions
{
    public const string SectionName = "CloudPricing";

    public Dictionary<string, PoolPricing> Pools { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The pool's price at <paramref name="now"/>, or null when the pool has no configured price.</summary>
    public double? PriceAt(string pool, DateTimeOffset now)
    {
        if (!Pools.TryGetValue(pool, out var pricing))
        {
            return null;
        }

        var hour = now.UtcDateTime.TimeOfDay.TotalHours;
        var current = pricing.PricePerGpuSecond;
        foreach (var change in pricing.Schedule.OrderBy(c => c.FromHourUtc))
        {
            if (change.FromHourUtc <= hour)
            {
                current = change.PricePerGpuSecond;
            }
        }

        return current;
    }
}

public sealed class PoolPricing
{
    /// <summary>Price before the first scheduled change of the day.</summary>
    public double PricePerGpuSecond { get; set; }

    public List<PriceChange> Schedule { get; set; } = [];
}

public sealed class PriceChange
{
    public double FromHourUtc { get; set; }

    public double PricePerGpuSecond { get; set; }
}
