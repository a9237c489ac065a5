using System.ComponentModel.DataAnnotations;

namespace HybridAI.Grains.Nodes;

/// <summary>Configuration section <c>Nodes</c>: liveness and lease timings.</summary>
public sealed class NodeOptions
{
    public const string SectionName = "Nodes";

    /// <summary>A node is suspect after this much heartbeat silence (agents beat every 1-2 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SuspectAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A node is gone after this much silence; its leases are re-queued and its jobs re-planned.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan GoneAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Shortest lease; longer work gets three times its estimate.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MinimumLease { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a node grain checks leases and liveness.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);
}
