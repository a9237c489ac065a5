using HybridAI.Contracts.Nodes;
using HybridAI.Contracts.Security;
using HybridAI.Contracts.Work;
using HybridAI.Grains.Security;

namespace HybridAI.Cluster.Bench;

/// <summary>
/// An in-process agent: registers, heartbeats its profile's capacity, and runs one pull loop per slot that sleeps each
/// leased range's latency and completes it with output bytes of the last stage's size. Adapted from the grain tests'
/// scripted agent.
/// </summary>
internal sealed class VirtualAgent : IAsyncDisposable
{
    private readonly INodeGrain _node;
    private readonly NodeCredential _credential;
    private readonly AgentProfile _profile;
    private readonly int _slots;
    private readonly WorkCounters? _counters;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private int _busy;

    private VirtualAgent(INodeGrain node, NodeCredential credential, AgentProfile profile, int slots, WorkCounters? counters)
    {
        _node = node;
        _credential = credential;
        _profile = profile;
        _slots = slots;
        _counters = counters;
    }

    public string NodeId => _credential.NodeId;

    /// <summary>Starts an agent; with <paramref name="counters"/> null it only heartbeats (a node that takes no work in this phase).</summary>
    public static async Task<VirtualAgent> StartAsync(
        IGrainFactory grains, NodeCredentialAuthority authority, NodeKind kind, string nodeId, string? poolName, AgentProfile profile, int slots,
        TimeSpan heartbeat, WorkCounters? counters)
    {
        INodeGrain node = kind switch
        {
            NodeKind.Device => grains.GetGrain<IDeviceGrain>(nodeId),
            NodeKind.EdgeNode => grains.GetGrain<IEdgeNodeGrain>(nodeId),
            _ => grains.GetGrain<ICloudPoolGrain>(poolName!),
        };
        var agent = new VirtualAgent(node, authority.Issue(nodeId), profile, slots, counters);
        await node.RegisterAsync(agent._credential, new NodeRegistration(nodeId, kind, profile.Name, BenchSilo.Region, DateTimeOffset.UtcNow, poolName, slots));
        await node.ReportCapacityAsync(agent._credential, profile.Report(nodeId, 0, slots));
        agent._loops.Add(agent.HeartbeatAsync(heartbeat));
        if (counters is not null)
        {
            for (var i = 0; i < slots; i++)
            {
                agent._loops.Add(agent.WorkAsync());
            }
        }

        return agent;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops.Select(l => l.ContinueWith(_ => { }, TaskScheduler.Default)));
        _stop.Dispose();
    }

    private async Task HeartbeatAsync(TimeSpan interval)
    {
        // Spread the fleet's heartbeats over the interval instead of beating in lock step.
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * interval.TotalMilliseconds), _stop.Token);
        while (!_stop.IsCancellationRequested)
        {
            await _node.ReportCapacityAsync(_credential, _profile.Report(NodeId, Volatile.Read(ref _busy), _slots));
            await Task.Delay(interval, _stop.Token);
        }
    }

    private async Task WorkAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var lease = await _node.PullWorkAsync(_credential, TimeSpan.FromSeconds(1));
            if (lease is null)
            {
                continue;
            }

            Interlocked.Increment(ref _busy);
            var item = lease.Item;
            var started = DateTimeOffset.UtcNow;
            var computeMs = 0.0;
            for (var stage = item.FirstStage; stage <= item.LastStage; stage++)
            {
                computeMs += _profile.LatencyOf(AgentProfile.KindOf(stage, item.Steps));
            }

            if (computeMs >= 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(computeMs), _stop.Token);
            }

            var outputs = new byte[AgentProfile.OutputBytes[AgentProfile.KindOf(item.LastStage, item.Steps)]];
            var accepted = await _node.CompleteWorkAsync(_credential, new WorkCompletion(lease.LeaseId, outputs, computeMs, started, DateTimeOffset.UtcNow));
            Interlocked.Decrement(ref _busy);
            _counters!.OnCompleted(_profile.Name, item, accepted);
        }
    }
}
