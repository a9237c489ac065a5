namespace HybridAI.Contracts.Jobs;

[GenerateSerializer, Alias("hybridai.PrivacyLevel")]
public enum PrivacyLevel
{
    /// <summary>Every stage on the origin device; nothing leaves it.</summary>
    LocalOnly = 0,

    /// <summary>Prompt text and token ids never leave the origin device; derived tensors (embeddings, latents) may.</summary>
    Strict = 1,

    /// <summary>Anything may run anywhere.</summary>
    Standard = 2,
}
