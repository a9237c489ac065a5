using System.Collections.Immutable;
using HybridAI.Contracts.Nodes;

namespace HybridAI.Cluster.Bench;

/// <summary>
/// What a virtual agent reports and how long it "computes" each stage (it sleeps the reported latency, so the
/// planner's estimates hold). Latencies are short on purpose: the benchmark loads the scheduler, not the models.
/// </summary>
internal sealed record AgentProfile(string Name, double TokenizeMs, double TextEncodeMs, double DenoiseStepMs, double DecodeMs, double PricePerSecond, double RttMs, double BandwidthBytesPerSecond)
{
    public const string Variant = "tiny-fp32";

    // Output sizes in the transport format, roughly a tiny model's: token ids, embedding, latent, PNG.
    public static readonly ImmutableDictionary<StageKind, int> OutputBytes = new Dictionary<StageKind, int>
    {
        [StageKind.Tokenize] = 308,
        [StageKind.TextEncode] = 16_384,
        [StageKind.DenoiseStep] = 16_384,
        [StageKind.Decode] = 12_288,
    }.ToImmutableDictionary();

    public static readonly AgentProfile Phone = new("phone", 1, 4, 15, 8, 0.0001, 40, 2_000_000);
    public static readonly AgentProfile Edge = new("edge-server", 1, 2, 4, 3, 0.002, 10, 50_000_000);
    public static readonly AgentProfile CloudGpu = new("cloud-gpu-worker", 1, 1, 1, 1, 0.01, 25, 100_000_000);

    public double LatencyOf(StageKind stage) => stage switch
    {
        StageKind.Tokenize => TokenizeMs,
        StageKind.TextEncode => TextEncodeMs,
        StageKind.DenoiseStep => DenoiseStepMs,
        _ => DecodeMs,
    };

    public CapacityReport Report(string nodeId, int busySlots, int totalSlots) => new(
        nodeId,
        [.. Enum.GetValues<StageKind>().Select(k => new VariantLatency(k, Variant, LatencyOf(k), OutputBytes[k]))],
        0,
        busySlots,
        totalSlots,
        0.2,
        Name == Phone.Name ? new PowerState(0.8, false, false) : null,
        RttMs,
        BandwidthBytesPerSecond,
        PricePerSecond,
        DateTimeOffset.UtcNow);

    /// <summary>Stage kind of stage index <paramref name="stage"/> in a job of <paramref name="steps"/> denoise steps.</summary>
    public static StageKind KindOf(int stage, int steps) => stage switch
    {
        0 => StageKind.Tokenize,
        1 => StageKind.TextEncode,
        _ when stage == steps + 2 => StageKind.Decode,
        _ => StageKind.DenoiseStep,
    };
}
