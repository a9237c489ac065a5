using System.Collections.Immutable;
using HybridAI.Contracts.Jobs;
using HybridAI.Contracts.Nodes;
using HybridAI.Contracts.Security;
using HybridAI.Contracts.Work;
using HybridAI.Grains.Payloads;
using HybridAI.Grains.Security;
using HybridAI.Planning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodeKind = HybridAI.Contracts.Nodes.NodeKind;
using PrivacyLevel = HybridAI.Contracts.Jobs.PrivacyLevel;

namespace HybridAI.Grains.Jobs;

/// <summary>
/// Runs one job: plans it from live signals, dispatches one work item at a time to node queues, checkpoints the
/// output of every item durably, re-plans from the checkpoint when a node is lost or the plan would miss its deadline,
/// and keeps the trace and the result.
/// </summary>
public sealed class JobGrain(
    [PersistentState("job", StorageNames.Jobs)] IPersistentState<JobRecord> record,
    NodeCredentialAuthority authority,
    IPayloadStore payloads,
    JobPlacement placement,
    IOptions<JobOptions> options,
    TimeProvider time,
    ILogger<JobGrain> logger) : Grain, IJobGrain, IRemindable
{
    // Wakes a running job after a silo restart or deactivation, so it re-dispatches its work item.
    private const string WatchdogReminder = "watchdog";
    private readonly JobOptions _options = options.Value;
    private IGrainTimer? _watch;
    private bool _redispatchOnWatch;
    private DateTimeOffset _activatedAt;

    // When a running job began waiting for its nodes' signals (see TryPlanAsync); cleared once it dispatches again.
    private DateTimeOffset? _awaitingSignalsSince;

    private JobRecord Job => record.State;

    private Guid JobId => this.GetPrimaryKey();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activatedAt = time.GetUtcNow();
        if (Job.State == JobState.Running)
        {
            // Reactivated mid-job (silo restart, or a status query after one): node queues are volatile, so queue the item again.
            _redispatchOnWatch = true;
            StartWatch();
        }

        return Task.CompletedTask;
    }

    public async Task<JobStatus> SubmitAsync(NodeCredential origin, JobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        authority.Verify(origin, request.OriginDeviceId);
        if (Job.Request is not null)
        {
            return Status();
        }

        JobRequestValidator.Validate(request, _options);
        var originSnapshot = await Device(request.OriginDeviceId).GetSnapshotAsync();
        if (originSnapshot.Region.Length == 0)
        {
            throw new InvalidJobException(nameof(request.OriginDeviceId), $"'{request.OriginDeviceId}' is not a registered device.");
        }

        Job.Request = request;
        Job.Region = originSnapshot.Region;
        Job.SubmittedAt = time.GetUtcNow();
        Job.State = JobState.Submitted;
        Job.CompletedStages = request.PrecomputedStages;
        Job.Trace.AddRange(request.LocalTrace);
        if (request.PrecomputedStages > 0)
        {
            Job.CheckpointKey = NextCheckpointKey();
            Job.CheckpointNodeId = request.OriginDeviceId;
            Job.CheckpointBytes = request.PrecomputedInputs.Length;
            await payloads.PutAsync(Job.CheckpointKey, request.PrecomputedInputs);
        }

        await PlanAndDispatchAsync(excluded: new HashSet<string>(), originSnapshot);
        return Status();
    }

    public Task<JobStatus> GetStatusAsync()
    {
        if (Job.Request is null)
        {
            DeactivateOnIdle(); // nothing here: do not keep an empty activation for whoever guessed the id
            return Task.FromException<JobStatus>(new KeyNotFoundException($"No job {JobId} was submitted."));
        }

        LeaveMemoryIfFinished();
        return Task.FromResult(Status());
    }

    public async Task<byte[]> GetResultAsync()
    {
        LeaveMemoryIfFinished();
        if (Job.State != JobState.Completed || Job.ResultKey is null)
        {
            throw new InvalidOperationException($"Job {JobId} has no result: it is {Job.State}{(Job.Error is null ? "" : ": " + Job.Error)}.");
        }

        return await payloads.GetAsync(Job.ResultKey);
    }

    public async Task CancelAsync(NodeCredential origin)
    {
        if (Job.Request is null)
        {
            throw new KeyNotFoundException($"No job {JobId} was submitted.");
        }

        authority.Verify(origin, Job.Request.OriginDeviceId);
        if (Job.State is JobState.Completed or JobState.Failed or JobState.Cancelled)
        {
            return;
        }

        if (Job.Current is { } current)
        {
            await Node(current.NodeKind, current.NodeId).CancelJobWorkAsync(JobId);
        }

        await FinishAsync(JobState.Cancelled, "cancelled by the origin device");
    }

    public async Task OnWorkCompletedAsync(WorkResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (Job.State != JobState.Running || Job.Current is not { } current || current.WorkItemId != result.WorkItemId)
        {
            return; // a duplicate, or work the job re-planned away from
        }

        var steps = Job.Request!.Steps;
        Job.Trace.Add(new StageTraceEntry(
            current.FirstStage, current.LastStage, TextToImageStages.Describe(current.FirstStage, current.LastStage, steps),
            result.NodeId, result.WorkerId, current.Variant, result.StartedAt, result.FinishedAt, result.ComputeMs,
            current.BytesIn, result.Outputs.Length, result.Cost));
        Job.Current = null;
        Job.CompletedStages = current.LastStage + 1;

        if (Job.CompletedStages == TextToImageStages.Count(steps))
        {
            Job.ResultKey = $"jobs/{JobId:N}/result.png";
            Job.ResultBytes = result.Outputs.Length;
            await payloads.PutAsync(Job.ResultKey, result.Outputs);
            await FinishAsync(JobState.Completed, null);
            JobLog.Completed(logger, JobId, (time.GetUtcNow() - Job.SubmittedAt).TotalMilliseconds, Job.ResultBytes);
        }
        else
        {
            Job.CheckpointKey = NextCheckpointKey();
            Job.CheckpointNodeId = result.NodeId;
            Job.CheckpointBytes = result.Outputs.Length;
            await payloads.PutAsync(Job.CheckpointKey, result.Outputs);
            await ContinueAsync(result.Outputs);
        }
    }

    public async Task OnWorkFailedAsync(string workItemId, string nodeId, string error)
    {
        if (Job.State == JobState.Running && Job.Current?.WorkItemId == workItemId)
        {
            await FinishAsync(JobState.Failed, $"'{nodeId}' could not run {TextToImageStages.Describe(Job.Current.FirstStage, Job.Current.LastStage, Job.Request!.Steps)}: {error}");
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Job.State != JobState.Running)
        {
            await UnregisterWatchdogAsync();
            return;
        }

        StartWatch();
        await RedispatchAsync();
    }

    // Node queues are volatile: after a restart the item may be gone; enqueueing it again is a no-op otherwise.
    private async Task RedispatchAsync()
    {
        if (Job.Current is { } current)
        {
            await Node(current.NodeKind, current.NodeId).EnqueueAsync(await BuildItemAsync(current));
        }
    }

    private async Task ContinueAsync(byte[]? checkpointBytes)
    {
        var snapshots = await GatherSnapshotsAsync();
        var now = time.GetUtcNow();
        var checkpoint = Checkpoint(now);
        var current = placement.Reevaluate(JobId, Job.Request!, snapshots, Job.Ranges, checkpoint, now, _options.StaleAfter);
        if (current is { IsLate: false })
        {
            await DispatchNextAsync(checkpointBytes);
            return;
        }

        var fresh = await TryPlanAsync(snapshots, new HashSet<string>());
        if (fresh is null)
        {
            return;
        }

        if (current is null || fresh.Plan.CompletionMs < current.CompletionMs)
        {
            if (current is not null)
            {
                JobLog.Replanned(logger, JobId, current.CompletionMs, current.DeadlineMs, fresh.Plan.CompletionMs);
            }

            Adopt(fresh, replan: true);
        }

        await DispatchNextAsync(checkpointBytes);
    }

    /// <param name="origin">The origin device's snapshot when just read, saving a second read.</param>
    private async Task PlanAndDispatchAsync(ISet<string> excluded, NodeSnapshot? origin = null)
    {
        var outcome = await TryPlanAsync(await GatherSnapshotsAsync(origin), excluded);
        if (outcome is null)
        {
            return;
        }

        Adopt(outcome, replan: Job.Plan is not null);
        await DispatchNextAsync();
    }

    /// <summary>
    /// Plans the remaining stages; on no feasible plan or a privacy violation the job fails with the reason, unless it
    /// is waiting for nodes that have not reported since their grains started (then null, and the watch tries again).
    /// </summary>
    private async ValueTask<PlacementOutcome?> TryPlanAsync(IReadOnlyList<NodeSnapshot> snapshots, ISet<string> excluded)
    {
        var now = time.GetUtcNow();
        try
        {
            var checkpoint = Job.CompletedStages > 0 ? Checkpoint(now) : null;
            return placement.Plan(JobId, Job.Request!, snapshots, checkpoint, (now - Job.SubmittedAt).TotalMilliseconds, now, _options.StaleAfter, excluded);
        }
        catch (Exception e) when (e is NoFeasiblePlanException or PrivacyViolationException or InvalidPlanningInputException)
        {
            // A job already under way whose candidates include nodes with no heartbeat since their grains started (a
            // silo restart forgets every node's signals until its agent reports again) waits the stale window for
            // them, from a watch tick to the next, before it fails with the reason.
            _awaitingSignalsSince ??= now;
            if (Job.Plan is not null && e is not PrivacyViolationException && snapshots.Any(s => s.LastHeartbeat is null) && now - _awaitingSignalsSince < _options.StaleAfter)
            {
                Job.Current = null;
                StartWatch();
                JobLog.AwaitingSignals(logger, JobId, Job.CompletedStages, e.Message);
                return null;
            }

            await FinishAsync(JobState.Failed, e.Message);
            return null;
        }
    }

    private void Adopt(PlacementOutcome outcome, bool replan)
    {
        Job.Plan = outcome.View;
        Job.InitialPlan ??= outcome.View;
        Job.Ranges = outcome.Ranges;
        if (replan)
        {
            Job.Replans++;
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            // The route is text built for the log line only.
            JobLog.Planned(logger, JobId, outcome.Plan.Route, outcome.Plan.CompletionMs, outcome.Plan.TotalCost, outcome.Plan.IsLate);
        }
    }

    /// <param name="checkpoint">The checkpoint's bytes when already in memory, saving a read of the payload store.</param>
    private async Task DispatchNextAsync(byte[]? checkpoint = null)
    {
        var request = Job.Request!;
        var start = Job.CompletedStages;
        var range = Job.Ranges.First(r => r.FirstStage <= start && start <= r.LastStage);
        var end = TextToImageStages.ItemEnd(start, range.LastStage, _options.CheckpointEverySteps);
        if (request.Privacy != PrivacyLevel.Standard && start <= TextToImageStages.TextEncode && range.NodeId != request.OriginDeviceId)
        {
            await FinishAsync(JobState.Failed, $"refused to dispatch stage {start} of a {request.Privacy} job to '{range.NodeId}': it touches the prompt");
            return;
        }

        var current = new DispatchedItem(
            $"{JobId:N}/{++Job.Sequence}", range.NodeId, range.NodeKind, start, end, range.Variant, time.GetUtcNow(),
            Job.CheckpointBytes, range.EstimatedComputeMsPerStage * (end - start + 1));
        Job.Current = current;
        Job.State = JobState.Running;
        _awaitingSignalsSince = null;
        await record.WriteStateAsync();
        StartWatch();
        await Node(current.NodeKind, current.NodeId).EnqueueAsync(await BuildItemAsync(current, checkpoint));
    }

    private async ValueTask<WorkItem> BuildItemAsync(DispatchedItem current, byte[]? checkpoint = null)
    {
        var request = Job.Request!;
        var inputs = checkpoint ?? (Job.CheckpointKey is null ? [] : await payloads.GetAsync(Job.CheckpointKey));
        var prompt = current.FirstStage == TextToImageStages.Tokenize && request.Privacy == PrivacyLevel.Standard ? request.Prompt : null;
        return new WorkItem(current.WorkItemId, JobId, current.FirstStage, current.LastStage, request.Steps, request.Seed, request.ModelSize,
            current.Variant, inputs, prompt, current.EstimatedComputeMs);
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        if (Job.State == JobState.Running && Job.Current is null && Job.Plan is not null)
        {
            // Waiting for signals (or woken mid-wait): plan again, from the checkpoint if there is one.
            if (Job.CompletedStages == 0)
            {
                await PlanAndDispatchAsync(excluded: new HashSet<string>());
            }
            else
            {
                await ContinueAsync(Job.CheckpointKey is null ? null : await payloads.GetAsync(Job.CheckpointKey, cancellationToken));
            }

            return;
        }

        if (Job.State != JobState.Running || Job.Current is not { } current)
        {
            return;
        }

        if (!Job.WatchdogRegistered)
        {
            // Off the submission path: only jobs that outlive one watch tick need waking after a restart.
            await this.RegisterOrUpdateReminder(WatchdogReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            Job.WatchdogRegistered = true;
            await record.WriteStateAsync();
        }

        if (_redispatchOnWatch)
        {
            _redispatchOnWatch = false;
            await RedispatchAsync();
        }

        var snapshot = await Node(current.NodeKind, current.NodeId).GetSnapshotAsync();
        var now = time.GetUtcNow();
        if (snapshot.LastHeartbeat is null && now - _activatedAt < _options.StaleAfter)
        {
            // No heartbeat since the node's grain started, and this job only just woke up (a silo restart restarts
            // both): its agent gets the stale window to reconnect before the job plans around it.
            return;
        }

        var silent = snapshot.LastHeartbeat is not { } beat || now - beat >= _options.StaleAfter;
        if (snapshot.Health is NodeHealth.Online or NodeHealth.Suspect && !silent)
        {
            return;
        }

        JobLog.NodeLost(logger, JobId, current.NodeId, silent ? "silent" : snapshot.Health.ToString(), current.FirstStage);
        await Node(current.NodeKind, current.NodeId).CancelJobWorkAsync(JobId);
        Job.Current = null;
        await PlanAndDispatchAsync(excluded: new HashSet<string>(StringComparer.Ordinal) { current.NodeId });
    }

    private async Task<IReadOnlyList<NodeSnapshot>> GatherSnapshotsAsync(NodeSnapshot? knownOrigin = null)
    {
        var origin = knownOrigin is null ? Device(Job.Request!.OriginDeviceId).GetSnapshotAsync() : Task.FromResult(knownOrigin);
        var serving = GrainFactory.GetGrain<IRegionGrain>(Job.Region).GetServingNodesAsync();
        return [await origin, .. await serving];
    }

    private PlanCheckpoint Checkpoint(DateTimeOffset now) =>
        new(Job.CompletedStages, Job.CheckpointNodeId ?? Job.Request!.OriginDeviceId, Job.CheckpointBytes, (now - Job.SubmittedAt).TotalMilliseconds);

    private async Task FinishAsync(JobState state, string? error)
    {
        Job.State = state;
        Job.Error = error;
        Job.FinishedAt = time.GetUtcNow();
        Job.Current = null;
        await record.WriteStateAsync();
        if (error is not null && state == JobState.Failed)
        {
            JobLog.Failed(logger, JobId, error);
        }

        _watch?.Dispose();
        _watch = null;
        await UnregisterWatchdogAsync();

        // Only after the final state is durable: until then a restart resumes from the checkpoint.
        if (Job.CheckpointKey is not null)
        {
            await Task.WhenAll(payloads.DeleteAsync(CheckpointSlot(0)), payloads.DeleteAsync(CheckpointSlot(1)));
        }

        LeaveMemoryIfFinished();
    }

    // A finished job is only read now and then (status, result): it is read back from storage then, rather than held
    // in memory until idle collection (15 minutes), where every live activation adds to each garbage collection's work.
    private void LeaveMemoryIfFinished()
    {
        if (Job.State is JobState.Completed or JobState.Failed or JobState.Cancelled)
        {
            DeactivateOnIdle();
        }
    }

    private async Task UnregisterWatchdogAsync()
    {
        if (Job.WatchdogRegistered && await this.GetReminder(WatchdogReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void StartWatch() =>
        _watch ??= this.RegisterGrainTimer(WatchAsync, new GrainTimerCreationOptions(_options.WatchInterval, _options.WatchInterval));

    private JobStatus Status() => new(
        JobId,
        Job.State,
        Job.Request?.OriginDeviceId ?? "",
        Job.Request?.Privacy ?? PrivacyLevel.Standard,
        Job.Plan,
        Job.CompletedStages,
        Job.Request is null ? 0 : TextToImageStages.Count(Job.Request.Steps),
        Job.Trace.ToImmutableArray(),
        Job.Replans,
        Job.Error,
        Job.SubmittedAt,
        Job.FinishedAt,
        Job.ResultBytes,
        Job.InitialPlan);

    // Two checkpoint slots used in turn: a new checkpoint never overwrites the one the durable state points at, so a
    // crash between writing it and writing the state still leaves a usable checkpoint, and no item pays for a delete.
    private string NextCheckpointKey() => Job.CheckpointKey == CheckpointSlot(0) ? CheckpointSlot(1) : CheckpointSlot(0);

    private string CheckpointSlot(int slot) => $"jobs/{JobId:N}/checkpoint-{(slot == 0 ? 'a' : 'b')}";

    private IDeviceGrain Device(string id) => GrainFactory.GetGrain<IDeviceGrain>(id);

    private INodeGrain Node(NodeKind kind, string id) => kind switch
    {
        NodeKind.Device => GrainFactory.GetGrain<IDeviceGrain>(id),
        NodeKind.EdgeNode => GrainFactory.GetGrain<IEdgeNodeGrain>(id),
        NodeKind.CloudPool => GrainFactory.GetGrain<ICloudPoolGrain>(id),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown node kind"),
    };
}
