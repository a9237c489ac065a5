using Microsoft.Extensions.Logging;

namespace HybridAI.Grains.Jobs;

internal static partial class JobLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Job {JobId} planned: {Route} (estimated {CompletionMs:F0} ms, cost {Cost:G4}, late: {IsLate})")]
    public static partial void Planned(ILogger logger, Guid jobId, string route, double completionMs, double cost, bool isLate);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Job {JobId}: node {NodeId} is {Reason}; re-planning from stage {Stage}")]
    public static partial void NodeLost(ILogger logger, Guid jobId, string nodeId, string reason, int stage);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Job {JobId}: the current plan would finish at {CurrentMs:F0} ms (deadline {DeadlineMs:F0} ms); re-planned to finish at {NewMs:F0} ms")]
    public static partial void Replanned(ILogger logger, Guid jobId, double currentMs, double deadlineMs, double newMs);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Job {JobId} completed in {ElapsedMs:F0} ms; result {Bytes} bytes")]
    public static partial void Completed(ILogger logger, Guid jobId, double elapsedMs, long bytes);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Job {JobId} failed: {Error}")]
    public static partial void Failed(ILogger logger, Guid jobId, string error);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Job {JobId}: no plan from stage {Stage} until nodes that have not reported since they started do ({Reason}); waiting")]
    public static partial void AwaitingSignals(ILogger logger, Guid jobId, int stage, string reason);
}
