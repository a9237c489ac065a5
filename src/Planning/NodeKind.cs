namespace HybridAI.Planning;

/// <summary>What sort of machine a candidate node is.</summary>
public enum NodeKind
{
    Device,
    EdgeNode,
    CloudPool,
}
