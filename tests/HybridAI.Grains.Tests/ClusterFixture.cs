using HybridAI.Grains;
using HybridAI.Grains.Payloads;
using HybridAI.Grains.Security;
using HybridAI.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace HybridAI.Grains.Tests;

/// <summary>
/// An in-process Orleans cluster with the real grains on in-memory storage, fast liveness timings, and a spy that
/// records every argument of every grain call the silo receives.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly string CredentialKey = NodeCredentialAuthority.NewKey();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public NodeCredentialAuthority Authority { get; } = new(CredentialKey);

    public CallSpy Spy { get; } = new();

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Security:CredentialKey"] = CredentialKey,
            ["Nodes:SuspectAfter"] = "00:00:01",
            ["Nodes:GoneAfter"] = "00:00:02",
            ["Nodes:MinimumLease"] = "00:00:01",
            ["Nodes:SweepInterval"] = "00:00:00.200",
            ["Jobs:WatchInterval"] = "00:00:00.200",
            ["Jobs:StaleAfter"] = "00:00:02",
            ["Jobs:CheckpointEverySteps"] = "2",
            ["CloudPricing:Pools:gpu-pool:PricePerGpuSecond"] = "0.01",
        }).Build();

        var builder = new InProcessTestClusterBuilder();
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddArenaGrainStorage(StorageNames.Nodes);
            silo.AddArenaGrainStorage(StorageNames.Jobs);
            silo.UseInMemoryReminderService();
            silo.AddIncomingGrainCallFilter(Spy);
            silo.Services.AddHybridAiGrains(configuration);
            silo.Services.AddSingleton<IPayloadStore, GrainPayloadStore>();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "In-process cluster";
}
