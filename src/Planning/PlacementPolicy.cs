namespace HybridAI.Planning;

/// <summary>How the planner chooses nodes. Every policy honours the job's privacy level.</summary>
public enum PlacementPolicy
{
    /// <summary>Minimise money subject to the deadline over every allowed node, splitting the denoise loop anywhere.</summary>
    Hybrid,

    /// <summary>Everything on one cloud pool (the best one), except stages privacy pins to the origin device.</summary>
    CloudOnly,

    /// <summary>Everything on the origin device.</summary>
    DeviceOnly,

    /// <summary>Fixed rule: every non-denoise stage on the origin device, every denoise step on one cloud pool (the best one).</summary>
    StaticSplit,
}
