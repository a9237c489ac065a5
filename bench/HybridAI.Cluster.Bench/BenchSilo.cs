using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using HybridAI.Grains;
using HybridAI.Grains.Payloads;
using HybridAI.Grains.Security;
using HybridAI.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace HybridAI.Cluster.Bench;

/// <summary>
/// One real silo in this process, wired like src/Silo (Embedded or Azure Storage), with free loopback ports and a
/// cluster id of its own so it never joins another engineer's silo. Benchmark calls go through the silo's own client.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    public const string Region = "bench-region";
    public static readonly string[] CloudPools = ["gpu-a", "gpu-b", "gpu-c"];
    public static readonly string[] EdgeNodes = ["edge-1", "edge-2", "edge-3"];

    private readonly IHost _host;

    private BenchSilo(IHost host, NodeCredentialAuthority authority, CallTimings timings)
    {
        Timings = timings;
        _host = host;
        Authority = authority;
        Grains = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Grains { get; }

    public NodeCredentialAuthority Authority { get; }

    /// <summary>Grain call and storage request timings; only recorded by a silo started timed.</summary>
    public CallTimings Timings { get; }

    /// <param name="timed">
    /// With the call and storage timing filters (<see cref="Timings"/>). A grain call filter's presence alone changes
    /// Orleans' call path (an invoker object per call, about 6 KB more allocated per submission), so the silo whose
    /// latency is measured has none.
    /// </param>
    public static async Task<BenchSilo> StartAsync(BenchMode mode, string connectionString, bool timed)
    {
        var runId = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var key = NodeCredentialAuthority.NewKey();
        var settings = new Dictionary<string, string?>
        {
            ["Security:CredentialKey"] = key,
            // Fleet devices report capacity once (the brief's fleet); long liveness windows keep them plannable for the
            // whole run. Sweep and watch intervals stay at their defaults (1 s), so their timer cost is measured.
            ["Nodes:SuspectAfter"] = "00:30:00",
            ["Nodes:GoneAfter"] = "01:00:00",
            ["Jobs:StaleAfter"] = "00:30:00",
            ["Jobs:CheckpointEverySteps"] = "5",
        };
        foreach (var pool in CloudPools)
        {
            settings[$"CloudPricing:Pools:{pool}:PricePerGpuSecond"] = "0.01";
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddHybridAiGrains(builder.Configuration);
        var siloPort = FreePort();
        var gatewayPort = FreePort();
        var clusterId = "bench-" + runId;
        var serviceId = "hybridai-bench-" + runId;
        var timings = new CallTimings();
        var tableOptions = new TableClientOptions();
        var blobOptions = new BlobClientOptions();
        if (timed)
        {
            tableOptions.AddPolicy(new StorageTimings(timings), Azure.Core.HttpPipelinePosition.PerCall);
            blobOptions.AddPolicy(new StorageTimings(timings), Azure.Core.HttpPipelinePosition.PerCall);
        }

        TableServiceClient Tables() => new(connectionString, tableOptions);
        BlobServiceClient Blobs() => new(connectionString, blobOptions);
        builder.UseOrleans(silo =>
        {
            if (timed)
            {
                silo.AddIncomingGrainCallFilter(timings);
                silo.AddOutgoingGrainCallFilter(timings);
            }
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = serviceId;
            });
            switch (mode)
            {
                case BenchMode.Embedded:
                    silo.UseLocalhostClustering(siloPort, gatewayPort, null, serviceId, clusterId);
                    silo.AddArenaGrainStorage(StorageNames.Nodes);
                    silo.AddArenaGrainStorage(StorageNames.Jobs);
                    silo.UseInMemoryReminderService();
                    silo.Services.AddSingleton<IPayloadStore, GrainPayloadStore>();
                    break;
                case BenchMode.AzureStorage:
                    silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: false);
                    silo.UseAzureStorageClustering(o => o.TableServiceClient = Tables());
                    silo.AddAzureTableGrainStorage(StorageNames.Nodes, o => o.TableServiceClient = Tables());
                    silo.AddAzureBlobGrainStorage(StorageNames.Jobs, o => o.BlobServiceClient = Blobs());
                    silo.UseAzureTableReminderService(o => o.TableServiceClient = Tables());
                    silo.Services.AddSingleton<IPayloadStore>(new BlobPayloadStore(Blobs()));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown mode");
            }
        });

        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host, new NodeCredentialAuthority(key), timings);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
