namespace HybridAI.Simulator.Scenarios;

/// <summary>Device sessions: online and offline durations are exponential with these means.</summary>
public sealed record ChurnProfile(double MeanOnlineHours, double MeanOfflineHours);
