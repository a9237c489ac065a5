using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace HybridAI.Grains.Storage;

public static class ArenaStorageExtensions
{
    /// <summary>
    /// Adds the Embedded mode's in-memory grain storage (<see cref="ArenaGrainStorage"/>) under <paramref name="name"/>,
    /// with the store's keyed <see cref="IGrainStorageSerializer"/> (see <c>AddHybridAiGrains</c>), else the default one.
    /// </summary>
    public static ISiloBuilder AddArenaGrainStorage(this ISiloBuilder silo, string name)
    {
        silo.Services.AddGrainStorage(name, (provider, store) => new ArenaGrainStorage(
            store,
            provider.GetRequiredService<IGrainFactory>(),
            provider.GetKeyedService<IGrainStorageSerializer>(store) ?? provider.GetRequiredService<IGrainStorageSerializer>()));
        return silo;
    }
}
