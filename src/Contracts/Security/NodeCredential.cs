namespace HybridAI.Contracts.Security;

/// <summary>
/// What an agent presents on every call it makes for its node: the node id it speaks for and the secret issued
/// for that id. The silo refuses calls whose secret does not match the node they are made for.
/// </summary>
[GenerateSerializer, Immutable, Alias("hybridai.NodeCredential")]
public sealed record NodeCredential([property: Id(0)] string NodeId, [property: Id(1)] string Secret)
{
    // The secret never appears in logs or exception messages.
    public override string ToString() => $"NodeCredential({NodeId}, ***)";
}
