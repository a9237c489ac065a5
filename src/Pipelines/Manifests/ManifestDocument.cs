using System.Text.Json.Serialization;

namespace HybridAI.Pipelines.Manifests;

/// <summary>JSON shape of a bring-your-own pipeline manifest (all names camelCase).</summary>
internal sealed record ManifestDocument(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("inputs")] List<ManifestTensor>? Inputs,
    [property: JsonPropertyName("stages")] List<ManifestStage>? Stages);

/// <summary>A stage: an ONNX file relative to the manifest, its model inputs (each fed from somewhere) and outputs.</summary>
internal sealed record ManifestStage(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("inputs")] List<ManifestTensor>? Inputs,
    [property: JsonPropertyName("outputs")] List<ManifestTensor>? Outputs,
    [property: JsonPropertyName("estimatedFlops")] double? EstimatedFlops,
    [property: JsonPropertyName("touchesPrivateInput")] bool? TouchesPrivateInput);

/// <summary>
/// A tensor: name, optional element type and shape (checked against the model when given), and for stage inputs
/// <c>from</c>: a pipeline input name or "&lt;stage&gt;.&lt;output&gt;".
/// </summary>
internal sealed record ManifestTensor(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("elementType")] string? ElementType,
    [property: JsonPropertyName("shape")] List<System.Text.Json.JsonElement>? Shape,
    [property: JsonPropertyName("from")] string? From);
