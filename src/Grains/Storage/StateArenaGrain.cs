using Orleans.Concurrency;
namespace HybridAI.Grains.Storage;

/// <summary>
/// Holds one partition of the Embedded mode's grain states in a <see cref="StateArena"/>. Kept alive: idle
/// collection would drop the states with it (they live as long as the cluster, like Orleans' memory storage).
/// </summary>
[KeepAlive]
public sealed class StateArenaGrain : Grain, IStateArenaGrain
{
    private readonly StateArena _arena = new();

    public Task<StoredState?> ReadAsync(string key) =>
        Task.FromResult(_arena.Read(key) is { } stored ? new StoredState(stored.Value, stored.Version) : null);

    public Task<long> WriteAsync(string key, Immutable<byte[]> value, long? expectedVersion) =>
        Task.FromResult(_arena.Write(key, value.Value, expectedVersion));

    public Task ClearAsync(string key, long? expectedVersion)
    {
        _arena.Clear(key, expectedVersion);
        return Task.CompletedTask;
    }
}
