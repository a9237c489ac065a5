using HybridAI.Contracts.Security;
using HybridAI.Pipelines.Execution;
using Microsoft.Extensions.Options;

namespace HybridAI.DeviceAgent.Configuration;

/// <summary>The agent's options with the profile's defaults filled in: what the agent actually runs with.</summary>
public sealed class AgentSettings
{
    public AgentSettings(IOptions<AgentOptions> options)
    {
        Options = options.Value;
        Profile = AgentProfile.For(Options.Profile);
        Threads = Options.Threads > 0 ? Options.Threads : Profile.Threads;
        SlowdownFactor = Options.SlowdownFactor > 0 ? Options.SlowdownFactor : Profile.SlowdownFactor;
        PricePerSecond = Options.PricePerSecond >= 0 ? Options.PricePerSecond : Profile.PricePerSecond;
        BandwidthBytesPerSecond = Options.BandwidthBytesPerSecond > 0 ? Options.BandwidthBytesPerSecond : Profile.BandwidthBytesPerSecond;
        Precisions = Options.Precisions.Count > 0 ? [.. Options.Precisions] : Profile.Precisions;
        ModelSizes = Options.ModelSizes.Count > 0 ? [.. Options.ModelSizes] : ["base"];
        Credential = new NodeCredential(Options.NodeId, Options.Credential);
        Executor = new ExecutorOptions { IntraOpThreads = Threads, SlowdownFactor = SlowdownFactor };
    }

    public AgentOptions Options { get; }

    public AgentProfile Profile { get; }

    public int Threads { get; }

    public double SlowdownFactor { get; }

    public double PricePerSecond { get; }

    public double BandwidthBytesPerSecond { get; }

    public string[] Precisions { get; }

    public string[] ModelSizes { get; }

    public NodeCredential Credential { get; }

    public ExecutorOptions Executor { get; }

    /// <summary>The grain key of this agent's node: its own id, or for a cloud worker its pool.</summary>
    public string NodeKey => Profile.Kind == Contracts.Nodes.NodeKind.CloudPool ? Options.PoolName! : Options.NodeId;
}
