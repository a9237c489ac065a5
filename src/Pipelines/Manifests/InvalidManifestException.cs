namespace HybridAI.Pipelines.Manifests;

/// <summary>A pipeline manifest is malformed or inconsistent; names the manifest file and the offending field.</summary>
public sealed class InvalidManifestException(string manifestPath, string field, string problem, Exception? inner = null)
    : Exception($"invalid pipeline manifest '{manifestPath}' at {field}: {problem}", inner)
{
    public string ManifestPath { get; } = manifestPath;

    public string Field { get; } = field;
}
