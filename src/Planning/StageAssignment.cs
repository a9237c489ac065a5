namespace HybridAI.Planning;

/// <summary>One stage placed on a node with a variant; used to evaluate a given placement.</summary>
public sealed record StageAssignment(string NodeId, string Variant);
