using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Orleans.Concurrency;
using Orleans.Storage;

namespace HybridAI.Grains.Storage;

/// <summary>
/// The Embedded mode's grain storage: states serialized with the store's <see cref="IGrainStorageSerializer"/> into
/// <see cref="StateArenaGrain"/> partitions, so every silo of the cluster sees the same states (as with Orleans'
/// memory storage) while a stored state costs the garbage collector nothing (see <see cref="StateArena"/>). ETags are
/// the stored versions; a write or clear from a stale ETag is refused with <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class ArenaGrainStorage(string name, IGrainFactory grains, IGrainStorageSerializer serializer) : IGrainStorage
{
    /// <summary>Partitions per store: writes to different partitions run in parallel turns.</summary>
    public const int Partitions = 16;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        if (await Partition(key).ReadAsync(key) is { } stored)
        {
            grainState.State = serializer.Deserialize<T>(stored.Value);
            grainState.ETag = stored.Version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        var serialized = serializer.Serialize(grainState.State).ToMemory();
        var value = MemoryMarshal.TryGetArray(serialized, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : serialized.ToArray();
        var version = await Guarded(key, grainState.ETag, expected => Partition(key).WriteAsync(key, value.AsImmutable(), expected));
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        await Guarded(key, grainState.ETag, async expected =>
        {
            await Partition(key).ClearAsync(key, expected);
            return 0L;
        });
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static async Task<long> Guarded(string key, string? etag, Func<long?, Task<long>> call)
    {
        long? expected = etag is null ? null : long.Parse(etag, CultureInfo.InvariantCulture);
        try
        {
            return await call(expected);
        }
        catch (VersionMismatchException e)
        {
            throw new InconsistentStateException(e.Message, etag, (string?)null);
        }
    }

    private string Key(string stateName, GrainId grainId) => $"{name}/{stateName}/{grainId}";

    // Deterministic in every silo of the cluster (unlike string.GetHashCode); the key's chars are hashed in place.
    private IStateArenaGrain Partition(string key) =>
        grains.GetGrain<IStateArenaGrain>((long)(XxHash32.HashToUInt32(MemoryMarshal.AsBytes(key.AsSpan())) % Partitions));
}
