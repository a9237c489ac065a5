namespace HybridAI.Contracts.Nodes;

/// <summary>One edge server near users, keyed by its node id.</summary>
public interface IEdgeNodeGrain : INodeGrain;
