using HybridAI.Contracts.Nodes;
using HybridAI.Grains.Security;
using HybridAI.Integration.Tests.Infrastructure;

namespace HybridAI.Integration.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class GrainPersistenceTests
{
    private static readonly NodeCredentialAuthority Authority = new(SiloProcess.CredentialKey);

    [Fact]
    public async Task Grain_state_survives_a_full_restart_of_the_cluster()
    {
        var clusterId = "restart-" + Guid.NewGuid().ToString("N")[..8];
        var registration = new NodeRegistration("phone-" + clusterId, NodeKind.Device, "phone", "eu-west", new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

        await using (var a = SiloProcess.Start(clusterId, AzuriteFixture.ConnectionString, SiloPorts.Allocate()))
        await using (var b = SiloProcess.Start(clusterId, AzuriteFixture.ConnectionString, SiloPorts.Allocate()))
        {
            await a.WaitForActiveSilosAsync(2, TimeSpan.FromSeconds(90));
            await using (var client = await ClusterClientHost.ConnectAsync(clusterId, AzuriteFixture.ConnectionString))
            {
                await client.Client.GetGrain<IDeviceGrain>(registration.NodeId).RegisterAsync(Authority.Issue(registration.NodeId), registration);
            }

            await b.StopAsync(TimeSpan.FromSeconds(60));
            await a.StopAsync(TimeSpan.FromSeconds(60));
        }

        await using var c = SiloProcess.Start(clusterId, AzuriteFixture.ConnectionString, SiloPorts.Allocate());
        await using var d = SiloProcess.Start(clusterId, AzuriteFixture.ConnectionString, SiloPorts.Allocate());
        await c.WaitForActiveSilosAsync(2, TimeSpan.FromSeconds(90));
        await using var after = await ClusterClientHost.ConnectAsync(clusterId, AzuriteFixture.ConnectionString);

        var restored = await after.Client.GetGrain<IDeviceGrain>(registration.NodeId).GetRegistrationAsync();
        var never = await after.Client.GetGrain<IDeviceGrain>("never-registered").GetRegistrationAsync();

        Assert.Equal(registration, restored);
        Assert.Null(never);
    }

    [Fact]
    public async Task With_one_silo_killed_the_other_keeps_serving_every_grain()
    {
        var clusterId = "failover-" + Guid.NewGuid().ToString("N")[..8];
        await using var a = SiloProcess.Start(clusterId, AzuriteFixture.ConnectionString, SiloPorts.Allocate());
        await using var b = SiloProcess.Start(clusterId, AzuriteFixture.ConnectionString, SiloPorts.Allocate());
        await a.WaitForActiveSilosAsync(2, TimeSpan.FromSeconds(90));
        await b.WaitForActiveSilosAsync(2, TimeSpan.FromSeconds(30));
        await using var client = await ClusterClientHost.ConnectAsync(clusterId, AzuriteFixture.ConnectionString);

        // Enough grains that random placement puts some of them on the silo we kill.
        var registrations = Enumerable.Range(0, 40)
            .Select(i => new NodeRegistration($"device-{i}", NodeKind.Device, "phone", "eu-west", DateTimeOffset.UnixEpoch.AddMinutes(i)))
            .ToArray();
        await Task.WhenAll(registrations.Select(r => client.Client.GetGrain<IDeviceGrain>(r.NodeId).RegisterAsync(Authority.Issue(r.NodeId), r)));

        b.Kill();
        await a.WaitForActiveSilosAsync(1, TimeSpan.FromSeconds(60));

        foreach (var expected in registrations)
        {
            var actual = await RetryAsync(() => client.Client.GetGrain<IDeviceGrain>(expected.NodeId).GetRegistrationAsync(), TimeSpan.FromSeconds(60));
            Assert.Equal(expected, actual);
        }
    }

    // Calls that were in flight to the dead silo, or routed by a stale gateway list, fail until the client catches up.
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }
}
