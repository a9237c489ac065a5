namespace HybridAI.Simulator.Scenarios;

/// <summary>Shares of job privacy levels (normalised when read).</summary>
public sealed record PrivacyMix(double Standard, double Strict, double LocalOnly);
