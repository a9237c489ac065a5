namespace HybridAI.Planning;

/// <summary>A plan the chosen plan was compared with, summarised.</summary>
/// <param name="Name">What it is, e.g. "CloudOnly", "Fastest".</param>
/// <param name="Route">Nodes and stage ranges, e.g. "phone[0-1] -> pool-a[2-21] -> phone[22]".</param>
/// <param name="CompletionMs">Estimated completion, ms since submission.</param>
/// <param name="TotalCost">Total money.</param>
/// <param name="IsLate">True when it misses the deadline.</param>
public sealed record PlanAlternative(string Name, string Route, double CompletionMs, double TotalCost, bool IsLate);
