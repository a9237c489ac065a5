using HybridAI.Contracts.Nodes;

namespace HybridAI.Grains.Nodes;

/// <summary>Turns the time since a worker's last heartbeat into its health.</summary>
public sealed class HeartbeatMonitor(TimeSpan suspectAfter, TimeSpan goneAfter)
{
    public NodeHealth HealthOf(DateTimeOffset? lastHeartbeat, DateTimeOffset now)
    {
        if (lastHeartbeat is not { } last)
        {
            return NodeHealth.Unknown;
        }

        var silence = now - last;
        return silence >= goneAfter ? NodeHealth.Gone : silence >= suspectAfter ? NodeHealth.Suspect : NodeHealth.Online;
    }
}
