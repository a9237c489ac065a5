namespace HybridAI.DeviceAgent;

internal static partial class AgentLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Critical, Message = "Agent configuration is invalid: {Failures}")]
    public static partial void InvalidConfiguration(ILogger logger, string failures);
}
