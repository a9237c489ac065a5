using HybridAI.Contracts.Jobs;

namespace HybridAI.Cluster.Bench;

/// <summary>The benchmark's job: Standard privacy, hybrid policy, 20 denoise steps of the tiny model.</summary>
internal static class JobRequests
{
    public const int Steps = 20;

    // Device-only would take 1 + 4 + 20 x 15 + 8 = 313 ms on the phone profile: the deadline makes the planner split.
    public const double DeadlineMs = 200;

    public static JobRequest For(string originDeviceId, long seed) =>
        new(originDeviceId, "a lighthouse at dusk, oil painting", Steps, seed, "tiny", DeadlineMs, PrivacyLevel.Standard, PlacementPolicy.Hybrid, [], 0, []);
}
