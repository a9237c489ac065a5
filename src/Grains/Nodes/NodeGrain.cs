using System.Collections.Immutable;
using HybridAI.Contracts.Jobs;
using HybridAI.Contracts.Nodes;
using HybridAI.Contracts.Security;
using HybridAI.Contracts.Work;
using HybridAI.Grains.Security;
using Microsoft.Extensions.Options;

namespace HybridAI.Grains.Nodes;

/// <summary>
/// What devices, edge nodes and cloud pools share: worker registration with credentials, heartbeats and liveness,
/// and the lease-based work queue. Subclasses say what kind they are and how their capacity is priced and merged.
/// </summary>
public abstract class NodeGrain : Grain, INodeGrain
{
    private static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(30);
    private readonly IPersistentState<NodeRecord> _record;
    private readonly NodeCredentialAuthority _authority;
    private readonly NodeOptions _options;
    private readonly HeartbeatMonitor _monitor;
    private readonly Dictionary<string, WorkerStatus> _workers = new(StringComparer.Ordinal);
    private TaskCompletionSource? _workArrived;
    private NodeHealth _publishedHealth = NodeHealth.Unknown;
    private IGrainTimer? _sweep;

    protected NodeGrain(IPersistentState<NodeRecord> record, NodeCredentialAuthority authority, IOptions<NodeOptions> options, TimeProvider time)
    {
        _record = record;
        _authority = authority;
        _options = options.Value;
        Time = time;
        _monitor = new HeartbeatMonitor(_options.SuspectAfter, _options.GoneAfter);
        Queue = new LeaseQueue(time, _options.MinimumLease);
    }

    protected abstract NodeKind Kind { get; }

    protected TimeProvider Time { get; }

    protected LeaseQueue Queue { get; }

    protected string NodeId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Devices sweep only while they hold leases: a fleet of idle phones costs no timer ticks. Edge nodes and
        // pools always sweep, so that their region hears when they go suspect or gone.
        if (Kind != NodeKind.Device)
        {
            EnsureSweeping();
        }

        return Task.CompletedTask;
    }

    public async Task RegisterAsync(NodeCredential credential, NodeRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        _authority.Verify(credential, registration.NodeId);
        ValidateRegistration(registration);
        if (registration.Slots is < 1 or > 64)
        {
            throw new ArgumentException($"Registration of '{registration.NodeId}' has {registration.Slots} slots; 1 to 64 are allowed.", nameof(registration));
        }

        if (!_record.State.Workers.TryGetValue(registration.NodeId, out var existing) || existing != registration)
        {
            _record.State.Workers[registration.NodeId] = registration;
            await _record.WriteStateAsync();
        }

        Status(registration.NodeId).LastHeartbeat = Time.GetUtcNow();
        await PublishAsync();
    }

    public async Task ReportCapacityAsync(NodeCredential credential, CapacityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var worker = Authorize(credential);
        CapacityReportValidator.Validate(report, worker);
        var status = Status(worker);
        status.Report = report;
        status.LastHeartbeat = Time.GetUtcNow();
        status.Health = NodeHealth.Online;
        await PublishAsync();
    }

    public async Task<WorkLease?> PullWorkAsync(NodeCredential credential, TimeSpan maxWait)
    {
        var worker = Authorize(credential);
        var deadline = Time.GetUtcNow() + (maxWait < TimeSpan.Zero ? TimeSpan.Zero : maxWait > MaxPoll ? MaxPoll : maxWait);
        while (true)
        {
            Queue.ExpireLeases();
            if (Queue.TryLease(worker) is { } lease)
            {
                EnsureSweeping();
                return lease;
            }

            var remaining = deadline - Time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            _workArrived ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await Task.WhenAny(_workArrived.Task, Task.Delay(remaining, Time));
        }
    }

    public async Task<bool> CompleteWorkAsync(NodeCredential credential, WorkCompletion completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var worker = Authorize(credential);
        if (Queue.FindLive(completion.LeaseId, worker) is not { } item)
        {
            return false;
        }

        if (completion.ComputeMs is < 0 or double.NaN || double.IsInfinity(completion.ComputeMs))
        {
            throw new ArgumentException($"Completion of lease {completion.LeaseId} reports compute time {completion.ComputeMs} ms.", nameof(completion));
        }

        var cost = completion.ComputeMs / 1000.0 * PricePerSecond(worker);
        var result = new WorkResult(item.WorkItemId, NodeId, worker, completion.Outputs, completion.ComputeMs, completion.StartedAt, completion.FinishedAt, cost);

        // The job grain takes the result first; only then is the item done here, so a failure leaves the lease to expire and re-run.
        await GrainFactory.GetGrain<IJobGrain>(item.JobId).OnWorkCompletedAsync(result);
        Queue.Finish(item.WorkItemId);
        return true;
    }

    public Task ReleaseWorkAsync(NodeCredential credential, Guid leaseId, string reason)
    {
        var worker = Authorize(credential);
        if (Queue.Release(leaseId, worker))
        {
            SignalWork();
        }

        return Task.CompletedTask;
    }

    public async Task FailWorkAsync(NodeCredential credential, Guid leaseId, string error)
    {
        var worker = Authorize(credential);
        if (Queue.FindLive(leaseId, worker) is { } item)
        {
            await GrainFactory.GetGrain<IJobGrain>(item.JobId).OnWorkFailedAsync(item.WorkItemId, worker, error);
            Queue.Finish(item.WorkItemId);
        }
    }

    public Task<NodeRegistration?> GetRegistrationAsync() =>
        Task.FromResult(_record.State.Workers.Values.OrderBy(w => w.NodeId, StringComparer.Ordinal).FirstOrDefault());

    public Task<NodeSnapshot> GetSnapshotAsync() => Task.FromResult(Snapshot());

    public Task EnqueueAsync(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (Queue.Enqueue(item))
        {
            SignalWork();
        }

        return Task.CompletedTask;
    }

    public Task CancelJobWorkAsync(Guid jobId)
    {
        Queue.CancelJob(jobId);
        return Task.CompletedTask;
    }

    /// <summary>Throws unless the registration belongs to this grain.</summary>
    protected abstract void ValidateRegistration(NodeRegistration registration);

    /// <summary>Money per second of compute on <paramref name="workerId"/>, as used for pricing and planning.</summary>
    protected virtual double PricePerSecond(string workerId) => _workers.TryGetValue(workerId, out var s) && s.Report is { } r ? r.PricePerSecond : 0;

    /// <summary>The node's capacity from its live workers' reports (one worker for devices and edge nodes).</summary>
    protected virtual CapacityReport? MergeCapacity(IReadOnlyList<CapacityReport> live) => live.Count == 0 ? null : live[0];

    private NodeSnapshot Snapshot()
    {
        var now = Time.GetUtcNow();
        var live = new List<CapacityReport>();
        CapacityReport? lastKnown = null;
        var liveWorkers = ImmutableArray.CreateBuilder<string>();
        DateTimeOffset? lastHeartbeat = null;
        var health = NodeHealth.Unknown;
        foreach (var worker in _record.State.Workers.Keys.Order(StringComparer.Ordinal))
        {
            var status = Status(worker);
            var h = _monitor.HealthOf(status.LastHeartbeat, now);
            health = Better(health, h);
            if (status.LastHeartbeat > lastHeartbeat || lastHeartbeat is null)
            {
                lastHeartbeat = status.LastHeartbeat;
            }

            if (status.Report is { } known && (lastKnown is null || known.MeasuredAt > lastKnown.MeasuredAt))
            {
                lastKnown = known;
            }

            if (h == NodeHealth.Online)
            {
                liveWorkers.Add(worker);
                if (status.Report is { } report)
                {
                    live.Add(report);
                }
            }
        }

        var region = _record.State.Workers.Values.Select(w => w.Region).FirstOrDefault() ?? "";
        // A node with no live worker still shows its last capacity: the planner needs its link to send results back.
        var capacity = live.Count > 0 ? MergeCapacity(live) : lastKnown is null ? null : MergeCapacity([lastKnown]);
        return new NodeSnapshot(NodeId, Kind, region, health, capacity, Queue.QueuedCount, Queue.LeasedCount, Queue.OutstandingWorkMs, liveWorkers.ToImmutable(), lastHeartbeat);
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var requeued = Queue.ExpireLeases();
        foreach (var (worker, status) in _workers)
        {
            var health = _monitor.HealthOf(status.LastHeartbeat, now);
            if (health == NodeHealth.Gone && status.Health != NodeHealth.Gone)
            {
                requeued += Queue.RequeueWorker(worker);
            }

            status.Health = health;
        }

        if (requeued > 0)
        {
            SignalWork();
        }

        var snapshot = Snapshot();
        if (snapshot.Health != _publishedHealth)
        {
            await PublishAsync();
        }

        if (Kind == NodeKind.Device && Queue.LeasedCount == 0)
        {
            _sweep?.Dispose();
            _sweep = null;
        }
    }

    private void EnsureSweeping() =>
        _sweep ??= this.RegisterGrainTimer(SweepAsync, new GrainTimerCreationOptions(_options.SweepInterval, _options.SweepInterval));

    private async Task PublishAsync()
    {
        var snapshot = Snapshot();
        _publishedHealth = snapshot.Health;
        if (Kind != NodeKind.Device && snapshot.Region.Length > 0)
        {
            await GrainFactory.GetGrain<Contracts.Nodes.IRegionGrain>(snapshot.Region).PublishAsync(snapshot);
        }
    }

    private string Authorize(NodeCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _authority.Verify(credential, credential.NodeId);
        return _record.State.Workers.ContainsKey(credential.NodeId)
            ? credential.NodeId
            : throw new UnauthorizedNodeException(credential.NodeId, $"it is not registered with {Kind} '{NodeId}'");
    }

    private WorkerStatus Status(string worker)
    {
        if (!_workers.TryGetValue(worker, out var status))
        {
            status = new WorkerStatus();
            _workers[worker] = status;
        }

        return status;
    }

    private void SignalWork()
    {
        _workArrived?.TrySetResult();
        _workArrived = null;
    }

    // A pool is as healthy as its healthiest worker.
    private static NodeHealth Better(NodeHealth a, NodeHealth b) => (a, b) switch
    {
        (NodeHealth.Online, _) or (_, NodeHealth.Online) => NodeHealth.Online,
        (NodeHealth.Suspect, _) or (_, NodeHealth.Suspect) => NodeHealth.Suspect,
        (NodeHealth.Gone, _) or (_, NodeHealth.Gone) => NodeHealth.Gone,
        _ => NodeHealth.Unknown,
    };
}
