using System.Collections.Concurrent;
using System.Collections.Immutable;
using HybridAI.Contracts.Nodes;
using HybridAI.Contracts.Security;
using HybridAI.Contracts.Work;

namespace HybridAI.Grains.Tests;

/// <summary>
/// A stand-in agent for grain tests: registers, heartbeats a fixed capacity, and "runs" each leased range by sleeping
/// its latency per stage and appending one byte per stage index to its input, so a job's result spells out every
/// stage it ran, in order. It can vanish (stop heartbeats and work) to simulate a lost device.
/// </summary>
public sealed class ScriptedAgent : IAsyncDisposable
{
    private readonly INodeGrain _node;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private int _completedItems;

    private ScriptedAgent(INodeGrain node, NodeCredential credential, AgentScript script)
    {
        _node = node;
        Credential = credential;
        Script = script;
    }

    public NodeCredential Credential { get; }

    public AgentScript Script { get; }

    public ConcurrentQueue<WorkItem> Ran { get; } = new();

    /// <summary>Called after each completed item with the running count; return true to vanish right there.</summary>
    public Func<int, bool> VanishAfter { get; set; } = _ => false;

    /// <summary>While set, the agent neither heartbeats nor pulls work, as one waiting for a restarted silo.</summary>
    public volatile bool Paused;

    public static async Task<ScriptedAgent> StartAsync(ClusterFixture fixture, AgentScript script)
    {
        INodeGrain node = script.Kind switch
        {
            NodeKind.Device => fixture.Client.GetGrain<IDeviceGrain>(script.NodeId),
            NodeKind.EdgeNode => fixture.Client.GetGrain<IEdgeNodeGrain>(script.NodeId),
            _ => fixture.Client.GetGrain<ICloudPoolGrain>(script.PoolName!),
        };
        var credential = fixture.Authority.Issue(script.NodeId);
        var agent = new ScriptedAgent(node, credential, script);
        await node.RegisterAsync(credential, new NodeRegistration(script.NodeId, script.Kind, script.Kind.ToString(), script.Region, DateTimeOffset.UtcNow, script.PoolName));
        await node.ReportCapacityAsync(credential, agent.Report());
        agent._loops.Add(agent.HeartbeatAsync());
        agent._loops.Add(agent.WorkAsync());
        return agent;
    }

    public CapacityReport Report() => new(
        Script.NodeId,
        [.. Enum.GetValues<StageKind>().Select(k => new VariantLatency(k, "tiny-fp32", Script.LatencyMs, 100))],
        0, 0, 1, 0.1, null, Script.RttMs, 1_000_000, Script.PricePerSecond, DateTimeOffset.UtcNow);

    /// <summary>Stops heartbeats and work without handing anything back, as a phone that lost power.</summary>
    public async Task VanishAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops.Select(l => l.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    public async ValueTask DisposeAsync() => await VanishAsync();

    private async Task HeartbeatAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (!Paused)
            {
                await _node.ReportCapacityAsync(Credential, Report());
            }

            await Task.Delay(300, _stop.Token);
        }
    }

    private async Task WorkAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (Paused)
            {
                await Task.Delay(50, _stop.Token);
                continue;
            }

            var lease = await _node.PullWorkAsync(Credential, TimeSpan.FromSeconds(1));
            if (lease is null)
            {
                continue;
            }

            var started = DateTimeOffset.UtcNow;
            var stages = lease.Item.LastStage - lease.Item.FirstStage + 1;
            await Task.Delay(TimeSpan.FromMilliseconds(Script.LatencyMs * stages), _stop.Token);
            var outputs = lease.Item.Inputs.Concat(Enumerable.Range(lease.Item.FirstStage, stages).Select(s => (byte)s)).ToArray();
            Ran.Enqueue(lease.Item);
            await _node.CompleteWorkAsync(Credential, new WorkCompletion(lease.LeaseId, outputs, Script.LatencyMs * stages, started, DateTimeOffset.UtcNow));
            if (VanishAfter(Interlocked.Increment(ref _completedItems)))
            {
                _ = _stop.CancelAsync();
                return;
            }
        }
    }
}

/// <summary>Who a scripted agent is and how it behaves.</summary>
public sealed record AgentScript(NodeKind Kind, string NodeId, string Region, double LatencyMs, double PricePerSecond, double RttMs = 5, string? PoolName = null);
