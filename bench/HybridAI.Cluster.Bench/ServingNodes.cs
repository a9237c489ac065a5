using HybridAI.Contracts.Nodes;

namespace HybridAI.Cluster.Bench;

/// <summary>The region's 3 edge nodes and 3 cloud pools, as virtual agents heartbeating every second.</summary>
internal static class ServingNodes
{
    public static async Task<List<VirtualAgent>> StartAsync(BenchSilo silo, int workersPerPool, int slotsPerWorker, WorkCounters? counters)
    {
        var agents = new List<VirtualAgent>();
        foreach (var edge in BenchSilo.EdgeNodes)
        {
            agents.Add(await VirtualAgent.StartAsync(silo.Grains, silo.Authority, NodeKind.EdgeNode, edge, null, AgentProfile.Edge, slotsPerWorker * 2, TimeSpan.FromSeconds(1), counters));
        }

        foreach (var pool in BenchSilo.CloudPools)
        {
            for (var w = 0; w < workersPerPool; w++)
            {
                agents.Add(await VirtualAgent.StartAsync(silo.Grains, silo.Authority, NodeKind.CloudPool, $"{pool}-w{w}", pool, AgentProfile.CloudGpu, slotsPerWorker, TimeSpan.FromSeconds(1), counters));
            }
        }

        return agents;
    }

    public static async Task StopAsync(IEnumerable<VirtualAgent> agents)
    {
        foreach (var agent in agents)
        {
            await agent.DisposeAsync();
        }
    }
}
