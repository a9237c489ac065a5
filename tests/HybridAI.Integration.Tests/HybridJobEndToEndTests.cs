using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using HybridAI.Contracts.Jobs;
using HybridAI.Contracts.Nodes;
using HybridAI.Grains.Security;
using HybridAI.Integration.Tests.Infrastructure;
using HybridAI.Pipelines.Execution;
using HybridAI.Pipelines.Models;
using HybridAI.Pipelines.TextToImage;

namespace HybridAI.Integration.Tests;

/// <summary>
/// The whole loop with real processes on loopback: a silo on Azurite and phone, edge and cloud-worker agents that
/// run the generated tiny models on ONNX Runtime.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HybridJobEndToEndTests
{
    private const string Prompt = "a lighthouse on a cliff at dusk";
    private const int Steps = 6;
    private const long Seed = 1234;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly NodeCredentialAuthority Authority = new(SiloProcess.CredentialKey);

    private static readonly Dictionary<string, string> FastLiveness = new()
    {
        ["Nodes__SuspectAfter"] = "00:00:01.500",
        ["Nodes__GoneAfter"] = "00:00:03",
        ["Jobs__StaleAfter"] = "00:00:03",
        ["Jobs__CheckpointEverySteps"] = "2",
        ["Jobs__WatchInterval"] = "00:00:00.250",
    };

    [Fact]
    public async Task A_job_split_across_phone_and_cloud_agents_gives_the_monolithic_png_and_survives_a_silo_restart_the_agents_reconnect_to()
    {
        var clusterId = "e2e-split-" + Guid.NewGuid().ToString("N")[..6];
        var silo = SiloProcess.Start(clusterId, AzuriteFixture.ConnectionString, SiloPorts.Allocate(), FastLiveness);
        await using var phone = StartAgent(clusterId, "phone-" + clusterId, "phone");
        await using var edge = StartAgent(clusterId, "edge-" + clusterId, "edge-server");
        await using var worker = StartAgent(clusterId, "worker-" + clusterId, "cloud-gpu-worker", new() { ["Agent__PoolName"] = "pool-" + clusterId });
        try
        {
            await silo.WaitForActiveSilosAsync(1, TimeSpan.FromSeconds(90));
            await Task.WhenAll(phone.WaitRegisteredAsync(TimeSpan.FromMinutes(3)), edge.WaitRegisteredAsync(TimeSpan.FromMinutes(3)), worker.WaitRegisteredAsync(TimeSpan.FromMinutes(3)));

            using var http = new HttpClient { BaseAddress = phone.LocalApi };
            var status = await SubmitAsync(http, PlacementPolicy.StaticSplit, PrivacyLevel.Strict);
            status = await FollowAsync(() => http.GetFromJsonAsync<JobStatus>($"jobs/{status.JobId}", Json)!);
            var png = await http.GetByteArrayAsync($"jobs/{status.JobId}/result");

            Assert.True(status.State == JobState.Completed, $"{status.State}: {status.Error}");
            Assert.True(status.Trace.Select(t => t.NodeId).Distinct().Count() >= 2, "the job should have run on more than one node");
            Assert.Contains(status.Trace, t => t.NodeId == "pool-" + clusterId && t.FirstStage >= 2);
            Assert.All(status.Trace.Where(t => t.FirstStage <= 1), t => Assert.Equal(phone.NodeId, t.NodeId));
            Assert.Equal(await MonolithicPngAsync(), png);

            // The job's state and its result (a blob) outlive the silo.
            await silo.StopAsync(TimeSpan.FromSeconds(60));
            await silo.DisposeAsync();
            silo = SiloProcess.Start(clusterId, AzuriteFixture.ConnectionString, SiloPorts.Allocate(), FastLiveness);
            await silo.WaitForActiveSilosAsync(1, TimeSpan.FromSeconds(90));
            await using var client = await ClusterClientHost.ConnectAsync(clusterId, AzuriteFixture.ConnectionString);
            var job = client.Client.GetGrain<IJobGrain>(status.JobId);
            var restored = await job.GetStatusAsync();
            Assert.Equal(JobState.Completed, restored.State);
            Assert.Equal(status.Trace.Length, restored.Trace.Length);
            Assert.Equal(png, await job.GetResultAsync());

            // The agents outlived the silo: they reconnect, re-register and run the next job.
            var again = await SubmitWhenReconnectedAsync(http);
            again = await FollowAsync(() => http.GetFromJsonAsync<JobStatus>($"jobs/{again.JobId}", Json)!);
            Assert.True(again.State == JobState.Completed, $"{again.State}: {again.Error}");
            Assert.Equal(png, await http.GetByteArrayAsync($"jobs/{again.JobId}/result"));
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task Killing_the_phone_mid_job_finishes_the_job_elsewhere_from_its_checkpoint_with_the_same_png()
    {
        var clusterId = "e2e-kill-" + Guid.NewGuid().ToString("N")[..6];
        await using var silo = SiloProcess.Start(clusterId, AzuriteFixture.ConnectionString, SiloPorts.Allocate(), FastLiveness);
        // The phone is the cheapest node and the deadline generous, so it gets the whole job, slowly enough to be killed mid-way.
        await using var phone = StartAgent(clusterId, "phone-" + clusterId, "phone", new() { ["Agent__SlowdownFactor"] = "60", ["Agent__PricePerSecond"] = "0" });
        await using var edge = StartAgent(clusterId, "edge-" + clusterId, "edge-server");
        await silo.WaitForActiveSilosAsync(1, TimeSpan.FromSeconds(90));
        await Task.WhenAll(phone.WaitRegisteredAsync(TimeSpan.FromMinutes(3)), edge.WaitRegisteredAsync(TimeSpan.FromMinutes(3)));
        await using var client = await ClusterClientHost.ConnectAsync(clusterId, AzuriteFixture.ConnectionString);

        using var http = new HttpClient { BaseAddress = phone.LocalApi };
        var submitted = await SubmitAsync(http, PlacementPolicy.Hybrid, PrivacyLevel.Strict, deadlineMs: 600_000);
        var job = client.Client.GetGrain<IJobGrain>(submitted.JobId);
        Assert.All(submitted.Plan!.Segments, s => Assert.Equal(phone.NodeId, s.NodeId));

        // Kill it once it has checkpointed some denoise steps.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while ((await job.GetStatusAsync()).Trace.All(t => t.LastStage < 3))
        {
            Assert.True(DateTime.UtcNow < deadline, "the phone never finished a denoise chunk");
            await Task.Delay(100);
        }

        phone.Kill();
        var status = await FollowAsync(job.GetStatusAsync);

        Assert.True(status.State == JobState.Completed, $"{status.State}: {status.Error}");
        Assert.True(status.Replans >= 1);
        var phoneLast = status.Trace.Where(t => t.NodeId == phone.NodeId).Max(t => t.LastStage);
        var resumed = status.Trace.Where(t => t.NodeId == edge.NodeId).ToList();
        Assert.NotEmpty(resumed);
        Assert.Equal(phoneLast + 1, resumed.Min(t => t.FirstStage));
        Assert.Equal(await MonolithicPngAsync(), await job.GetResultAsync());
    }

    [Fact]
    public async Task A_job_running_when_the_silo_restarts_resumes_from_its_checkpoint_and_finishes()
    {
        var clusterId = "e2e-restart-" + Guid.NewGuid().ToString("N")[..6];
        var silo = SiloProcess.Start(clusterId, AzuriteFixture.ConnectionString, SiloPorts.Allocate(), FastLiveness);
        await using var phone = StartAgent(clusterId, "phone-" + clusterId, "phone", new() { ["Agent__SlowdownFactor"] = "60", ["Agent__PricePerSecond"] = "0" });
        try
        {
            await silo.WaitForActiveSilosAsync(1, TimeSpan.FromSeconds(90));
            await phone.WaitRegisteredAsync(TimeSpan.FromMinutes(3));
            using var http = new HttpClient { BaseAddress = phone.LocalApi };
            var submitted = await SubmitAsync(http, PlacementPolicy.Hybrid, PrivacyLevel.Strict, deadlineMs: 600_000);
            JobStatus before;
            await using (var client = await ClusterClientHost.ConnectAsync(clusterId, AzuriteFixture.ConnectionString))
            {
                var deadline = DateTime.UtcNow.AddMinutes(2);
                while ((before = await client.Client.GetGrain<IJobGrain>(submitted.JobId).GetStatusAsync()).CompletedStages < 4)
                {
                    Assert.True(DateTime.UtcNow < deadline, "the phone never checkpointed a denoise chunk");
                    await Task.Delay(100);
                }
            }

            // A restart of the only silo (a crash of one of several is covered by the failover test).
            await silo.StopAsync(TimeSpan.FromSeconds(60));
            await silo.DisposeAsync();
            silo = SiloProcess.Start(clusterId, AzuriteFixture.ConnectionString, SiloPorts.Allocate(), FastLiveness);
            await silo.WaitForActiveSilosAsync(1, TimeSpan.FromSeconds(90));

            // The phone's own status polling (as the CLI does) wakes the job; it re-queues its work and the phone, reconnected, finishes it.
            var status = await FollowAsync(() => http.GetFromJsonAsync<JobStatus>($"jobs/{submitted.JobId}", Json)!);
            Assert.True(status.State == JobState.Completed, $"{status.State}: {status.Error}");
            Assert.True(status.Trace.Length >= before.Trace.Length);
            Assert.Equal(before.Trace, status.Trace.Take(before.Trace.Length));
            Assert.Equal(await MonolithicPngAsync(), await http.GetByteArrayAsync($"jobs/{submitted.JobId}/result"));
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_cloud_worker_stopped_with_sigterm_hands_its_lease_back_to_the_pool_and_exits_cleanly()
    {
        var clusterId = "e2e-term-" + Guid.NewGuid().ToString("N")[..6];
        // Slow enough that a work item is still running when the worker is told to stop.
        var slowWorker = new Dictionary<string, string> { ["Agent__PoolName"] = "pool-" + clusterId, ["Agent__SlowdownFactor"] = "300" };
        await using var silo = SiloProcess.Start(clusterId, AzuriteFixture.ConnectionString, SiloPorts.Allocate(), FastLiveness);
        await using var phone = StartAgent(clusterId, "phone-" + clusterId, "phone");
        await using var a = StartAgent(clusterId, "worker-a-" + clusterId, "cloud-gpu-worker", slowWorker);
        await using var b = StartAgent(clusterId, "worker-b-" + clusterId, "cloud-gpu-worker", slowWorker);
        await silo.WaitForActiveSilosAsync(1, TimeSpan.FromSeconds(90));
        await Task.WhenAll(phone.WaitRegisteredAsync(TimeSpan.FromMinutes(3)), a.WaitRegisteredAsync(TimeSpan.FromMinutes(3)), b.WaitRegisteredAsync(TimeSpan.FromMinutes(3)));
        await using var client = await ClusterClientHost.ConnectAsync(clusterId, AzuriteFixture.ConnectionString);

        using var http = new HttpClient { BaseAddress = phone.LocalApi };
        var submitted = await SubmitAsync(http, PlacementPolicy.CloudOnly, PrivacyLevel.Strict, deadlineMs: 600_000);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!a.Output.Contains("Running", StringComparison.Ordinal) && !b.Output.Contains("Running", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "no worker took the first work item");
            await Task.Delay(50);
        }

        var (stopped, other) = a.Output.Contains("Running", StringComparison.Ordinal) ? (a, b) : (b, a);
        var exitCode = await stopped.TerminateAsync(TimeSpan.FromSeconds(60));
        var status = await FollowAsync(client.Client.GetGrain<IJobGrain>(submitted.JobId).GetStatusAsync);

        Assert.Equal(0, exitCode);
        Assert.True(stopped.Output.Contains("Handed back", StringComparison.Ordinal), stopped.Output[^Math.Min(3000, stopped.Output.Length)..]);
        Assert.True(status.State == JobState.Completed, $"{status.State}: {status.Error}");
        Assert.Contains(status.Trace, t => t.WorkerId == other.NodeId && t.FirstStage == 2);
        Assert.DoesNotContain(status.Trace, t => t.WorkerId == stopped.NodeId);
        Assert.Equal(await MonolithicPngAsync(), await client.Client.GetGrain<IJobGrain>(submitted.JobId).GetResultAsync());
    }

    [Fact]
    public async Task An_agent_with_a_wrong_credential_is_refused_and_exits()
    {
        var clusterId = "e2e-auth-" + Guid.NewGuid().ToString("N")[..6];
        await using var silo = SiloProcess.Start(clusterId, AzuriteFixture.ConnectionString, SiloPorts.Allocate());
        await silo.WaitForActiveSilosAsync(1, TimeSpan.FromSeconds(90));
        var stolen = Authority.Issue("some-other-phone").Secret;
        await using var impostor = AgentProcess.Start(clusterId, "phone-" + clusterId, "phone", stolen);

        var exitCode = await impostor.WaitForExitAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(3, exitCode);
        Assert.Contains("refused this agent's credential", impostor.Output);
        await using var client = await ClusterClientHost.ConnectAsync(clusterId, AzuriteFixture.ConnectionString);
        Assert.Null(await client.Client.GetGrain<IDeviceGrain>("phone-" + clusterId).GetRegistrationAsync());
    }

    private static AgentProcess StartAgent(string clusterId, string nodeId, string profile, Dictionary<string, string>? extra = null) =>
        AgentProcess.Start(clusterId, nodeId, profile, Authority.Issue(nodeId).Secret, extra);

    private static async Task<JobStatus> SubmitAsync(HttpClient http, PlacementPolicy policy, PrivacyLevel privacy, double deadlineMs = 60_000)
    {
        var response = await http.PostAsJsonAsync("jobs", new { prompt = Prompt, steps = Steps, seed = Seed, privacy, policy, deadlineMs, modelSize = "tiny" }, Json);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JobStatus>(Json))!;
    }

    private static async Task<JobStatus> SubmitWhenReconnectedAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var response = await http.PostAsJsonAsync("jobs", new { prompt = Prompt, steps = Steps, seed = Seed, privacy = PrivacyLevel.Strict, policy = PlacementPolicy.StaticSplit, deadlineMs = 60_000, modelSize = "tiny" }, Json);
            if (response.IsSuccessStatusCode)
            {
                var status = (await response.Content.ReadFromJsonAsync<JobStatus>(Json))!;
                if (status.State != JobState.Failed)
                {
                    return status;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"the phone agent did not get a job through after the restart: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(500);
        }
    }

    private static async Task<JobStatus> FollowAsync(Func<Task<JobStatus>> poll)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var status = await poll();
            if (status.State is JobState.Completed or JobState.Failed or JobState.Cancelled || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(100);
        }
    }

    // The same job in one piece, in this process, with the same generated models and executor settings.
    private static async Task<byte[]> MonolithicPngAsync()
    {
        using var runner = new TextToImageRunner(GeneratedModelCache.GetOrCreate(ModelSize.Tiny, ModelPrecision.Fp32), new ExecutorOptions { IntraOpThreads = 1 });
        return await runner.RunWholeAsync(new TextToImageJob(Prompt, Seed, Steps));
    }
}
