using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace HybridAI.Cluster.Bench;

/// <summary>
/// Which types a measured window allocates, from the runtime's allocation-tick samples (one event about every 100 KB
/// allocated, naming the type of the object that crossed the mark): a statistical profile with no build changes.
/// </summary>
internal sealed class AllocationProfile : EventListener
{
    /// <summary>Prints what a submit-then-cancel cycle allocates, by type (one caller at a time), and the last collections.</summary>
    public static async Task RunAsync(BenchSilo silo, RegistrationResult fleet, BenchMode mode)
    {
        const int cycles = 3000;
        using var profile = new AllocationProfile();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        profile.Start();
        await DecisionLatencyPhase.RunAsync(silo, fleet, "dev", 1, cycles);
        var (types, sampled) = profile.Stop();
        await Task.Delay(TimeSpan.FromSeconds(1)); // the last deactivations finish
        var retained = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        Console.WriteLine($"[{mode}] allocation samples over {cycles:N0} submit+cancel cycles: {sampled / 1024.0 / cycles:F1} KB per cycle; still reachable after a full collection: {retained / 1024.0 / cycles:F2} KB per cycle");
        foreach (var (type, bytes) in types.Take(40))
        {
            Console.WriteLine($"    {bytes / 1024.0 / cycles,8:F2} KB  {type}");
        }

        foreach (var kind in new[] { GCKind.Ephemeral, GCKind.FullBlocking, GCKind.Background })
        {
            var info = GC.GetGCMemoryInfo(kind);
            var pauses = string.Join("/", info.PauseDurations.ToArray().Select(d => d.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture)));
            var generations = string.Join("; ", info.GenerationInfo.ToArray().Select(g => $"{g.SizeBeforeBytes / 1048576.0:F1}->{g.SizeAfterBytes / 1048576.0:F1}"));
            Console.WriteLine($"    last {kind} collection #{info.Index} (gen{info.Generation}): paused {pauses} ms, promoted {info.PromotedBytes / 1048576.0:F1} MB, heap {info.HeapSizeBytes / 1048576.0:F1} MB, generations 0/1/2/LOH/POH before->after MB: {generations}");
        }

        // The fixed part of a collection's pause on this machine: nothing in gen0 to collect.
        for (var i = 0; i < 5; i++)
        {
            var before = GC.GetTotalPauseDuration();
            GC.Collect(0, GCCollectionMode.Forced, blocking: true);
            Console.WriteLine($"    forced gen0 collection with an empty gen0: {(GC.GetTotalPauseDuration() - before).TotalMilliseconds:F2} ms paused");
            await Task.Delay(200);
        }
    }

    private const int GcKeyword = 0x1;
    private const int AllocationTickEvent = 10;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _recording;

    public void Start() => _recording = true;

    /// <summary>The sampled bytes per type, largest first, and their total.</summary>
    public (IReadOnlyList<(string Type, long Bytes)> Types, long Total) Stop()
    {
        _recording = false;
        var types = _bytes.OrderByDescending(kv => kv.Value).Select(kv => (kv.Key, kv.Value)).ToList();
        return (types, types.Sum(t => t.Value));
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_recording || e.EventId != AllocationTickEvent || e.Payload is null)
        {
            return;
        }

        var type = e.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 0;
        _bytes.AddOrUpdate(type, amount, (_, n) => n + amount);
    }
}
