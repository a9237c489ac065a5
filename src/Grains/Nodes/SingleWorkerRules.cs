using HybridAI.Contracts.Nodes;

namespace HybridAI.Grains.Nodes;

/// <summary>A device or edge node is its own single worker: the registration must name this grain and kind.</summary>
internal static class SingleWorkerRules
{
    public static void Validate(NodeRegistration registration, string nodeId, NodeKind kind)
    {
        if (registration.NodeId != nodeId)
        {
            throw new ArgumentException($"Registration is for '{registration.NodeId}' but this is {kind} '{nodeId}'.", nameof(registration));
        }

        if (registration.Kind != kind)
        {
            throw new ArgumentException($"Registration of '{nodeId}' says {registration.Kind}, but '{nodeId}' is addressed as {kind}.", nameof(registration));
        }

        if (string.IsNullOrWhiteSpace(registration.Region))
        {
            throw new ArgumentException($"Registration of '{nodeId}' names no region.", nameof(registration));
        }
    }
}
