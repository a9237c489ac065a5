namespace HybridAI.Pipelines.Execution;

/// <summary>A model file is missing, corrupt, or not usable for the stage that names it.</summary>
public sealed class InvalidModelException(string modelPath, string message, Exception? inner = null)
    : Exception($"invalid model '{modelPath}': {message}", inner)
{
    public string ModelPath { get; } = modelPath;
}
