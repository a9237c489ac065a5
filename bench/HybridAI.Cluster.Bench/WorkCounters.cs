using System.Collections.Concurrent;
using HybridAI.Contracts.Work;

namespace HybridAI.Cluster.Bench;

/// <summary>Counts completed work items and stages by agent profile, and tells the load generator when a job's last item is done.</summary>
internal sealed class WorkCounters
{
    private long _items;
    private long _stages;
    private long _rejected;

    public ConcurrentDictionary<string, long> ItemsByProfile { get; } = new(StringComparer.Ordinal);

    public long Items => Interlocked.Read(ref _items);

    public long Stages => Interlocked.Read(ref _stages);

    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Called with the job id when the item that ends the pipeline was accepted.</summary>
    public Action<Guid>? JobFinished { get; set; }

    public void OnCompleted(string profile, WorkItem item, bool accepted)
    {
        if (!accepted)
        {
            Interlocked.Increment(ref _rejected);
            return;
        }

        Interlocked.Increment(ref _items);
        Interlocked.Add(ref _stages, item.LastStage - item.FirstStage + 1);
        ItemsByProfile.AddOrUpdate(profile, 1, (_, n) => n + 1);
        if (item.LastStage == item.Steps + 2)
        {
            JobFinished?.Invoke(item.JobId);
        }
    }
}
