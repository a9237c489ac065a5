using System.ComponentModel.DataAnnotations;
using System.Net;

namespace HybridAI.Silo.Hosting;

/// <summary>The silo's configuration section <c>Silo</c>; every value can be overridden by environment (<c>Silo__SiloPort</c>) or command line.</summary>
public sealed class SiloOptions : IValidatableObject
{
    public const string SectionName = "Silo";

    public StorageMode Mode { get; set; } = StorageMode.Embedded;

    [Required]
    public string ClusterId { get; set; } = "hybridai-dev";

    [Required]
    public string ServiceId { get; set; } = "hybridai";

    /// <summary>The address the silo advertises and listens on; loopback by default so nothing is exposed by accident.</summary>
    [Required]
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    [Range(1, 65535)]
    public int HttpPort { get; set; } = 8080;

    /// <summary>Embedded mode only: the silo port of the first silo, so a second embedded silo on this machine can join it.</summary>
    [Range(1, 65535)]
    public int? PrimarySiloPort { get; set; }

    /// <summary>
    /// Serves the Orleans dashboard (silos, grain activations, call rates and latencies, reminders) at
    /// <c>/dashboard</c> on the HTTP port. It has no authentication and shows grain state, so it is allowed on a
    /// loopback address only.
    /// </summary>
    public bool Dashboard { get; set; }

    /// <summary>AzureStorage mode: the storage connection string (<c>UseDevelopmentStorage=true</c> for Azurite).</summary>
    public string? StorageConnectionString { get; set; }

    public IPAddress ParsedAddress => IPAddress.Parse(AdvertisedAddress);

    /// <summary>Which storage this silo uses, for logs: the account and endpoints, never the key.</summary>
    public string DescribeStorage()
    {
        if (Mode == StorageMode.Embedded)
        {
            return "embedded (in memory)";
        }

        try
        {
            var tables = new Azure.Data.Tables.TableServiceClient(StorageConnectionString);
            var blobs = new Azure.Storage.Blobs.BlobServiceClient(StorageConnectionString);
            return $"account '{tables.AccountName}', tables {tables.Uri}, blobs {blobs.Uri}";
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return $"unreadable connection string ({e.Message})";
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(AdvertisedAddress, out _))
        {
            yield return new ValidationResult($"Silo:AdvertisedAddress '{AdvertisedAddress}' is not an IP address.", [nameof(AdvertisedAddress)]);
        }

        if (Mode == StorageMode.AzureStorage && string.IsNullOrWhiteSpace(StorageConnectionString))
        {
            yield return new ValidationResult(
                "Silo:Mode is AzureStorage but Silo:StorageConnectionString is empty; set it (UseDevelopmentStorage=true for Azurite).",
                [nameof(StorageConnectionString)]);
        }

        if (Dashboard && IPAddress.TryParse(AdvertisedAddress, out var address) && !IPAddress.IsLoopback(address))
        {
            yield return new ValidationResult(
                $"Silo:Dashboard is on but Silo:AdvertisedAddress is {AdvertisedAddress}: the dashboard has no authentication and shows grain state, so it is served on a loopback address only.",
                [nameof(Dashboard)]);
        }

        if (new[] { SiloPort, GatewayPort, HttpPort }.Distinct().Count() != 3)
        {
            yield return new ValidationResult($"Silo ports must differ: SiloPort={SiloPort}, GatewayPort={GatewayPort}, HttpPort={HttpPort}.");
        }
    }
}
