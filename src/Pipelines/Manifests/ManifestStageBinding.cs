using HybridAI.Pipelines.Definitions;

namespace HybridAI.Pipelines.Manifests;

/// <summary>A validated manifest stage: its model file, its definition, and where each model input comes from.</summary>
public sealed record ManifestStageBinding(StageDefinition Definition, string ModelPath, IReadOnlyDictionary<string, string> InputSources)
{
    /// <summary>Bundle key of one of this stage's outputs: "&lt;stage&gt;.&lt;output&gt;".</summary>
    public string OutputKey(string output) => $"{Definition.Name}.{output}";
}
