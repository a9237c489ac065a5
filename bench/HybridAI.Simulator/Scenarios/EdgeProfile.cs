namespace HybridAI.Simulator.Scenarios;

/// <summary>Edge servers: <paramref name="NodesPerRegion"/> per region, each with slots; down for repairs now and then.</summary>
public sealed record EdgeProfile(
    int NodesPerRegion,
    int Slots,
    double LatencyFactor,
    IReadOnlyList<string> Variants,
    double PricePerSecond,
    double RttMs,
    double BandwidthMbps,
    double MtbfHours,
    double RepairHours);
