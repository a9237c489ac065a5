namespace HybridAI.Grains.Payloads;

/// <summary>
/// Payloads held by the cluster (one <see cref="PayloadGrain"/> each, in the job store): the Embedded mode's and the
/// unit tests' store. Unlike a per-process dictionary it is shared by every silo, and it is gone with the cluster.
/// </summary>
public sealed class GrainPayloadStore(IGrainFactory grains) : IPayloadStore
{
    public Task PutAsync(string key, byte[] payload, CancellationToken cancellationToken = default) =>
        grains.GetGrain<IPayloadGrain>(key).PutAsync(payload);

    public async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default) =>
        await grains.GetGrain<IPayloadGrain>(key).GetAsync() ?? throw new KeyNotFoundException($"No payload '{key}'.");

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        grains.GetGrain<IPayloadGrain>(key).DeleteAsync();
}
