namespace HybridAI.Grains.Payloads;

/// <summary>Where job grains keep large bytes (checkpoints, results) so grain state holds only their keys.</summary>
public interface IPayloadStore
{
    Task PutAsync(string key, byte[] payload, CancellationToken cancellationToken = default);

    /// <summary>The payload; <see cref="KeyNotFoundException"/> naming the key when it is missing.</summary>
    Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default);

    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}
