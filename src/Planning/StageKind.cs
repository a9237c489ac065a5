namespace HybridAI.Planning;

/// <summary>The kind of a pipeline stage; model variants are held per stage kind.</summary>
public enum StageKind
{
    Tokenize,
    TextEncode,
    DenoiseStep,
    Decode,
}
