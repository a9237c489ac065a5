using System.ComponentModel.DataAnnotations;

namespace HybridAI.DeviceAgent.Configuration;

/// <summary>Configuration section <c>Cluster</c>: how the agent finds the silos' gateways.</summary>
public sealed class ClusterConnectionOptions : IValidatableObject
{
    public const string SectionName = "Cluster";

    /// <summary><c>Embedded</c>: gateways on localhost ports; <c>AzureStorage</c>: gateways from the Azure Table membership.</summary>
    public string Mode { get; set; } = "Embedded";

    public string ClusterId { get; set; } = "hybridai-dev";

    public string ServiceId { get; set; } = "hybridai";

    /// <summary>Embedded mode: the silos' gateway ports (empty means 30000; lists bind by appending, so no default items).</summary>
    public List<int> GatewayPorts { get; set; } = [];

    public IReadOnlyList<int> EffectiveGatewayPorts => GatewayPorts.Count > 0 ? GatewayPorts : [30000];

    public string? StorageConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mode is not ("Embedded" or "AzureStorage"))
        {
            yield return new ValidationResult($"Cluster:Mode '{Mode}' is not Embedded or AzureStorage.", [nameof(Mode)]);
        }

        if (Mode == "AzureStorage" && string.IsNullOrWhiteSpace(StorageConnectionString))
        {
            yield return new ValidationResult("Cluster:StorageConnectionString is required in AzureStorage mode.", [nameof(StorageConnectionString)]);
        }

        if (Mode == "Embedded" && GatewayPorts.Any(p => p is < 1 or > 65535))
        {
            yield return new ValidationResult("Cluster:GatewayPorts must list the silos' gateway ports in Embedded mode.", [nameof(GatewayPorts)]);
        }
    }
}
