namespace HybridAI.Contracts.Nodes;

/// <summary>The three kinds of place where a stage can run.</summary>
[GenerateSerializer, Alias("hybridai.NodeKind")]
public enum NodeKind
{
    Device = 0,
    EdgeNode = 1,
    CloudPool = 2,
}
