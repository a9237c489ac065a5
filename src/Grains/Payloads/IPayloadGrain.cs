using HybridAI.Contracts.Security;

namespace HybridAI.Grains.Payloads;

/// <summary>One payload held by the cluster itself (Embedded mode), keyed by its payload key. Cluster-internal.</summary>
public interface IPayloadGrain : IGrainWithStringKey
{
    [ClusterInternal]
    Task PutAsync(byte[] payload);

    /// <summary>The payload, or null when there is none.</summary>
    [ClusterInternal]
    Task<byte[]?> GetAsync();

    [ClusterInternal]
    Task DeleteAsync();
}
