using HybridAI.Contracts.Work;
using HybridAI.Grains.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace HybridAI.Grains.Tests;

public sealed class LeaseQueueTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void An_expired_lease_is_queued_again_and_its_late_completion_is_ignored()
    {
        var queue = new LeaseQueue(_time, TimeSpan.FromSeconds(10));
        queue.Enqueue(Item("a"));
        var first = queue.TryLease("worker-1")!;

        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(1, queue.ExpireLeases());
        var second = queue.TryLease("worker-2")!;

        Assert.Equal("a", second.Item.WorkItemId);
        Assert.NotEqual(first.LeaseId, second.LeaseId);
        Assert.Null(queue.FindLive(first.LeaseId, "worker-1"));
        Assert.NotNull(queue.FindLive(second.LeaseId, "worker-2"));
    }

    [Fact]
    public void A_lease_does_not_expire_before_its_time()
    {
        var queue = new LeaseQueue(_time, TimeSpan.FromSeconds(10));
        queue.Enqueue(Item("a"));
        queue.TryLease("worker-1");

        _time.Advance(TimeSpan.FromSeconds(9));

        Assert.Equal(0, queue.ExpireLeases());
        Assert.Null(queue.TryLease("worker-2"));
    }

    [Fact]
    public void Long_work_gets_a_lease_of_three_times_its_estimate()
    {
        var queue = new LeaseQueue(_time, TimeSpan.FromSeconds(1));
        queue.Enqueue(Item("a", estimateMs: 4000));

        var lease = queue.TryLease("w")!;

        Assert.Equal(_time.GetUtcNow().AddSeconds(12), lease.ExpiresAt);
    }

    [Fact]
    public void A_finished_item_cannot_be_queued_or_completed_again()
    {
        var queue = new LeaseQueue(_time, TimeSpan.FromSeconds(10));
        queue.Enqueue(Item("a"));
        var lease = queue.TryLease("w")!;

        queue.Finish("a");

        Assert.Null(queue.FindLive(lease.LeaseId, "w"));
        Assert.False(queue.Enqueue(Item("a")));
        Assert.Equal(0, queue.QueuedCount);
    }

    [Fact]
    public void Enqueueing_the_same_item_twice_queues_it_once()
    {
        var queue = new LeaseQueue(_time, TimeSpan.FromSeconds(10));

        Assert.True(queue.Enqueue(Item("a")));
        Assert.False(queue.Enqueue(Item("a")));
        queue.TryLease("w");
        Assert.False(queue.Enqueue(Item("a")));

        Assert.Equal(0, queue.QueuedCount);
        Assert.Equal(1, queue.LeasedCount);
    }

    [Fact]
    public void Only_the_worker_holding_a_lease_can_complete_or_release_it()
    {
        var queue = new LeaseQueue(_time, TimeSpan.FromSeconds(10));
        queue.Enqueue(Item("a"));
        var lease = queue.TryLease("owner")!;

        Assert.Null(queue.FindLive(lease.LeaseId, "intruder"));
        Assert.False(queue.Release(lease.LeaseId, "intruder"));
        Assert.True(queue.Release(lease.LeaseId, "owner"));
        Assert.Equal("a", queue.TryLease("other")!.Item.WorkItemId);
    }

    [Fact]
    public void A_released_or_expired_item_goes_ahead_of_newer_work()
    {
        var queue = new LeaseQueue(_time, TimeSpan.FromSeconds(10));
        queue.Enqueue(Item("old"));
        var lease = queue.TryLease("w")!;
        queue.Enqueue(Item("new"));

        queue.Release(lease.LeaseId, "w");

        Assert.Equal("old", queue.TryLease("w")!.Item.WorkItemId);
    }

    [Fact]
    public void Cancelling_a_job_drops_its_queued_and_leased_items_only()
    {
        var queue = new LeaseQueue(_time, TimeSpan.FromSeconds(10));
        var job = Guid.NewGuid();
        queue.Enqueue(Item("a", job));
        queue.Enqueue(Item("b", job));
        queue.Enqueue(Item("other"));
        var lease = queue.TryLease("w")!;

        Assert.Equal(2, queue.CancelJob(job));

        Assert.Null(queue.FindLive(lease.LeaseId, "w"));
        Assert.Equal("other", queue.TryLease("w")!.Item.WorkItemId);
    }

    [Fact]
    public void A_gone_workers_leases_are_queued_again()
    {
        var queue = new LeaseQueue(_time, TimeSpan.FromSeconds(10));
        queue.Enqueue(Item("a"));
        queue.Enqueue(Item("b"));
        queue.TryLease("dead");
        queue.TryLease("alive");

        Assert.Equal(1, queue.RequeueWorker("dead"));
        Assert.Equal("a", queue.TryLease("alive")!.Item.WorkItemId);
    }

    private static WorkItem Item(string id, Guid? job = null, double estimateMs = 10) =>
        new(id, job ?? Guid.NewGuid(), 0, 0, 1, 1, "tiny", "tiny-fp32", [], null, estimateMs);
}
