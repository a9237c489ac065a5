using System.Collections.Immutable;
using HybridAI.Planning;

namespace HybridAI.Planning.Tests;

/// <summary>
/// A realistic region, shared with the planning benchmark: one phone, three edge servers (busy, with 0.5-5 s queues),
/// three cloud pools (one cheap but queued), and a Strict 20-step SD 1.5 text-to-image job (23 stages) whose 5 s
/// deadline the phone alone cannot meet, so the planner has to trade money against time.
/// </summary>
internal static class TestFleet
{
    public const string Phone = "phone-1";

    public static PlacementJob Job(
        PrivacyLevel privacy = PrivacyLevel.Strict,
        PlacementPolicy policy = PlacementPolicy.Hybrid,
        double deadlineMs = 5000,
        int steps = 20) =>
        new("job-1", PipelineProfile.TextToImage(), steps, deadlineMs, privacy, Phone, policy);

    public static ImmutableArray<CandidateNode> Candidates(BatteryStatus? phoneBattery = null) =>
    [
        new CandidateNode(
            Phone,
            NodeKind.Device,
            Online: true,
            [
                new ModelVariant(StageKind.Tokenize, "bpe", 2),
                new ModelVariant(StageKind.TextEncode, "base-int8", 60),
                new ModelVariant(StageKind.DenoiseStep, "tiny-int8", 700),
                new ModelVariant(StageKind.DenoiseStep, "base-int8", 1500),
                new ModelVariant(StageKind.Decode, "tiny-int8", 900),
            ],
            NodeQueue.Idle(),
            new NetworkLink(40, 2_500_000),
            PricePerSecond: 1.7e-7,
            phoneBattery ?? new BatteryStatus(0.8, Charging: false, ThermalThrottled: false)),
        Edge("edge-1", queuedWorkMs: 2000),
        Edge("edge-2", queuedWorkMs: 500),
        Edge("edge-3", queuedWorkMs: 5000),
        Cloud("cloud-a", 8.3e-4, queuedWorkMs: 0),
        Cloud("cloud-b", 1.2e-3, queuedWorkMs: 0),
        Cloud("cloud-c", 5.0e-4, queuedWorkMs: 3000),
    ];

    public static CandidateNode Edge(string id, double queuedWorkMs) => new(
        id,
        NodeKind.EdgeNode,
        Online: true,
        [
            new ModelVariant(StageKind.Tokenize, "bpe", 1),
            new ModelVariant(StageKind.TextEncode, "base-fp32", 15),
            new ModelVariant(StageKind.DenoiseStep, "base-fp32", 120),
            new ModelVariant(StageKind.DenoiseStep, "base-int8", 90),
            new ModelVariant(StageKind.Decode, "base-fp32", 150),
        ],
        new NodeQueue(QueueLength: 3, BusySlots: 2, TotalSlots: 2, queuedWorkMs * 2),
        new NetworkLink(10, 12_500_000),
        PricePerSecond: 1.25e-5);

    public static CandidateNode Cloud(string id, double price, double queuedWorkMs) => new(
        id,
        NodeKind.CloudPool,
        Online: true,
        [
            new ModelVariant(StageKind.Tokenize, "bpe", 1),
            new ModelVariant(StageKind.TextEncode, "base-fp32", 5),
            new ModelVariant(StageKind.DenoiseStep, "base-fp32", 25),
            new ModelVariant(StageKind.Decode, "base-fp32", 40),
        ],
        new NodeQueue(QueueLength: queuedWorkMs > 0 ? 8 : 0, BusySlots: queuedWorkMs > 0 ? 8 : 2, TotalSlots: 8, queuedWorkMs * 8),
        new NetworkLink(30, 125_000_000),
        price);
}
