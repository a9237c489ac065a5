using System.Text;
using HybridAI.Grains.Storage;

namespace HybridAI.Grains.Tests;

public sealed class StateArenaTests
{
    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void A_written_state_reads_back_with_its_version_and_an_unknown_key_reads_nothing()
    {
        var arena = new StateArena();

        var version = arena.Write("jobs/job/1", Bytes("first"), expectedVersion: null);

        var stored = arena.Read("jobs/job/1");
        Assert.NotNull(stored);
        Assert.Equal("first", Encoding.UTF8.GetString(stored.Value.Value));
        Assert.Equal(version, stored.Value.Version);
        Assert.Null(arena.Read("jobs/job/2"));
        Assert.Equal(1, arena.Count);
    }

    [Fact]
    public void An_overwrite_from_the_current_version_wins_and_leaves_the_old_bytes_dead()
    {
        var arena = new StateArena();
        var first = arena.Write("k", Bytes("one"), null);

        var second = arena.Write("k", Bytes("two!"), first);

        Assert.NotEqual(first, second);
        Assert.Equal("two!", Encoding.UTF8.GetString(arena.Read("k")!.Value.Value));
        Assert.Equal(1 + 4, arena.LiveBytes);
        Assert.Equal(1 + 3, arena.DeadBytes);
    }

    [Fact]
    public void A_write_or_clear_from_a_stale_version_is_refused_and_changes_nothing()
    {
        var arena = new StateArena();
        var first = arena.Write("k", Bytes("one"), null);
        var second = arena.Write("k", Bytes("two"), first);

        Assert.Throws<VersionMismatchException>(() => arena.Write("k", Bytes("lost update"), first));
        Assert.Throws<VersionMismatchException>(() => arena.Write("k", Bytes("blind write"), null));
        Assert.Throws<VersionMismatchException>(() => arena.Clear("k", first));
        Assert.Throws<VersionMismatchException>(() => arena.Write("new", Bytes("x"), second));

        var stored = arena.Read("k")!.Value;
        Assert.Equal("two", Encoding.UTF8.GetString(stored.Value));
        Assert.Equal(second, stored.Version);
        Assert.Null(arena.Read("new"));
    }

    [Fact]
    public void A_cleared_state_is_gone_and_can_be_written_again_from_nothing()
    {
        var arena = new StateArena();
        var version = arena.Write("k", Bytes("one"), null);

        arena.Clear("k", version);

        Assert.Null(arena.Read("k"));
        Assert.Equal(0, arena.Count);
        Assert.Equal(0, arena.LiveBytes);
        arena.Write("k", Bytes("again"), null);
        Assert.Equal("again", Encoding.UTF8.GetString(arena.Read("k")!.Value.Value));
    }

    [Fact]
    public void Compaction_keeps_every_live_state_and_version_and_drops_the_dead_bytes()
    {
        // Small chunks and threshold, so the churn below compacts several times.
        var arena = new StateArena(chunkBytes: 256, compactAfterDeadBytes: 512);
        var versions = new Dictionary<string, long>();
        for (var round = 0; round < 20; round++)
        {
            for (var i = 0; i < 30; i++)
            {
                var key = $"jobs/job/{i}";
                versions[key] = arena.Write(key, Bytes($"state {i} round {round}"), versions.TryGetValue(key, out var v) ? v : null);
            }

            if (round % 5 == 4)
            {
                arena.Clear("jobs/job/0", versions["jobs/job/0"]);
                versions.Remove("jobs/job/0");
            }
        }

        Assert.True(arena.Compactions > 0, "the churn should have compacted");
        Assert.True(arena.DeadBytes < arena.LiveBytes || arena.DeadBytes < 512, $"dead {arena.DeadBytes} live {arena.LiveBytes}");
        Assert.Equal(versions.Count, arena.Count);
        foreach (var (key, version) in versions)
        {
            var stored = arena.Read(key)!.Value;
            Assert.Equal(version, stored.Version);
            Assert.Equal($"state {key[(key.LastIndexOf('/') + 1)..]} round 19", Encoding.UTF8.GetString(stored.Value));
        }
    }

    [Fact]
    public void Keys_with_the_same_hash_keep_their_own_states_through_writes_clears_and_compaction()
    {
        // Every key hashes alike: all but the first live with the collided keys.
        var arena = new StateArena(chunkBytes: 64, compactAfterDeadBytes: 64, hash: _ => 42);
        var a = arena.Write("a", Bytes("alpha"), null);
        var b = arena.Write("b", Bytes("bravo"), null);
        var c = arena.Write("c", Bytes("charlie"), null);

        arena.Clear("a", a);
        b = arena.Write("b", Bytes("bravo 2"), b);
        var a2 = arena.Write("a", Bytes("alpha 2"), null);
        for (var i = 0; i < 10; i++)
        {
            c = arena.Write("c", Bytes($"charlie {i}"), c);
        }

        Assert.True(arena.Compactions > 0);
        Assert.Equal(3, arena.Count);
        Assert.Equal(("alpha 2", a2), Text(arena.Read("a")));
        Assert.Equal(("bravo 2", b), Text(arena.Read("b")));
        Assert.Equal(("charlie 9", c), Text(arena.Read("c")));
        Assert.Null(arena.Read("d"));
    }

    [Fact]
    public void A_state_bigger_than_a_chunk_gets_a_chunk_of_its_own()
    {
        var arena = new StateArena(chunkBytes: 16);
        var big = new byte[1000];
        new Random(5).NextBytes(big);

        arena.Write("small", Bytes("x"), null);
        arena.Write("big", big, null);

        Assert.Equal(big, arena.Read("big")!.Value.Value);
        Assert.Equal("x", Encoding.UTF8.GetString(arena.Read("small")!.Value.Value));
    }

    [Fact]
    public void A_read_returns_a_copy_the_caller_may_change()
    {
        var arena = new StateArena();
        arena.Write("k", Bytes("abc"), null);

        arena.Read("k")!.Value.Value[0] = (byte)'X';

        Assert.Equal("abc", Encoding.UTF8.GetString(arena.Read("k")!.Value.Value));
    }

    private static (string, long)? Text((byte[] Value, long Version)? stored) =>
        stored is { } s ? (Encoding.UTF8.GetString(s.Value), s.Version) : null;
}
