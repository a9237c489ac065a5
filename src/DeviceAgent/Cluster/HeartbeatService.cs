using System.Diagnostics;
using HybridAI.Contracts.Nodes;
using HybridAI.Contracts.Security;
using HybridAI.DeviceAgent.Capacity;
using HybridAI.DeviceAgent.Configuration;

namespace HybridAI.DeviceAgent.Cluster;

/// <summary>
/// Registers the agent once its models are measured, then reports capacity every heartbeat: measured latencies,
/// busy slots, CPU load, power, and the round trip of the heartbeat itself as the RTT. Survives cluster restarts by
/// retrying; a refused credential stops the agent, since retrying cannot fix it.
/// </summary>
public sealed partial class HeartbeatService(
    NodeConnection connection,
    AgentSettings settings,
    CapacityMeter meter,
    AgentReadiness readiness,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<HeartbeatService> logger) : BackgroundService
{
    private readonly PowerReader _power = new(settings.Options.Power, time);
    private readonly LatencyAverage _rtt = new(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.Ready.WaitAsync(stoppingToken);
        var lastBeat = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!connection.Registered)
                {
                    await connection.Node.RegisterAsync(settings.Credential, Registration());
                    connection.Registered = true;
                    Registered(logger, settings.Options.NodeId, settings.Profile.Kind, settings.NodeKey, settings.Options.Region);
                }

                var now = time.GetUtcNow();
                var busySeconds = meter.BusySlots > 0 ? (now - lastBeat).TotalSeconds : 0;
                lastBeat = now;
                var clock = Stopwatch.StartNew();
                await connection.Node.ReportCapacityAsync(settings.Credential, Report(busySeconds));
                _rtt.Add(clock.Elapsed.TotalMilliseconds);
            }
            catch (UnauthorizedNodeException e)
            {
                Refused(logger, e.Message);
                Environment.ExitCode = 3;
                lifetime.StopApplication();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && !stoppingToken.IsCancellationRequested)
            {
                connection.Registered = false;
                Unreachable(logger, e.GetBaseException().Message);
            }

            await Task.Delay(settings.Options.HeartbeatInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private NodeRegistration Registration() => new(
        settings.Options.NodeId,
        settings.Profile.Kind,
        settings.Profile.Name,
        settings.Options.Region,
        time.GetUtcNow(),
        settings.Profile.Kind == NodeKind.CloudPool ? settings.Options.PoolName : null,
        settings.Options.Slots);

    private CapacityReport Report(double busySeconds) => new(
        settings.Options.NodeId,
        meter.Variants(),
        0,
        Math.Min(meter.BusySlots, settings.Options.Slots),
        settings.Options.Slots,
        CpuLoadReader.Read(),
        _power.Read(busySeconds),
        Math.Round(_rtt.Value, 3),
        settings.BandwidthBytesPerSecond,
        settings.PricePerSecond,
        time.GetUtcNow());

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Registered {NodeId} as {Kind} '{NodeKey}' in region {Region}")]
    private static partial void Registered(ILogger logger, string nodeId, NodeKind kind, string nodeKey, string region);

    [LoggerMessage(EventId = 11, Level = LogLevel.Critical, Message = "The cluster refused this agent's credential: {Reason}. Stopping.")]
    private static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Cluster unreachable ({Reason}); retrying")]
    private static partial void Unreachable(ILogger logger, string reason);
}
