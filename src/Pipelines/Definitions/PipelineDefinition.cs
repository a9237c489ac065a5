namespace HybridAI.Pipelines.Definitions;

/// <summary>A pipeline as a chain of stages, in execution order.</summary>
public sealed record PipelineDefinition(string Name, IReadOnlyList<StageDefinition> Stages)
{
    public double TotalFlops => Stages.Sum(s => s.EstimatedFlops);

    public StageDefinition Stage(string name) =>
        Stages.FirstOrDefault(s => s.Name == name) ?? throw new KeyNotFoundException($"pipeline '{Name}' has no stage '{name}'");
}
