using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace HybridAI.Silo.Hosting;

/// <summary>
/// Runs before Orleans starts: reaches the configured storage account once, so a wrong account, key or endpoint
/// stops the silo at once with the reason, instead of Orleans' providers retrying at start-up forever.
/// </summary>
public sealed class StorageStartupCheck(string connectionString) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in new TableServiceClient(connectionString).QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken))
            {
                break;
            }

            await new BlobServiceClient(connectionString).GetPropertiesAsync(cancellationToken);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException)
        {
            throw new InvalidOperationException($"Storage is not usable: {FirstLine(e.GetBaseException().Message)}", e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
