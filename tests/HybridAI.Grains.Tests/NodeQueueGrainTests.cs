using HybridAI.Contracts.Jobs;
using HybridAI.Contracts.Nodes;
using HybridAI.Contracts.Security;
using HybridAI.Contracts.Work;

namespace HybridAI.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class NodeQueueGrainTests(ClusterFixture fixture)
{
    private IClusterInsiderGrain Insider => fixture.Client.GetGrain<IClusterInsiderGrain>(0);

    [Fact]
    public async Task A_client_can_neither_queue_work_on_a_node_nor_post_a_result_to_a_job()
    {
        var (device, credential) = await RegisterDeviceAsync("internal-only");

        var enqueue = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => device.EnqueueAsync(Item("internal-only/1")));
        Assert.Contains("internal to the cluster", enqueue.Message);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => device.CancelJobWorkAsync(Guid.NewGuid()));
        var job = fixture.Client.GetGrain<IJobGrain>(Guid.NewGuid());
        var forged = new WorkResult("internal-only/1", "internal-only", "internal-only", [1, 2, 3], 1, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, 0);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => job.OnWorkCompletedAsync(forged));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => job.OnWorkFailedAsync("internal-only/1", "internal-only", "forged"));

        // Nothing was queued by the refused call; the same item through a grain is.
        Assert.Null(await device.PullWorkAsync(credential, TimeSpan.Zero));
        await Insider.EnqueueAsync(NodeKind.Device, device.GetPrimaryKeyString(), Item("internal-only/1"));
        Assert.Equal("internal-only/1", (await device.PullWorkAsync(credential, TimeSpan.Zero))!.Item.WorkItemId);
    }

    [Fact]
    public async Task An_expired_lease_is_handed_out_again_and_the_late_completion_is_ignored()
    {
        var (device, credential) = await RegisterDeviceAsync("lease-expiry");
        await Insider.EnqueueAsync(NodeKind.Device, device.GetPrimaryKeyString(), Item("lease-expiry/1"));

        var first = await device.PullWorkAsync(credential, TimeSpan.Zero);
        Assert.NotNull(first);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // minimum lease is 1 s in the fixture
        await device.ReportCapacityAsync(credential, Report("lease-expiry"));
        var second = await device.PullWorkAsync(credential, TimeSpan.FromSeconds(2));

        Assert.NotNull(second);
        Assert.Equal(first.Item.WorkItemId, second.Item.WorkItemId);
        Assert.False(await device.CompleteWorkAsync(credential, Completion(first.LeaseId)));
        Assert.True(await device.CompleteWorkAsync(credential, Completion(second.LeaseId)));
    }

    [Fact]
    public async Task A_duplicate_completion_is_ignored()
    {
        var (device, credential) = await RegisterDeviceAsync("duplicate");
        await Insider.EnqueueAsync(NodeKind.Device, device.GetPrimaryKeyString(), Item("duplicate/1"));
        var lease = (await device.PullWorkAsync(credential, TimeSpan.Zero))!;

        Assert.True(await device.CompleteWorkAsync(credential, Completion(lease.LeaseId)));
        Assert.False(await device.CompleteWorkAsync(credential, Completion(lease.LeaseId)));
        Assert.False(await device.CompleteWorkAsync(credential, Completion(Guid.NewGuid())));

        await Insider.EnqueueAsync(NodeKind.Device, device.GetPrimaryKeyString(), Item("duplicate/1"));
        Assert.Null(await device.PullWorkAsync(credential, TimeSpan.Zero));
    }

    [Fact]
    public async Task A_long_poll_returns_as_soon_as_work_is_queued()
    {
        var (device, credential) = await RegisterDeviceAsync("long-poll");

        var poll = device.PullWorkAsync(credential, TimeSpan.FromSeconds(20));
        await Task.Delay(200);
        Assert.False(poll.IsCompleted);
        await Insider.EnqueueAsync(NodeKind.Device, device.GetPrimaryKeyString(), Item("long-poll/1"));

        var lease = await poll.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("long-poll/1", lease!.Item.WorkItemId);
    }

    [Fact]
    public async Task A_long_poll_with_no_work_returns_nothing_after_its_wait()
    {
        var (device, credential) = await RegisterDeviceAsync("empty-poll");

        Assert.Null(await device.PullWorkAsync(credential, TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task A_released_lease_goes_to_the_next_worker_of_the_pool()
    {
        var pool = fixture.Client.GetGrain<ICloudPoolGrain>("release-pool");
        var a = fixture.Authority.Issue("release-worker-a");
        var b = fixture.Authority.Issue("release-worker-b");
        foreach (var c in new[] { a, b })
        {
            await pool.RegisterAsync(c, new NodeRegistration(c.NodeId, NodeKind.CloudPool, "cloud-gpu-worker", "test", DateTimeOffset.UtcNow, "release-pool"));
        }

        await Insider.EnqueueAsync(NodeKind.CloudPool, pool.GetPrimaryKeyString(), Item("release/1"));
        var lease = (await pool.PullWorkAsync(a, TimeSpan.Zero))!;
        await pool.ReleaseWorkAsync(a, lease.LeaseId, "shutting down");
        var next = await pool.PullWorkAsync(b, TimeSpan.Zero);

        Assert.Equal("release/1", next!.Item.WorkItemId);
        Assert.False(await pool.CompleteWorkAsync(a, Completion(lease.LeaseId)));
    }

    [Fact]
    public async Task Calls_with_another_nodes_credential_or_a_wrong_secret_are_refused()
    {
        var (device, credential) = await RegisterDeviceAsync("victim");
        var other = fixture.Authority.Issue("attacker");
        var forged = new NodeCredential("victim", Convert.ToBase64String(new byte[32]));

        await Assert.ThrowsAsync<UnauthorizedNodeException>(() => device.PullWorkAsync(other, TimeSpan.Zero));
        await Assert.ThrowsAsync<UnauthorizedNodeException>(() => device.PullWorkAsync(forged, TimeSpan.Zero));
        await Assert.ThrowsAsync<UnauthorizedNodeException>(() => device.ReportCapacityAsync(forged, Report("victim")));
        var refused = await Assert.ThrowsAsync<UnauthorizedNodeException>(() =>
            device.RegisterAsync(forged, new NodeRegistration("victim", NodeKind.Device, "phone", "elsewhere", DateTimeOffset.UtcNow)));
        Assert.Contains("secret is wrong", refused.Message);
        Assert.DoesNotContain(forged.Secret, refused.Message);

        Assert.Equal("test", (await device.GetRegistrationAsync())!.Region);
        Assert.Null(await device.PullWorkAsync(credential, TimeSpan.Zero)); // the owner's credential still works: no work, no refusal
    }

    [Fact]
    public async Task A_capacity_report_with_impossible_numbers_is_rejected_and_the_last_good_one_kept()
    {
        var (device, credential) = await RegisterDeviceAsync("bad-report");
        var good = Report("bad-report");

        await Assert.ThrowsAsync<ArgumentException>(() => device.ReportCapacityAsync(credential, good with { BusySlots = 5 }));
        await Assert.ThrowsAsync<ArgumentException>(() => device.ReportCapacityAsync(credential, good with { RttMs = double.NaN }));
        await Assert.ThrowsAsync<ArgumentException>(() => device.ReportCapacityAsync(credential, good with { Power = new PowerState(1.5, false, false) }));
        await Assert.ThrowsAsync<ArgumentException>(() => device.ReportCapacityAsync(credential, good with { NodeId = "someone-else" }));
        await Assert.ThrowsAsync<ArgumentException>(() => device.ReportCapacityAsync(credential, good with { Variants = [] }));

        var kept = (await device.GetSnapshotAsync()).Capacity!;
        Assert.Equal(good.NodeId, kept.NodeId);
        Assert.Equal(good.BusySlots, kept.BusySlots);
        Assert.Equal(good.RttMs, kept.RttMs);
        Assert.Equal(good.Power, kept.Power);
        Assert.Equal(good.Variants.Single(), kept.Variants.Single());
    }

    [Fact]
    public async Task A_silent_node_is_reported_gone_and_its_leases_go_back_to_the_queue()
    {
        var (device, credential) = await RegisterDeviceAsync("silent");
        await Insider.EnqueueAsync(NodeKind.Device, device.GetPrimaryKeyString(), Item("silent/1"));
        var lease = await device.PullWorkAsync(credential, TimeSpan.Zero);
        Assert.NotNull(lease);
        Assert.Equal(NodeHealth.Online, (await device.GetSnapshotAsync()).Health);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        NodeSnapshot snapshot;
        while ((snapshot = await device.GetSnapshotAsync()).Health != NodeHealth.Gone)
        {
            Assert.True(DateTime.UtcNow < deadline, $"still {snapshot.Health}");
            await Task.Delay(100);
        }

        Assert.Equal(0, snapshot.LeasedItems);
        Assert.Equal(1, snapshot.QueuedItems);
        Assert.False(await device.CompleteWorkAsync(credential, Completion(lease.LeaseId)));
    }

    private async Task<(IDeviceGrain Device, NodeCredential Credential)> RegisterDeviceAsync(string id)
    {
        var device = fixture.Client.GetGrain<IDeviceGrain>(id);
        var credential = fixture.Authority.Issue(id);
        await device.RegisterAsync(credential, new NodeRegistration(id, NodeKind.Device, "phone", "test", DateTimeOffset.UtcNow));
        await device.ReportCapacityAsync(credential, Report(id));
        return (device, credential);
    }

    private static CapacityReport Report(string id) => new(
        id, [new VariantLatency(StageKind.DenoiseStep, "tiny-fp32", 10, 100)], 0, 0, 1, 0.2, new PowerState(0.8, true, false), 20, 1e6, 0.0001, DateTimeOffset.UtcNow);

    private static WorkItem Item(string id) => new(id, Guid.NewGuid(), 2, 3, 4, 1, "tiny", "tiny-fp32", [1, 2, 3], null, 10);

    private static WorkCompletion Completion(Guid lease) => new(lease, [9], 5, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
}
