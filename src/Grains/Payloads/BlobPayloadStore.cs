using Azure;
using Azure.Storage.Blobs;

namespace HybridAI.Grains.Payloads;

/// <summary>Payloads as block blobs in one container: the AzureStorage mode's store (Azurite locally).</summary>
public sealed class BlobPayloadStore(BlobServiceClient service, string containerName = "hybridai-payloads") : IPayloadStore
{
    private readonly BlobContainerClient _container = service.GetBlobContainerClient(containerName);
    private volatile bool _created;

    public async Task PutAsync(string key, byte[] payload, CancellationToken cancellationToken = default)
    {
        if (!_created)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _created = true;
        }

        await _container.GetBlobClient(key).UploadAsync(new BinaryData(payload), overwrite: true, cancellationToken);
    }

    public async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await _container.GetBlobClient(key).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new KeyNotFoundException($"No payload '{key}' in container '{_container.Name}'.", e);
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        await _container.GetBlobClient(key).DeleteIfExistsAsync(cancellationToken: cancellationToken);
}
