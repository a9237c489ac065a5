using Orleans.Concurrency;
using HybridAI.Contracts.Security;
using HybridAI.Contracts.Work;

namespace HybridAI.Contracts.Nodes;

/// <summary>
/// What every node grain offers: agents register, report capacity and pull leased work with their credential;
/// job grains enqueue work. Devices and edge nodes have one agent; a cloud pool has many workers sharing its queue.
/// </summary>
public interface INodeGrain : IGrainWithStringKey
{
    Task RegisterAsync(NodeCredential credential, NodeRegistration registration);

    Task ReportCapacityAsync(NodeCredential credential, CapacityReport report);

    /// <summary>Long poll: a lease as soon as work is queued, or null after <paramref name="maxWait"/> (at most 30 s).</summary>
    /// <remarks>Interleaves: a parked poll must not block enqueues, completions or other workers' polls.</remarks>
    [ResponseTimeout("00:00:45"), AlwaysInterleave]
    Task<WorkLease?> PullWorkAsync(NodeCredential credential, TimeSpan maxWait);

    /// <summary>Completes a lease. A completion for an unknown, expired-and-requeued or already completed lease is ignored (returns false).</summary>
    /// <remarks>Interleaves: it waits for the job grain, and a pool's other workers must not queue behind that wait.</remarks>
    [AlwaysInterleave]
    Task<bool> CompleteWorkAsync(NodeCredential credential, WorkCompletion completion);

    /// <summary>Hands a lease back unfinished (shutdown, cancellation); the item is queued again at once.</summary>
    Task ReleaseWorkAsync(NodeCredential credential, Guid leaseId, string reason);

    /// <summary>Reports that a lease's work cannot be done (bad input, missing model); its job fails with the reason.</summary>
    [AlwaysInterleave]
    Task FailWorkAsync(NodeCredential credential, Guid leaseId, string error);

    Task<NodeRegistration?> GetRegistrationAsync();

    /// <remarks>Interleaves: a read the scheduler makes while the grain is busy with an agent call.</remarks>
    [AlwaysInterleave]
    Task<NodeSnapshot> GetSnapshotAsync();

    /// <summary>Queues a work item; queuing the same <see cref="WorkItem.WorkItemId"/> twice is a no-op.</summary>
    /// <remarks>Interleaves: a job grain dispatches its next item while this grain awaits that job grain's completion handler.</remarks>
    [AlwaysInterleave, ClusterInternal]
    Task EnqueueAsync(WorkItem item);

    /// <summary>Drops every queued or leased item of a job (it was re-planned elsewhere or cancelled).</summary>
    [AlwaysInterleave, ClusterInternal]
    Task CancelJobWorkAsync(Guid jobId);
}
