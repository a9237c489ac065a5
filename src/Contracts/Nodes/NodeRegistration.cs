namespace HybridAI.Contracts.Nodes;

/// <summary>What an agent tells the cluster about itself when it starts: who it is and where it lives.</summary>
[GenerateSerializer, Immutable, Alias("hybridai.NodeRegistration")]
public sealed record NodeRegistration(
    [property: Id(0)] string NodeId,
    [property: Id(1)] NodeKind Kind,
    [property: Id(2)] string Profile,
    [property: Id(3)] string Region,
    [property: Id(4)] DateTimeOffset RegisteredAt);
