using HybridAI.Contracts.Nodes;

namespace HybridAI.DeviceAgent.Configuration;

/// <summary>
/// What a profile means when the configuration does not say otherwise. Slowdown and threads throttle the real
/// ONNX Runtime execution so one machine can stand in for a slow phone and a fast GPU worker side by side; the
/// latencies an agent reports are always the ones it measured under that throttle.
/// </summary>
public sealed record AgentProfile(
    string Name,
    NodeKind Kind,
    int Threads,
    double SlowdownFactor,
    double PricePerSecond,
    double BandwidthBytesPerSecond,
    bool HasBattery,
    string[] Precisions)
{
    public static IReadOnlyDictionary<string, AgentProfile> Known { get; } = new Dictionary<string, AgentProfile>(StringComparer.Ordinal)
    {
        // Energy: ~4 W at $0.30/kWh is ~3e-7 $/s; the phone's owner pays it, so it is small but not free.
        ["phone"] = new("phone", NodeKind.Device, 1, 3.0, 3e-7, 2_000_000, HasBattery: true, ["int8"]),
        ["iot-board"] = new("iot-board", NodeKind.Device, 1, 6.0, 1.5e-7, 500_000, HasBattery: false, ["int8"]),
        ["edge-server"] = new("edge-server", NodeKind.EdgeNode, 1, 1.5, 2e-5, 50_000_000, HasBattery: false, ["int8", "fp32"]),
        // An on-demand GPU at ~$1.10/h is ~3e-4 $/s.
        ["cloud-gpu-worker"] = new("cloud-gpu-worker", NodeKind.CloudPool, 1, 1.0, 3e-4, 100_000_000, HasBattery: false, ["fp32", "int8"]),
    };

    public static AgentProfile For(string name) =>
        Known.TryGetValue(name, out var profile) ? profile : throw new ArgumentException($"Unknown agent profile '{name}'.", nameof(name));
}
