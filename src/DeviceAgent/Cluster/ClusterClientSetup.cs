using System.Net;
using Azure.Data.Tables;
using HybridAI.DeviceAgent.Configuration;
using Orleans.Configuration;

namespace HybridAI.DeviceAgent.Cluster;

public static partial class ClusterClientSetup
{
    /// <summary>Connects to the cluster as an Orleans client: localhost gateways (Embedded) or Azure Table membership.</summary>
    public static void Configure(IClientBuilder client, ClusterConnectionOptions options)
    {
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        if (options.Mode == "AzureStorage")
        {
            client.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(options.StorageConnectionString));
        }
        else
        {
            client.UseStaticClustering(options.EffectiveGatewayPorts.Select(p => new IPEndPoint(IPAddress.Loopback, p)).ToArray());
        }

        client.UseConnectionRetryFilter<RetryUntilStopped>();
    }

    /// <summary>An agent may start before its cluster, or outlive a cluster restart: keep trying to connect until told to stop.</summary>
    private sealed partial class RetryUntilStopped(ILogger<RetryUntilStopped> logger) : IClientConnectionRetryFilter
    {
        public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
        {
            Waiting(logger, exception.GetBaseException().Message);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            return !cancellationToken.IsCancellationRequested;
        }

        [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Cluster not reachable yet ({Reason}); retrying")]
        private static partial void Waiting(ILogger logger, string reason);
    }
}
