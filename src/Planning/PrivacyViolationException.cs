namespace HybridAI.Planning;

/// <summary>A plan breaks the job's privacy level; the message lists every violation.</summary>
public sealed class PrivacyViolationException(PrivacyCheckResult result)
    : InvalidOperationException($"Plan for job '{result.JobId}' violates privacy level {result.Privacy}: {string.Join("; ", result.Violations)}")
{
    public PrivacyCheckResult Result { get; } = result;
}
