namespace HybridAI.Planning;

/// <summary>A node's queue as last reported.</summary>
/// <param name="QueueLength">Work items waiting for a slot.</param>
/// <param name="BusySlots">Slots currently running work.</param>
/// <param name="TotalSlots">Slots the node has (at least 1).</param>
/// <param name="QueuedWorkMs">Estimated milliseconds of work ahead of a new item: the queued items plus what remains of the running ones, summed over slots.</param>
public sealed record NodeQueue(int QueueLength, int BusySlots, int TotalSlots, double QueuedWorkMs)
{
    /// <summary>An idle node with the given number of slots.</summary>
    public static NodeQueue Idle(int totalSlots = 1) => new(0, 0, totalSlots, 0);

    /// <summary>
    /// Estimated wait before a new item gets a slot: 0 when a slot is free and nothing is queued,
    /// otherwise <see cref="QueuedWorkMs"/> / <see cref="TotalSlots"/> (the work ahead drains over all slots in parallel).
    /// </summary>
    public double EstimatedWaitMs => QueueLength == 0 && BusySlots < TotalSlots ? 0 : QueuedWorkMs / TotalSlots;
}
