using HybridAI.Contracts.Jobs;
using HybridAI.Contracts.Nodes;
using HybridAI.Grains.Jobs;
using HybridAI.Grains.Payloads;
using Orleans.Core.Internal;

namespace HybridAI.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class JobExecutionTests(ClusterFixture fixture)
{
    private const int Steps = 6;
    private static readonly byte[] EveryStage = Enumerable.Range(0, Steps + 3).Select(s => (byte)s).ToArray();

    [Fact]
    public async Task A_job_that_the_device_alone_would_finish_late_is_split_with_the_cloud_and_completes()
    {
        var region = "split-" + Guid.NewGuid().ToString("N")[..6];
        await using var phone = await ScriptedAgent.StartAsync(fixture, new AgentScript(NodeKind.Device, region + "-phone", region, LatencyMs: 60, PricePerSecond: 0.0001));
        await using var cloud = await ScriptedAgent.StartAsync(fixture, new AgentScript(NodeKind.CloudPool, region + "-gpu", region, LatencyMs: 5, PricePerSecond: 0.01, PoolName: region + "-pool"));
        await Task.Delay(400);

        // Device-only would take 9 x 60 ms = 540 ms; the deadline forces part of the work onto the pool.
        var status = await RunAsync(phone, Request(phone.Script.NodeId, deadlineMs: 400, prompt: "a lighthouse at dusk"));

        Assert.True(status.State == JobState.Completed, $"{status.State}: {status.Error}");
        // The scripted signals are fixed, so the first plan is too; what runs later depends on how loaded this machine is (re-plans).
        Assert.Contains(status.InitialPlan!.Segments, s => s.NodeId == phone.Script.NodeId);
        Assert.Contains(status.InitialPlan.Segments, s => s.NodeId == cloud.Script.PoolName);
        Assert.All(status.Trace, t => Assert.Contains(t.NodeId, new[] { phone.Script.NodeId, cloud.Script.PoolName }));
        Assert.Equal(EveryStage, await fixture.Client.GetGrain<IJobGrain>(status.JobId).GetResultAsync());
        AssertTraceCoversEveryStageOnce(status);
        var plan = status.InitialPlan!;
        Assert.NotNull(plan.CloudOnlyCost);
        Assert.True(plan.EstimatedCost < plan.CloudOnlyCost, $"hybrid {plan.EstimatedCost} should beat cloud-only {plan.CloudOnlyCost}");
        // The alternatives come as data: the cloud-only one is the baseline above, and the best one is named.
        var cloudOnly = Assert.Single(plan.Alternatives, a => a.Name == "CloudOnly");
        Assert.Equal(plan.CloudOnlyCost, cloudOnly.EstimatedCost);
        Assert.Contains(cloud.Script.PoolName!, cloudOnly.Route, StringComparison.Ordinal);
        Assert.Contains(plan.Alternatives, a => a.Name == plan.BestAlternative);
    }

    [Fact]
    public async Task A_device_vanishing_mid_job_leaves_the_job_to_finish_from_its_checkpoint_elsewhere()
    {
        var region = "vanish-" + Guid.NewGuid().ToString("N")[..6];
        var phone = await ScriptedAgent.StartAsync(fixture, new AgentScript(NodeKind.Device, region + "-phone", region, LatencyMs: 40, PricePerSecond: 0));
        await using var edge = await ScriptedAgent.StartAsync(fixture, new AgentScript(NodeKind.EdgeNode, region + "-edge", region, LatencyMs: 10, PricePerSecond: 0.001));
        phone.VanishAfter = completed => completed == 2; // tokenize+encode, then the first denoise chunk
        await Task.Delay(400);

        var status = await RunAsync(phone, Request(phone.Script.NodeId, deadlineMs: 60_000, prompt: "a fox in the snow"));

        Assert.True(status.State == JobState.Completed, $"{status.State}: {status.Error}");
        Assert.True(status.Replans >= 1, "the job should have been re-planned");
        Assert.Equal(EveryStage, await fixture.Client.GetGrain<IJobGrain>(status.JobId).GetResultAsync());
        AssertTraceCoversEveryStageOnce(status);
        Assert.Equal(phone.Script.NodeId, status.Trace[0].NodeId);
        Assert.Equal(edge.Script.NodeId, status.Trace[^1].NodeId);
        // Resumed from the checkpoint: the edge node never ran a stage the phone had finished.
        var phoneLast = status.Trace.Where(t => t.NodeId == phone.Script.NodeId).Max(t => t.LastStage);
        Assert.All(edge.Ran, item => Assert.True(item.FirstStage > phoneLast));
        await phone.DisposeAsync();
    }

    [Fact]
    public async Task A_strict_prompt_never_reaches_the_silo_and_its_private_stages_stay_on_the_device()
    {
        var region = "strict-" + Guid.NewGuid().ToString("N")[..6];
        await using var phone = await ScriptedAgent.StartAsync(fixture, new AgentScript(NodeKind.Device, region + "-phone", region, LatencyMs: 50, PricePerSecond: 0.0001));
        await using var cloud = await ScriptedAgent.StartAsync(fixture, new AgentScript(NodeKind.CloudPool, region + "-gpu", region, LatencyMs: 2, PricePerSecond: 0.01, PoolName: region + "-pool"));
        await Task.Delay(400);
        const string secret = "my-diary-entry-4711";

        // What the device agent does for Strict: tokenize and encode locally, send only the derived tensor.
        var embedding = new byte[] { 0, 1 };
        var now = DateTimeOffset.UtcNow;
        var request = Request(phone.Script.NodeId, deadlineMs: 60_000, prompt: null) with
        {
            Privacy = PrivacyLevel.Strict,
            Policy = PlacementPolicy.CloudOnly,
            PrecomputedInputs = embedding,
            PrecomputedStages = 2,
            LocalTrace = [new StageTraceEntry(0, 1, "Tokenize..TextEncode", phone.Script.NodeId, phone.Script.NodeId, "tiny-fp32", now, now, 3, 0, 2, 0)],
        };
        var status = await RunAsync(phone, request);

        Assert.True(status.State == JobState.Completed, $"{status.State}: {status.Error}");
        Assert.Empty(fixture.Spy.CallsContaining(secret));
        Assert.All(cloud.Ran, item => Assert.True(item.FirstStage >= 2 && item.Prompt is null));
        Assert.Equal(EveryStage, await fixture.Client.GetGrain<IJobGrain>(status.JobId).GetResultAsync());
        Assert.All(status.Trace.Where(t => t.FirstStage <= 1), t => Assert.Equal(phone.Script.NodeId, t.NodeId));
    }

    [Fact]
    public async Task The_call_spy_does_see_a_standard_prompt_so_its_silence_on_strict_means_something()
    {
        await using var phone = await StartLonePhoneAsync("spy", latencyMs: 5);
        const string visible = "standard-prompt-0815";

        var status = await RunAsync(phone, Request(phone.Script.NodeId, deadlineMs: 60_000, prompt: visible));

        Assert.True(status.State == JobState.Completed, $"{status.State}: {status.Error}");
        Assert.Contains(nameof(IJobGrain.SubmitAsync), fixture.Spy.CallsContaining(visible));
        Assert.Contains(nameof(INodeGrain.EnqueueAsync), fixture.Spy.CallsContaining(visible));
    }

    [Fact]
    public async Task Submitting_the_same_job_twice_runs_it_once()
    {
        await using var phone = await StartLonePhoneAsync("twice", latencyMs: 5);
        var job = fixture.Client.GetGrain<IJobGrain>(Guid.NewGuid());
        var request = Request(phone.Script.NodeId, deadlineMs: 60_000, prompt: "twice");

        await job.SubmitAsync(phone.Credential, request);
        await job.SubmitAsync(phone.Credential, request);
        var status = await WaitAsync(job);

        Assert.True(status.State == JobState.Completed, $"{status.State}: {status.Error}");
        Assert.Equal(EveryStage, await job.GetResultAsync());
        Assert.Equal(Steps + 3, phone.Ran.Sum(i => i.LastStage - i.FirstStage + 1));
    }

    [Fact]
    public async Task A_finished_job_leaves_memory_and_reads_back_whole_from_storage()
    {
        await using var phone = await StartLonePhoneAsync("leave", latencyMs: 5);
        var finished = await RunAsync(phone, Request(phone.Script.NodeId, deadlineMs: 60_000, prompt: "a quiet harbour"));
        Assert.True(finished.State == JobState.Completed, $"{finished.State}: {finished.Error}");
        var job = fixture.Client.GetGrain<IJobGrain>(finished.JobId);
        var management = fixture.Client.GetGrain<IManagementGrain>(0);

        await WaitUntilDeactivatedAsync(management, job);
        var reread = await job.GetStatusAsync();
        Assert.Equal(JobState.Completed, reread.State);
        // As sequences: ImmutableArray's own equality is by reference.
        Assert.Equal<StageTraceEntry>(finished.Trace, reread.Trace);
        Assert.Equal<PlanSegmentView>(finished.InitialPlan!.Segments, reread.InitialPlan!.Segments);
        Assert.Equal<PlanAlternativeView>(finished.InitialPlan.Alternatives, reread.InitialPlan.Alternatives);
        Assert.Equal(finished.InitialPlan.BestAlternative, reread.InitialPlan.BestAlternative);
        Assert.Equal(finished.Replans, reread.Replans);

        // Reading it does not pin it in memory again either.
        await WaitUntilDeactivatedAsync(management, job);
        Assert.Equal(EveryStage, await job.GetResultAsync());
        await WaitUntilDeactivatedAsync(management, job);

        // Its checkpoints (four items, so both slots were used) are gone; the result stays.
        Assert.True(finished.Trace.Length >= 3, $"expected several items, got {finished.Trace.Length}");
        var insider = fixture.Client.GetGrain<IClusterInsiderGrain>(0);
        Assert.Null(await insider.ReadPayloadAsync($"jobs/{finished.JobId:N}/checkpoint-a"));
        Assert.Null(await insider.ReadPayloadAsync($"jobs/{finished.JobId:N}/checkpoint-b"));
        Assert.Equal(EveryStage, await insider.ReadPayloadAsync($"jobs/{finished.JobId:N}/result.png"));

        // Payloads are cluster-internal: a client cannot read the result's bytes around the job grain.
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => fixture.Client.GetGrain<IPayloadGrain>($"jobs/{finished.JobId:N}/result.png").GetAsync());
    }

    [Fact]
    public async Task A_job_woken_after_a_restart_waits_the_stale_window_for_its_node_to_report_again()
    {
        // The only node: if the job took it for lost, it would have nowhere to go and fail.
        await using var phone = await StartLonePhoneAsync("wake", latencyMs: 40);
        var job = fixture.Client.GetGrain<IJobGrain>(Guid.NewGuid());
        await job.SubmitAsync(phone.Credential, Request(phone.Script.NodeId, deadlineMs: 60_000, prompt: "a mill by a river"));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await job.GetStatusAsync()).CompletedStages < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "the phone never finished its first item");
            await Task.Delay(20);
        }

        // What a silo restart does: both grains lose their memory (the phone's heartbeats, the job's activation) while
        // the agent is cut off. The job wakes first; the phone reports again 1 s later, inside the 2 s stale window.
        phone.Paused = true;
        var management = fixture.Client.GetGrain<IManagementGrain>(0);
        await fixture.Client.GetGrain<IDeviceGrain>(phone.Script.NodeId).AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await job.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await WaitUntilDeactivatedAsync(management, job);
        Assert.Equal(JobState.Running, (await job.GetStatusAsync()).State);
        await Task.Delay(1000);
        phone.Paused = false;

        var status = await WaitAsync(job);
        Assert.True(status.State == JobState.Completed, $"{status.State}: {status.Error}");
        AssertTraceCoversEveryStageOnce(status);
        Assert.All(status.Trace, t => Assert.Equal(phone.Script.NodeId, t.NodeId));
    }

    /// <summary>A free phone, the only node of a fresh region, after its first capacity report.</summary>
    private async Task<ScriptedAgent> StartLonePhoneAsync(string regionPrefix, int latencyMs)
    {
        var region = regionPrefix + "-" + Guid.NewGuid().ToString("N")[..6];
        var phone = await ScriptedAgent.StartAsync(fixture, new AgentScript(NodeKind.Device, region + "-phone", region, LatencyMs: latencyMs, PricePerSecond: 0));
        await Task.Delay(400);
        return phone;
    }

    private static async Task WaitUntilDeactivatedAsync(IManagementGrain management, IJobGrain job)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await management.GetGrainActivationCount((GrainReference)job) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the finished job's activation stayed in memory");
            await Task.Delay(50);
        }
    }

    private static JobRequest Request(string origin, double deadlineMs, string? prompt) =>
        new(origin, prompt, Steps, 42, "tiny", deadlineMs, PrivacyLevel.Standard, PlacementPolicy.Hybrid, [], 0, []);

    private async Task<JobStatus> RunAsync(ScriptedAgent origin, JobRequest request)
    {
        var job = fixture.Client.GetGrain<IJobGrain>(Guid.NewGuid());
        await job.SubmitAsync(origin.Credential, request);
        return await WaitAsync(job);
    }

    private static async Task<JobStatus> WaitAsync(IJobGrain job)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var status = await job.GetStatusAsync();
            if (status.State is JobState.Completed or JobState.Failed or JobState.Cancelled)
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {status.JobId} still {status.State} at stage {status.CompletedStages}/{status.TotalStages}.");
            }

            await Task.Delay(50);
        }
    }

    private static void AssertTraceCoversEveryStageOnce(JobStatus status)
    {
        var next = 0;
        foreach (var entry in status.Trace.OrderBy(t => t.FirstStage))
        {
            Assert.Equal(next, entry.FirstStage);
            next = entry.LastStage + 1;
        }

        Assert.Equal(TextToImageStages.Count(Steps), next);
    }
}
