namespace HybridAI.Contracts.Nodes;

/// <summary>The stage kinds of the text-to-image pipeline, as agents report and grains schedule them.</summary>
[GenerateSerializer, Alias("hybridai.StageKind")]
public enum StageKind
{
    Tokenize = 0,
    TextEncode = 1,
    DenoiseStep = 2,
    Decode = 3,
}
