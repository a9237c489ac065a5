using HybridAI.Contracts.Security;
using Orleans.Concurrency;

namespace HybridAI.Grains.Storage;

/// <summary>One partition of the Embedded mode's grain state store (see <see cref="ArenaGrainStorage"/>). Cluster-internal.</summary>
public interface IStateArenaGrain : IGrainWithIntegerKey
{
    /// <summary>The state and its version, or null when none is stored.</summary>
    [ClusterInternal]
    Task<StoredState?> ReadAsync(string key);

    /// <summary>
    /// Stores the state when the stored version is <paramref name="expectedVersion"/> (null: none yet); returns the new
    /// version. The bytes are copied into the arena, so the caller's array is not copied again on the way.
    /// </summary>
    [ClusterInternal]
    Task<long> WriteAsync(string key, Immutable<byte[]> value, long? expectedVersion);

    [ClusterInternal]
    Task ClearAsync(string key, long? expectedVersion);
}
