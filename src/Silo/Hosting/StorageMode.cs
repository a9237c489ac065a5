namespace HybridAI.Silo.Hosting;

/// <summary>Where the silo keeps cluster membership and grain state.</summary>
public enum StorageMode
{
    /// <summary>Localhost clustering and in-memory grain state: zero set-up, nothing survives a restart.</summary>
    Embedded,

    /// <summary>Azure Table membership, Azure Table/Blob grain state: Azurite locally, a storage account in production.</summary>
    AzureStorage,
}
