using System.Collections.Immutable;

namespace HybridAI.Planning;

/// <summary>Outcome of checking a plan against a privacy level; each violation names the stage and the node.</summary>
public sealed record PrivacyCheckResult(string JobId, PrivacyLevel Privacy, ImmutableArray<string> Violations)
{
    public bool IsAllowed => Violations.IsEmpty;
}
