namespace HybridAI.Integration.Tests.Infrastructure;

/// <summary>Every test that needs the storage emulator shares one Azurite; the tests isolate themselves by cluster id.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
