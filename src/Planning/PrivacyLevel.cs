namespace HybridAI.Planning;

/// <summary>Where a job's stages may run.</summary>
public enum PrivacyLevel
{
    /// <summary>Anything may run anywhere.</summary>
    Standard,

    /// <summary>Stages that touch private input (prompt text, token ids) run on the origin device; derived tensors may move.</summary>
    Strict,

    /// <summary>Every stage runs on the origin device.</summary>
    LocalOnly,
}
