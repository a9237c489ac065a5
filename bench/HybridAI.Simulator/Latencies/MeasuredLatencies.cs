using HybridAI.Planning;

namespace HybridAI.Simulator.Latencies;

/// <summary>Per-stage, per-variant latencies in ms on the reference machine (denoise: per step), with where each came from.</summary>
public sealed class MeasuredLatencies(string source, IReadOnlyDictionary<(StageKind Stage, string Variant), double> latencyMs, IReadOnlyList<string> notes)
{
    public string Source { get; } = source;

    public IReadOnlyDictionary<(StageKind Stage, string Variant), double> LatencyMs { get; } = latencyMs;

    /// <summary>Derived or assumed entries, stated in the results.</summary>
    public IReadOnlyList<string> Notes { get; } = notes;

    public bool TryGet(StageKind stage, string variant, out double ms) => LatencyMs.TryGetValue((stage, variant), out ms);
}
