using HybridAI.Simulator.Fleet;
using HybridAI.Simulator.Latencies;
using HybridAI.Simulator.Scenarios;

namespace HybridAI.Simulator.Simulation;

/// <summary>All policies' results for one scenario run.</summary>
public sealed record SimulationResult(
    Scenario Scenario,
    MeasuredLatencies Latencies,
    long Jobs,
    long SuppressedArrivals,
    IReadOnlyList<PolicyResult> Policies,
    double BuildSeconds,
    double WallSeconds,
    IReadOnlyList<(string Node, NodeTemplate Template)> NodeLatencies)
{
    public PolicyResult? Get(SimPolicy policy) => Policies.FirstOrDefault(p => p.Policy == policy.ToString());
}
