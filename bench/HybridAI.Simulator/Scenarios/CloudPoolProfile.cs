namespace HybridAI.Simulator.Scenarios;

/// <summary>A cloud GPU pool shared by all regions; a spot pool's price follows a mean-reverting random walk.</summary>
public sealed record CloudPoolProfile(
    string Name,
    int Slots,
    double LatencyFactor,
    IReadOnlyList<string> Variants,
    double PricePerSecond,
    double SpotVolatility,
    double PriceIntervalMinutes,
    double RttMs,
    double BandwidthMbps);
