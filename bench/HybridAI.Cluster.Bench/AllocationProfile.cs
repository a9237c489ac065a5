using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace HybridAI.Cluster.Bench;

/// <summary>
/// Which types a measured window allocates, from the runtime's allocation-tick samples (one event about every 100 KB
/// allocated, naming the type of the object that crossed the mark): a statistical profile with no build changes.
/// </summary>
internal sealed class AllocationProfile : EventListener
{
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
