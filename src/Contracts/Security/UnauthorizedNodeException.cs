namespace HybridAI.Contracts.Security;

/// <summary>A call was made for a node without that node's valid credential.</summary>
[GenerateSerializer, Alias("hybridai.UnauthorizedNodeException")]
public sealed class UnauthorizedNodeException : Exception
{
    public UnauthorizedNodeException(string nodeId, string reason)
        : base($"Call refused for node '{nodeId}': {reason}")
    {
        NodeId = nodeId;
    }

    [Id(0)] public string NodeId { get; }
}
