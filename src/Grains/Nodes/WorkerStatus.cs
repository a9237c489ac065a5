using HybridAI.Contracts.Nodes;

namespace HybridAI.Grains.Nodes;

/// <summary>Volatile per-worker signals: refreshed by every heartbeat, rebuilt from heartbeats after a restart.</summary>
internal sealed class WorkerStatus
{
    public DateTimeOffset? LastHeartbeat { get; set; }

    public CapacityReport? Report { get; set; }

    public NodeHealth Health { get; set; } = NodeHealth.Unknown;
}
