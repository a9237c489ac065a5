using System.Collections.Immutable;
using HybridAI.Planning;

namespace HybridAI.Planning.Tests;

public sealed class PlanModelTests
{
    private static readonly PipelineProfile Pipeline = new("tiny",
    [
        new StageProfile("Tokenize", StageKind.Tokenize, 1000, 200, true),
        new StageProfile("TextEncode", StageKind.TextEncode, 10_000, 1000, true),
        new StageProfile("DenoiseStep", StageKind.DenoiseStep, 5000, 5000, false),
        new StageProfile("Decode", StageKind.Decode, 100_000, 5000, false),
    ]);

    private static readonly ImmutableArray<CandidateNode> Nodes =
    [
        new CandidateNode("dev", NodeKind.Device, true,
            [new(StageKind.Tokenize, "base", 2), new(StageKind.TextEncode, "base", 10), new(StageKind.Decode, "base", 50)],
            NodeQueue.Idle(), new NetworkLink(40, 1_000_000), 0.001),
        new CandidateNode("cloud", NodeKind.CloudPool, true,
            [new(StageKind.DenoiseStep, "fp32", 20), new(StageKind.Decode, "fp32", 5)],
            new NodeQueue(QueueLength: 2, BusySlots: 1, TotalSlots: 1, QueuedWorkMs: 100), new NetworkLink(20, 2_000_000), 0.01),
    ];

    [Fact]
    public void Evaluation_adds_half_rtts_bytes_over_the_slower_link_queue_wait_and_compute()
    {
        var job = new PlacementJob("j", Pipeline, 1, 1000, PrivacyLevel.Strict, "dev");
        var plan = new PlacementPlanner().Evaluate(job, Nodes, null,
            [new("dev", "base"), new("dev", "base"), new("cloud", "fp32"), new("dev", "base")]);

        // dev 0..12; move 10 kB dev->cloud: 30 ms + 10 ms = 40 -> arrives 52, cloud free at 100 (wait 48), runs to 120;
        // move 5 kB back: 30 + 5 = 35 -> 155, decode 50 -> 205; output already on dev.
        Assert.Equal(3, plan.Segments.Length);
        Assert.Equal(new StagePlacement(0, 1, "Tokenize", "TextEncode", "dev", NodeKind.Device, "base", 0, 0, 0, 0, 12, 12, 12e-6), plan.Segments[0]);
        Assert.Equal(new StagePlacement(2, 2, "DenoiseStep[0]", "DenoiseStep[0]", "cloud", NodeKind.CloudPool, "fp32", 10_000, 40, 48, 100, 120, 20, 2e-4), plan.Segments[1]);
        Assert.Equal(new StagePlacement(3, 3, "Decode", "Decode", "dev", NodeKind.Device, "base", 5000, 35, 0, 155, 205, 50, 5e-5), plan.Segments[2]);
        Assert.Equal(205, plan.CompletionMs);
        Assert.Equal(2.62e-4, plan.TotalCost, 15);
        Assert.Equal(0, plan.ReturnTransferBytes);
    }

    [Fact]
    public void Output_that_ends_off_the_device_pays_the_return_transfer()
    {
        var job = new PlacementJob("j", Pipeline, 1, 1000, PrivacyLevel.Strict, "dev");
        var plan = new PlacementPlanner().Evaluate(job, Nodes, null,
            [new("dev", "base"), new("dev", "base"), new("cloud", "fp32"), new("cloud", "fp32")]);

        // decode on cloud 120..125, then 100 kB back: 30 + 100 = 130 ms.
        Assert.Equal(100_000, plan.ReturnTransferBytes);
        Assert.Equal(130, plan.ReturnTransferMs);
        Assert.Equal(255, plan.CompletionMs);
    }

    [Fact]
    public void Planner_picks_the_cheaper_of_two_on_time_placements_and_the_faster_when_the_deadline_tightens()
    {
        var planner = new PlacementPlanner();
        var job = new PlacementJob("j", Pipeline, 1, 1000, PrivacyLevel.Strict, "dev");

        // Decode on dev costs 5e-5 and ends at 205; on cloud 5e-5 too (5 ms at 0.01) but ends at 255: same money, sooner wins.
        var plan = planner.Plan(job, Nodes);
        Assert.Equal("dev", plan.Segments[^1].NodeId);
        Assert.Equal(205, plan.CompletionMs);

        var late = planner.Plan(job with { DeadlineMs = 100 }, Nodes);
        Assert.True(late.IsLate);
        Assert.Equal(205, late.CompletionMs);
        Assert.Equal(105, late.LatenessMs);
    }

    [Fact]
    public void Expand_repeats_the_denoise_template_once_per_step()
    {
        var stages = PipelineProfile.TextToImage().Expand(20);

        Assert.Equal(23, stages.Length);
        Assert.Equal("DenoiseStep[19]", stages[21].Name);
        Assert.Equal(StageKind.Decode, stages[22].Kind);
    }
}
