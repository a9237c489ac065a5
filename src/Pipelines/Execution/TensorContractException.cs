namespace HybridAI.Pipelines.Execution;

/// <summary>A stage input does not satisfy the stage's tensor contract (missing, wrong type or shape, non-finite values).</summary>
public sealed class TensorContractException(string stage, string tensor, string problem)
    : Exception($"stage '{stage}', tensor '{tensor}': {problem}")
{
    public string Stage { get; } = stage;

    public string Tensor { get; } = tensor;
}
