namespace HybridAI.Planning;

/// <summary>Tunables of the planner's cost model.</summary>
public sealed record PlannerOptions
{
    /// <summary>The defaults.</summary>
    public static PlannerOptions Default { get; } = new();

    /// <summary>
    /// A node on battery (not charging) below this level is unavailable for every stage that is not pinned to it
    /// (pinned: privacy or the policy requires the origin device).
    /// </summary>
    public double LowBatteryThreshold { get; init; } = 0.2;

    /// <summary>Latency multiplier for a thermally throttled node (its moving-average latency lags behind the throttle).</summary>
    public double ThermalLatencyFactor { get; init; } = 1.5;

    /// <summary>Also plan the other policies so the plan can explain what it beat (costs about one extra plan per policy).</summary>
    public bool IncludeAlternatives { get; init; } = true;
}
