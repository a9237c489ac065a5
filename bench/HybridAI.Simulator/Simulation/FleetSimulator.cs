using System.Collections.Concurrent;
using System.Diagnostics;
using HybridAI.Simulator.Fleet;
using HybridAI.Simulator.Latencies;
using HybridAI.Simulator.Scenarios;

namespace HybridAI.Simulator.Simulation;

/// <summary>Runs every policy of a scenario on the same exogenous fleet, in parallel (each policy owns its state).</summary>
public static class FleetSimulator
{
    public static SimulationResult Run(Scenario scenario, MeasuredLatencies latencies, int maxParallelism = 0)
    {
        var clock = Stopwatch.StartNew();
        var fleet = FleetModel.Build(scenario, latencies);
        var buildSeconds = clock.Elapsed.TotalSeconds;
        var results = new ConcurrentDictionary<SimPolicy, PolicyResult>();
        Parallel.ForEach(
            scenario.Policies,
            new ParallelOptions { MaxDegreeOfParallelism = maxParallelism > 0 ? maxParallelism : Environment.ProcessorCount },
            policy => results[policy] = new PolicyRun(fleet, policy).Run());
        return new SimulationResult(
            scenario,
            latencies,
            fleet.Arrivals.Length,
            fleet.SuppressedArrivals,
            [.. scenario.Policies.Select(p => results[p])],
            buildSeconds,
            clock.Elapsed.TotalSeconds,
            [.. fleet.ProfileTemplates.Select((t, i) => (scenario.DeviceProfiles[i].Name, t)), .. fleet.Pools.Select(p => (p.Id, p.Template)), .. fleet.Edges.Take(1).Select(e => ("edge (each)", e.Template))]);
    }
}
