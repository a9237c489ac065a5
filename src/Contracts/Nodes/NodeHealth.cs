namespace HybridAI.Contracts.Nodes;

/// <summary>Liveness from heartbeats: suspect after a few missed ones, gone after more.</summary>
[GenerateSerializer, Alias("hybridai.NodeHealth")]
public enum NodeHealth
{
    Unknown = 0,
    Online = 1,
    Suspect = 2,
    Gone = 3,
}
