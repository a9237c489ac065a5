using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace HybridAI.Grains.Storage;

/// <summary>
/// Grain states held in memory without an object per state: every key and value is copied into large shared chunks,
/// and a hash-keyed index of plain structs says where each lives. A stored state is therefore nothing the garbage
/// collector has to promote or trace; an object-per-state store (Orleans' memory storage) promotes about a kilobyte
/// per job through every generation, which is what the decision latency's collection pauses were made of.
/// <para>
/// Overwritten and cleared states leave dead bytes behind; when they outweigh the live ones (and pass
/// <paramref name="compactAfterDeadBytes"/>), the live states are copied into fresh chunks. Keys are compared in
/// full, so two keys with the same 128-bit hash both keep their state.
/// </para>
/// </summary>
/// <param name="chunkBytes">Largest chunk: chunks start at 64 KB and double up to it; a state bigger than a chunk gets a chunk of its own.</param>
/// <param name="compactAfterDeadBytes">Dead bytes there must be at least before a compaction.</param>
/// <param name="hash">The index hash of a key's UTF-8 bytes (replaceable so tests can force collisions).</param>
public sealed class StateArena(int chunkBytes = 4 << 20, long compactAfterDeadBytes = 4 << 20, Func<ReadOnlySpan<byte>, UInt128>? hash = null)
{
    private const int StackKeyBytes = 512;
    private readonly Func<ReadOnlySpan<byte>, UInt128> _hash = hash ?? (bytes => XxHash128.HashToUInt128(bytes));
    private readonly List<byte[]> _chunks = [];
    private Dictionary<UInt128, Entry> _index = [];

    // Keys whose hash is already taken by another key: practically never used, but it keeps the store exact.
    private Dictionary<string, Entry> _collided = new(StringComparer.Ordinal);
    private int _nextChunkBytes = Math.Min(64 << 10, chunkBytes);
    private int _offset;
    private long _version;

    /// <summary>States held.</summary>
    public int Count => _index.Count + _collided.Count;

    /// <summary>Bytes of keys and values of the states held.</summary>
    public long LiveBytes { get; private set; }

    /// <summary>Bytes of overwritten or cleared states not yet compacted away.</summary>
    public long DeadBytes { get; private set; }

    /// <summary>Compactions so far.</summary>
    public int Compactions { get; private set; }

    /// <summary>A copy of the state under <paramref name="key"/> and its version, or null when there is none.</summary>
    public (byte[] Value, long Version)? Read(string key)
    {
        Span<byte> buffer = stackalloc byte[StackKeyBytes];
        var keyBytes = Utf8(key, buffer);
        return Find(key, keyBytes, _hash(keyBytes)) is { } entry ? (ValueOf(entry).ToArray(), entry.Version) : null;
    }

    /// <summary>
    /// Stores <paramref name="value"/> under <paramref name="key"/> when the stored version is
    /// <paramref name="expectedVersion"/> (null: nothing stored yet); returns the new version.
    /// </summary>
    /// <exception cref="VersionMismatchException">The stored version is another; nothing changed.</exception>
    public long Write(string key, ReadOnlySpan<byte> value, long? expectedVersion)
    {
        Span<byte> buffer = stackalloc byte[StackKeyBytes];
        var keyBytes = Utf8(key, buffer);
        var hash = _hash(keyBytes);
        var current = Find(key, keyBytes, hash);
        EnsureVersion(key, current, expectedVersion);
        if (current is { } old)
        {
            Retire(old);
        }

        var entry = Append(keyBytes, value, ++_version);
        Put(key, keyBytes, hash, entry);
        CompactIfWorthIt();
        return entry.Version;
    }

    /// <summary>Removes the state under <paramref name="key"/> when its version is <paramref name="expectedVersion"/>.</summary>
    /// <exception cref="VersionMismatchException">The stored version is another; nothing changed.</exception>
    public void Clear(string key, long? expectedVersion)
    {
        Span<byte> buffer = stackalloc byte[StackKeyBytes];
        var keyBytes = Utf8(key, buffer);
        var hash = _hash(keyBytes);
        var current = Find(key, keyBytes, hash);
        EnsureVersion(key, current, expectedVersion);
        if (current is not { } old)
        {
            return;
        }

        Retire(old);
        if (!_collided.Remove(key))
        {
            _index.Remove(hash);
        }

        CompactIfWorthIt();
    }

    // Keys (grain ids) are short: their UTF-8 bytes go on the stack unless they would not fit.
    private static ReadOnlySpan<byte> Utf8(string key, Span<byte> buffer) =>
        Encoding.UTF8.GetMaxByteCount(key.Length) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(key, buffer)] : Encoding.UTF8.GetBytes(key);

    private static void EnsureVersion(string key, Entry? current, long? expectedVersion)
    {
        if (current?.Version != expectedVersion)
        {
            throw new VersionMismatchException(key, expectedVersion, current?.Version);
        }
    }

    private Entry? Find(string key, ReadOnlySpan<byte> keyBytes, UInt128 hash)
    {
        if (_index.TryGetValue(hash, out var entry) && KeyOf(entry).SequenceEqual(keyBytes))
        {
            return entry;
        }

        return _collided.Count > 0 && _collided.TryGetValue(key, out var other) ? other : null;
    }

    private void Put(string key, ReadOnlySpan<byte> keyBytes, UInt128 hash, Entry entry)
    {
        // Wherever the key was, it is placed again below: in its hash's slot, or with the collided keys when another
        // key holds that slot.
        if (_collided.Count > 0)
        {
            _collided.Remove(key);
        }

        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, hash, out var exists);
        if (!exists || KeyOf(slot).SequenceEqual(keyBytes))
        {
            slot = entry;
        }
        else
        {
            _collided[key] = entry;
        }
    }

    private Entry Append(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, long version)
    {
        var length = key.Length + value.Length;
        if (_chunks.Count == 0 || _offset + length > _chunks[^1].Length)
        {
            // Uninitialized: every byte handed out is written first.
            _chunks.Add(GC.AllocateUninitializedArray<byte>(Math.Max(_nextChunkBytes, length)));
            _nextChunkBytes = (int)Math.Min((long)_nextChunkBytes * 2, chunkBytes);
            _offset = 0;
        }

        var chunk = _chunks[^1];
        key.CopyTo(chunk.AsSpan(_offset));
        value.CopyTo(chunk.AsSpan(_offset + key.Length));
        var entry = new Entry(_chunks.Count - 1, _offset, key.Length, value.Length, version);
        _offset += length;
        LiveBytes += length;
        return entry;
    }

    private void Retire(Entry entry)
    {
        LiveBytes -= entry.KeyLength + entry.ValueLength;
        DeadBytes += entry.KeyLength + entry.ValueLength;
    }

    private void CompactIfWorthIt()
    {
        if (DeadBytes < compactAfterDeadBytes || DeadBytes < LiveBytes)
        {
            return;
        }

        // Copy every live state into fresh chunks, then drop the old ones whole.
        var old = _chunks.ToArray();
        _chunks.Clear();
        _nextChunkBytes = (int)Math.Clamp(LiveBytes, Math.Min(64 << 10, chunkBytes), chunkBytes);
        _offset = 0;
        LiveBytes = 0;
        DeadBytes = 0;
        Entry Move(Entry e) => Append(old[e.Chunk].AsSpan(e.Offset, e.KeyLength), old[e.Chunk].AsSpan(e.Offset + e.KeyLength, e.ValueLength), e.Version);
        var index = new Dictionary<UInt128, Entry>(_index.Count);
        foreach (var (key, entry) in _index)
        {
            index[key] = Move(entry);
        }

        var collided = new Dictionary<string, Entry>(_collided.Count, StringComparer.Ordinal);
        foreach (var (key, entry) in _collided)
        {
            collided[key] = Move(entry);
        }

        (_index, _collided) = (index, collided);
        Compactions++;
    }

    private ReadOnlySpan<byte> KeyOf(Entry e) => _chunks[e.Chunk].AsSpan(e.Offset, e.KeyLength);

    private ReadOnlySpan<byte> ValueOf(Entry e) => _chunks[e.Chunk].AsSpan(e.Offset + e.KeyLength, e.ValueLength);

    private readonly record struct Entry(int Chunk, int Offset, int KeyLength, int ValueLength, long Version);
}
