namespace HybridAI.Contracts.Nodes;

/// <summary>What an agent tells the cluster about itself when it starts: who it is, where it lives, what it runs.</summary>
/// <param name="NodeId">Device id, edge node id, or for a cloud worker its worker id.</param>
/// <param name="Kind">Device, edge node or cloud pool worker.</param>
/// <param name="Profile">The agent profile: phone, iot-board, edge-server, cloud-gpu-worker.</param>
/// <param name="Region">Region whose edge nodes and cloud pools serve this node's jobs.</param>
/// <param name="PoolName">For cloud workers, the pool they join; otherwise null.</param>
/// <param name="Slots">How many work items the node runs at once.</param>
[GenerateSerializer, Immutable, Alias("hybridai.NodeRegistration")]
public sealed record NodeRegistration(
    [property: Id(0)] string NodeId,
    [property: Id(1)] NodeKind Kind,
    [property: Id(2)] string Profile,
    [property: Id(3)] string Region,
    [property: Id(4)] DateTimeOffset RegisteredAt,
    [property: Id(5)] string? PoolName = null,
    [property: Id(6)] int Slots = 1);
