namespace HybridAI.Pipelines.Transport;

/// <summary>Encoded tensor bytes are truncated, corrupt, or not a tensor at all.</summary>
public sealed class CorruptTensorException(string message) : Exception(message);
