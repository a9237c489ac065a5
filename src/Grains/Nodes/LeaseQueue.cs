using HybridAI.Contracts.Work;

namespace HybridAI.Grains.Nodes;

/// <summary>
/// A node's work queue with leases, as plain logic the node grains drive: FIFO items, leases that expire back into
/// the queue, and completions that count only once and only for a live lease.
/// </summary>
public sealed class LeaseQueue(TimeProvider time, TimeSpan minimumLease, double leaseFactor = 3)
{
    // Remembered so that a late duplicate of a completed item is recognised rather than re-queued or re-run.
    private const int CompletedMemory = 1024;
    private readonly LinkedList<WorkItem> _queued = new();
    private readonly Dictionary<Guid, ActiveLease> _leases = new();
    private readonly HashSet<string> _completed = new(StringComparer.Ordinal);
    private readonly Queue<string> _completedOrder = new();

    public int QueuedCount => _queued.Count;

    public int LeasedCount => _leases.Count;

    /// <summary>Estimated compute of everything queued and leased.</summary>
    public double OutstandingWorkMs => _queued.Sum(i => i.EstimatedComputeMs) + _leases.Values.Sum(l => l.Lease.Item.EstimatedComputeMs);

    /// <summary>Queues the item unless it is already queued, leased or completed; returns whether it was added.</summary>
    public bool Enqueue(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (_completed.Contains(item.WorkItemId) || _queued.Any(i => i.WorkItemId == item.WorkItemId) || _leases.Values.Any(l => l.Lease.Item.WorkItemId == item.WorkItemId))
        {
            return false;
        }

        _queued.AddLast(item);
        return true;
    }

    /// <summary>Leases the oldest queued item to <paramref name="workerId"/>, or returns null when nothing is queued.</summary>
    public WorkLease? TryLease(string workerId)
    {
        var first = _queued.First;
        if (first is null)
        {
            return null;
        }

        _queued.RemoveFirst();
        var duration = TimeSpan.FromMilliseconds(Math.Max(minimumLease.TotalMilliseconds, first.Value.EstimatedComputeMs * leaseFactor));
        var lease = new WorkLease(Guid.NewGuid(), first.Value, time.GetUtcNow() + duration);
        _leases[lease.LeaseId] = new ActiveLease(lease, workerId);
        return lease;
    }

    /// <summary>The item of a live lease held by <paramref name="workerId"/>; null for unknown, expired, cancelled or foreign leases.</summary>
    public WorkItem? FindLive(Guid leaseId, string workerId) =>
        _leases.TryGetValue(leaseId, out var active) && active.WorkerId == workerId ? active.Lease.Item : null;

    /// <summary>Marks an item done: drops every lease and queued copy of it, and ignores it if it is queued again.</summary>
    public void Finish(string workItemId)
    {
        foreach (var leaseId in _leases.Where(l => l.Value.Lease.Item.WorkItemId == workItemId).Select(l => l.Key).ToList())
        {
            _leases.Remove(leaseId);
        }

        for (var node = _queued.First; node is not null;)
        {
            var next = node.Next;
            if (node.Value.WorkItemId == workItemId)
            {
                _queued.Remove(node);
            }

            node = next;
        }

        Remember(workItemId);
    }

    /// <summary>Puts a leased item back at the head of the queue (the agent handed it back); false when the lease is not live.</summary>
    public bool Release(Guid leaseId, string workerId)
    {
        if (!_leases.TryGetValue(leaseId, out var active) || active.WorkerId != workerId)
        {
            return false;
        }

        _leases.Remove(leaseId);
        _queued.AddFirst(active.Lease.Item);
        return true;
    }

    /// <summary>Re-queues every lease past its expiry (oldest first, ahead of newer work) and returns how many.</summary>
    public int ExpireLeases()
    {
        var now = time.GetUtcNow();
        var expired = _leases.Values.Where(l => l.Lease.ExpiresAt <= now).OrderByDescending(l => l.Lease.ExpiresAt).ToList();
        foreach (var active in expired)
        {
            _leases.Remove(active.Lease.LeaseId);
            _queued.AddFirst(active.Lease.Item);
        }

        return expired.Count;
    }

    /// <summary>Re-queues every lease held by a worker that is gone.</summary>
    public int RequeueWorker(string workerId)
    {
        var held = _leases.Values.Where(l => l.WorkerId == workerId).ToList();
        foreach (var active in held)
        {
            _leases.Remove(active.Lease.LeaseId);
            _queued.AddFirst(active.Lease.Item);
        }

        return held.Count;
    }

    /// <summary>Drops every queued and leased item of a job; a later completion of such a lease is ignored.</summary>
    public int CancelJob(Guid jobId)
    {
        var removed = 0;
        for (var node = _queued.First; node is not null;)
        {
            var next = node.Next;
            if (node.Value.JobId == jobId)
            {
                _queued.Remove(node);
                removed++;
            }

            node = next;
        }

        foreach (var leaseId in _leases.Where(l => l.Value.Lease.Item.JobId == jobId).Select(l => l.Key).ToList())
        {
            _leases.Remove(leaseId);
            removed++;
        }

        return removed;
    }

    private void Remember(string workItemId)
    {
        if (_completed.Add(workItemId))
        {
            _completedOrder.Enqueue(workItemId);
            if (_completedOrder.Count > CompletedMemory)
            {
                _completed.Remove(_completedOrder.Dequeue());
            }
        }
    }

    private sealed record ActiveLease(WorkLease Lease, string WorkerId);
}
