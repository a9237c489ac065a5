namespace HybridAI.Planning;

/// <summary>A node's network path to the cluster.</summary>
/// <param name="RttMs">Round-trip time to the cluster in milliseconds.</param>
/// <param name="BandwidthBytesPerSecond">Usable bandwidth to the cluster in bytes per second.</param>
public sealed record NetworkLink(double RttMs, double BandwidthBytesPerSecond);
