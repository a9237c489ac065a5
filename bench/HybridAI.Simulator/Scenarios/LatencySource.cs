namespace HybridAI.Simulator.Scenarios;

/// <summary>Where measured stage latencies come from, and the documented adjustments applied to them.</summary>
/// <param name="Path">Path of the measured latencies file (resolved against the scenario file's folder).</param>
/// <param name="DerivedVariants">Variants not measured but derived from a measured one by a factor (e.g. INT4 from INT8).</param>
public sealed record LatencySource(string Path, IReadOnlyList<DerivedVariant> DerivedVariants);
