using HybridAI.Contracts.Nodes;

namespace HybridAI.Grains.Nodes;

public sealed class DeviceGrain([PersistentState("device", StorageNames.Nodes)] IPersistentState<DeviceState> state) : Grain, IDeviceGrain
{
    public async Task RegisterAsync(NodeRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (registration.NodeId != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"Registration is for '{registration.NodeId}' but this is device '{this.GetPrimaryKeyString()}'.", nameof(registration));
        }

        state.State.Registration = registration;
        await state.WriteStateAsync();
    }

    public Task<NodeRegistration?> GetRegistrationAsync() => Task.FromResult(state.State.Registration);
}
