namespace HybridAI.Contracts.Nodes;

/// <summary>One phone or board, keyed by its device id.</summary>
public interface IDeviceGrain : IGrainWithStringKey
{
    Task RegisterAsync(NodeRegistration registration);

    /// <summary>The last registration, or <c>null</c> when the device never registered.</summary>
    Task<NodeRegistration?> GetRegistrationAsync();
}
