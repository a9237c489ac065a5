namespace HybridAI.Grains.Storage;

/// <summary>A stored grain state, serialized (a copy of the arena's bytes, handed over as is), and its version.</summary>
[GenerateSerializer, Immutable, Alias("hybridai.StoredState")]
public sealed record StoredState([property: Id(0)] byte[] Value, [property: Id(1)] long Version);
