namespace HybridAI.Contracts.Nodes;

/// <summary>A pool of cloud GPU workers sold at a price per GPU-second, keyed by pool name; workers share its queue.</summary>
public interface ICloudPoolGrain : INodeGrain;
