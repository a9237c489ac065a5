using HybridAI.Contracts.Security;
using HybridAI.Contracts.Work;
using HybridAI.DeviceAgent.Capacity;
using HybridAI.DeviceAgent.Cluster;
using HybridAI.DeviceAgent.Configuration;
using HybridAI.Pipelines.Execution;
using HybridAI.Pipelines.Transport;

namespace HybridAI.DeviceAgent.Work;

/// <summary>
/// One long-polling loop per slot: lease work, run it on the stage executor, complete it with the output. On
/// shutdown the running item is cancelled and its lease handed back, so another node picks it up at once.
/// </summary>
public sealed partial class WorkLoopService(
    NodeConnection connection,
    AgentSettings settings,
    WorkExecutor executor,
    CapacityMeter meter,
    AgentReadiness readiness,
    TimeProvider time,
    ILogger<WorkLoopService> logger) : BackgroundService
{
    private static readonly TimeSpan PollWait = TimeSpan.FromSeconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.Ready.WaitAsync(stoppingToken);
        await Task.WhenAll(Enumerable.Range(0, settings.Options.Slots).Select(_ => SlotAsync(stoppingToken)));
    }

    private async Task SlotAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!connection.Registered)
            {
                await Task.Delay(200, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                continue;
            }

            WorkLease? lease;
            try
            {
                lease = await connection.Node.PullWorkAsync(settings.Credential, PollWait);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                if (e is UnauthorizedNodeException)
                {
                    connection.Registered = false;
                }

                PullFailed(logger, e.GetBaseException().Message);
                await Task.Delay(1000, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                continue;
            }

            if (lease is null)
            {
                continue;
            }

            try
            {
                await RunAsync(lease, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The cluster went away mid-item (restart, network): the lease expires or the job re-dispatches; keep serving.
                ReportFailed(logger, lease.Item.WorkItemId, e.GetBaseException().Message);
            }
        }
    }

    private async Task RunAsync(WorkLease lease, CancellationToken stoppingToken)
    {
        var item = lease.Item;
        Started(logger, item.WorkItemId, item.FirstStage, item.LastStage, item.Variant);
        var started = time.GetUtcNow();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        byte[] outputs;
        using (meter.Busy())
        {
            try
            {
                outputs = await executor.RunAsync(item, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                await connection.Node.ReleaseWorkAsync(settings.Credential, lease.LeaseId, "agent shutting down");
                HandedBack(logger, item.WorkItemId);
                return;
            }
            catch (Exception e) when (e is ArgumentException or KeyNotFoundException or TensorContractException or CorruptTensorException or InvalidModelException)
            {
                // Bad input or a variant this agent lacks: running it again would fail again, so the job fails with the reason.
                WorkFailed(logger, item.WorkItemId, e.Message);
                await connection.Node.FailWorkAsync(settings.Credential, lease.LeaseId, e.Message);
                return;
            }
        }

        var computeMs = clock.Elapsed.TotalMilliseconds;
        var accepted = await connection.Node.CompleteWorkAsync(settings.Credential, new WorkCompletion(lease.LeaseId, outputs, computeMs, started, time.GetUtcNow()));
        Completed(logger, item.WorkItemId, computeMs, outputs.Length, accepted);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Running {WorkItemId}: stages {First}-{Last} with {Variant}")]
    private static partial void Started(ILogger logger, string workItemId, int first, int last, string variant);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Completed {WorkItemId} in {ComputeMs:F0} ms, {Bytes} bytes out (accepted: {Accepted})")]
    private static partial void Completed(ILogger logger, string workItemId, double computeMs, int bytes, bool accepted);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Handed back {WorkItemId}: shutting down")]
    private static partial void HandedBack(ILogger logger, string workItemId);

    [LoggerMessage(EventId = 23, Level = LogLevel.Error, Message = "Cannot run {WorkItemId}: {Error}")]
    private static partial void WorkFailed(ILogger logger, string workItemId, string error);

    [LoggerMessage(EventId = 25, Level = LogLevel.Warning, Message = "Could not report {WorkItemId} to the cluster ({Reason}); the cluster will hand it out again")]
    private static partial void ReportFailed(ILogger logger, string workItemId, string reason);

    [LoggerMessage(EventId = 24, Level = LogLevel.Warning, Message = "Pulling work failed ({Reason}); retrying")]
    private static partial void PullFailed(ILogger logger, string reason);
}
