using System.ComponentModel.DataAnnotations;
using HybridAI.Contracts.Nodes;

namespace HybridAI.DeviceAgent.Configuration;

/// <summary>The agent's configuration section <c>Agent</c>, from appsettings, environment (<c>Agent__NodeId</c>) and command line.</summary>
public sealed class AgentOptions : IValidatableObject
{
    public const string SectionName = "Agent";

    /// <summary>Device id, edge node id, or for a cloud worker its worker id.</summary>
    [Required(ErrorMessage = "Agent:NodeId is required (the device, edge node or worker id).")]
    public string NodeId { get; set; } = "";

    /// <summary>phone, iot-board, edge-server or cloud-gpu-worker; sets the defaults below.</summary>
    [Required]
    public string Profile { get; set; } = "phone";

    [Required]
    public string Region { get; set; } = "local";

    /// <summary>Cloud workers: the pool to join.</summary>
    public string? PoolName { get; set; }

    /// <summary>The node's secret, issued for <see cref="NodeId"/> by the cluster operator.</summary>
    [Required(ErrorMessage = "Agent:Credential is required: the secret issued for this node (hybridai credential issue <node-id>).")]
    public string Credential { get; set; } = "";

    /// <summary>Model sizes to prepare ("tiny", "base"); empty means base. A job of another size is never planned here.</summary>
    /// <remarks>Lists default to empty: the configuration binder appends to a list's initial items rather than replacing them.</remarks>
    public List<string> ModelSizes { get; set; } = [];

    /// <summary>Precisions to prepare ("fp32", "int8"); empty means the profile's choice.</summary>
    public List<string> Precisions { get; set; } = [];

    /// <summary>Where generated models are cached; empty for the default (.models/ or HYBRIDAI_MODEL_CACHE).</summary>
    public string? ModelCache { get; set; }

    /// <summary>ONNX Runtime intra-op threads; 0 means the profile's.</summary>
    [Range(0, 64)]
    public int Threads { get; set; }

    /// <summary>Emulated slowness: after each stage the agent waits (factor - 1) x its measured time. 0 means the profile's.</summary>
    [Range(0, 10_000)]
    public double SlowdownFactor { get; set; }

    [Range(1, 16)]
    public int Slots { get; set; } = 1;

    /// <summary>Money per second of compute: energy cost for devices, instance price for cloud workers. Negative means the profile's.</summary>
    public double PricePerSecond { get; set; } = -1;

    /// <summary>Emulated bandwidth to the cluster in bytes per second; 0 means the profile's.</summary>
    [Range(0, double.MaxValue)]
    public double BandwidthBytesPerSecond { get; set; }

    [Range(typeof(TimeSpan), "00:00:00.200", "00:01:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 50)]
    public int BenchmarkIterations { get; set; } = 3;

    /// <summary>Loopback port of the local submit API for apps on this device; 0 disables it.</summary>
    [Range(0, 65535)]
    public int LocalApiPort { get; set; }

    /// <summary>Emulated power for platforms that do not report one (phones and boards in a lab); a script may change it over time.</summary>
    public PowerEmulation Power { get; set; } = new();

    public NodeKind Kind => AgentProfile.For(Profile).Kind;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!AgentProfile.Known.ContainsKey(Profile))
        {
            yield return new ValidationResult($"Agent:Profile '{Profile}' is not one of {string.Join(", ", AgentProfile.Known.Keys)}.", [nameof(Profile)]);
            yield break;
        }

        if (Kind == NodeKind.CloudPool && string.IsNullOrWhiteSpace(PoolName))
        {
            yield return new ValidationResult("Agent:PoolName is required for a cloud-gpu-worker.", [nameof(PoolName)]);
        }

        foreach (var size in ModelSizes.Where(s => s is not ("tiny" or "base")))
        {
            yield return new ValidationResult($"Agent:ModelSizes holds '{size}'; tiny and base are generated here.", [nameof(ModelSizes)]);
        }

        foreach (var precision in Precisions.Where(p => p is not ("fp32" or "int8")))
        {
            yield return new ValidationResult($"Agent:Precisions holds '{precision}'; fp32 and int8 are known.", [nameof(Precisions)]);
        }
    }
}
