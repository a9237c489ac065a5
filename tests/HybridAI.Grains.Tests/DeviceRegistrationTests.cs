using HybridAI.Contracts.Nodes;

namespace HybridAI.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class DeviceRegistrationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_registered_device_returns_its_registration()
    {
        var registration = new NodeRegistration("phone-1", NodeKind.Device, "phone", "eu-west", DateTimeOffset.UnixEpoch);
        var device = fixture.Client.GetGrain<IDeviceGrain>("phone-1");

        await device.RegisterAsync(registration);

        Assert.Equal(registration, await device.GetRegistrationAsync());
    }

    [Fact]
    public async Task A_registration_for_another_device_id_is_refused_and_changes_nothing()
    {
        var device = fixture.Client.GetGrain<IDeviceGrain>("phone-2");
        var own = new NodeRegistration("phone-2", NodeKind.Device, "phone", "eu-west", DateTimeOffset.UnixEpoch);
        await device.RegisterAsync(own);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            device.RegisterAsync(own with { NodeId = "phone-3" }));

        Assert.Contains("phone-3", error.Message);
        Assert.Equal(own, await device.GetRegistrationAsync());
    }
}
