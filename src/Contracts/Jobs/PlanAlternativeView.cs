namespace HybridAI.Contracts.Jobs;

/// <summary>A plan the chosen one was compared with (another policy, or the fastest plan), summarised.</summary>
/// <param name="Name">What it is: "CloudOnly", "DeviceOnly", "StaticSplit", "Hybrid" or "Fastest".</param>
/// <param name="Route">Nodes and stage ranges, e.g. "phone[0-1] -> pool-a[2-21] -> phone[22]".</param>
[GenerateSerializer, Immutable, Alias("hybridai.PlanAlternativeView")]
public sealed record PlanAlternativeView(
    [property: Id(0)] string Name,
    [property: Id(1)] string Route,
    [property: Id(2)] double EstimatedCompletionMs,
    [property: Id(3)] double EstimatedCost,
    [property: Id(4)] bool IsLate);
