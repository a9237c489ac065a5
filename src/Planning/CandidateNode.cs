using System.Collections.Immutable;

namespace HybridAI.Planning;

/// <summary>A node the planner may place stages on, with its live signals.</summary>
/// <param name="Id">Node id (device id, edge node name, pool name); unique among the candidates.</param>
/// <param name="Kind">Device, edge node or cloud pool.</param>
/// <param name="Online">False when the node is suspect or gone; offline nodes never run stages.</param>
/// <param name="Variants">Model variants held, per stage kind, with measured latency.</param>
/// <param name="Queue">Queue length and slots; see <see cref="NodeQueue.EstimatedWaitMs"/>.</param>
/// <param name="Link">RTT and bandwidth to the cluster.</param>
/// <param name="PricePerSecond">Money per second of compute: per GPU-second while busy for a cloud pool, energy cost per second for a device or edge node.</param>
/// <param name="Battery">Battery state, or null for mains-powered nodes.</param>
public sealed record CandidateNode(
    string Id,
    NodeKind Kind,
    bool Online,
    ImmutableArray<ModelVariant> Variants,
    NodeQueue Queue,
    NetworkLink Link,
    double PricePerSecond,
    BatteryStatus? Battery = null);
