namespace HybridAI.Simulator.Scenarios;

/// <summary>A variant that was not measured: latency = latency of <paramref name="From"/> x <paramref name="Factor"/>.</summary>
public sealed record DerivedVariant(string Name, string From, double Factor);
