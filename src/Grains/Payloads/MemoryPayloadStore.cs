using System.Collections.Concurrent;

namespace HybridAI.Grains.Payloads;

/// <summary>Payloads in process memory: the Embedded mode's and the unit tests' store; gone with the process.</summary>
public sealed class MemoryPayloadStore : IPayloadStore
{
    private readonly ConcurrentDictionary<string, byte[]> _payloads = new(StringComparer.Ordinal);

    public Task PutAsync(string key, byte[] payload, CancellationToken cancellationToken = default)
    {
        _payloads[key] = payload.ToArray();
        return Task.CompletedTask;
    }

    public Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default) =>
        _payloads.TryGetValue(key, out var payload)
            ? Task.FromResult(payload.ToArray())
            : Task.FromException<byte[]>(new KeyNotFoundException($"No payload '{key}'."));

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        _payloads.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
