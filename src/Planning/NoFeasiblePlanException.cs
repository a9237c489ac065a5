namespace HybridAI.Planning;

/// <summary>No placement exists at all (not merely a late one): some stage has no eligible node.</summary>
public sealed class NoFeasiblePlanException(string jobId, PlacementPolicy policy, string reason)
    : InvalidOperationException($"No placement exists for job '{jobId}' under policy {policy}: {reason}")
{
    public string JobId { get; } = jobId;

    public PlacementPolicy Policy { get; } = policy;
}
