namespace HybridAI.Simulator.Scenarios;

/// <summary>Network variation: diurnal congestion (bandwidth down, RTT up at the peak) and per-transfer jitter.</summary>
public sealed record NetworkProfile(double DiurnalCongestion, double Jitter);
