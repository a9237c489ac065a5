namespace HybridAI.Silo.Hosting;

public static partial class SiloLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Critical, Message = "Silo failed to start: {Reason} (storage: {Storage})")]
    public static partial void StartFailed(ILogger logger, string reason, string storage, Exception exception);
}
