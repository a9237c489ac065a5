namespace HybridAI.Contracts.Nodes;

/// <summary>One phone or IoT board, keyed by its device id.</summary>
public interface IDeviceGrain : INodeGrain;
