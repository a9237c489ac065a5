namespace HybridAI.DeviceAgent.Capacity;

/// <summary>An exponentially weighted moving average of measured latencies, seeded by the start-up benchmark.</summary>
public sealed class LatencyAverage(double initialMs, double weight = 0.3)
{
    private double _value = initialMs;

    public double Value => Volatile.Read(ref _value);

    public void Add(double measuredMs)
    {
        if (measuredMs > 0 && double.IsFinite(measuredMs))
        {
            Volatile.Write(ref _value, (weight * measuredMs) + ((1 - weight) * _value));
        }
    }
}
