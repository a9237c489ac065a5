using HybridAI.Contracts.Jobs;

namespace HybridAI.DeviceAgent.LocalApi;

/// <summary>What an app on this device submits: a prompt and how it may be run.</summary>
public sealed record LocalJobRequest(
    string Prompt,
    int Steps = 20,
    long Seed = 42,
    PrivacyLevel Privacy = PrivacyLevel.Strict,
    PlacementPolicy Policy = PlacementPolicy.Hybrid,
    double DeadlineMs = 60_000,
    string? ModelSize = null);
