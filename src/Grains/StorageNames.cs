namespace HybridAI.Grains;

/// <summary>Names of the grain storage providers the silo must configure.</summary>
public static class StorageNames
{
    /// <summary>Node registrations (devices, edge nodes, cloud pools): small rows, table storage.</summary>
    public const string Nodes = "nodes";

    /// <summary>Job state, plans, traces and checkpoints: larger documents, blob storage.</summary>
    public const string Jobs = "jobs";
}
