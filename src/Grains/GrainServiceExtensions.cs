using HybridAI.Grains.Jobs;
using HybridAI.Grains.Nodes;
using HybridAI.Grains.Security;
using HybridAI.Planning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;
using Orleans.Storage;

namespace HybridAI.Grains;

public static class GrainServiceExtensions
{
    /// <summary>
    /// Registers what the grains need: validated options, the credential authority, the planner, the guard on
    /// cluster-internal methods, and the state format of the node and job stores. The host adds the stores themselves
    /// and an <c>IPayloadStore</c>.
    /// </summary>
    public static IServiceCollection AddHybridAiGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CredentialOptions>().Bind(configuration.GetSection(CredentialOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NodeOptions>().Bind(configuration.GetSection(NodeOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => o.GoneAfter > o.SuspectAfter, "Nodes:GoneAfter must be longer than Nodes:SuspectAfter.").ValidateOnStart();
        services.AddOptions<JobOptions>().Bind(configuration.GetSection(JobOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CloudPricingOptions>().Bind(configuration.GetSection(CloudPricingOptions.SectionName))
            .Validate(o => o.Pools.Values.All(p => p.PricePerGpuSecond >= 0 && p.Schedule.All(c => c.PricePerGpuSecond >= 0 && c.FromHourUtc is >= 0 and < 24)),
                "CloudPricing prices must not be negative and FromHourUtc must be in [0, 24).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<NodeCredentialAuthority>();
        services.AddSingleton(new PlacementPlanner());
        services.AddSingleton<JobPlacement>();
        services.AddSingleton<IIncomingGrainCallFilter, ClusterInternalCallGuard>();

        // Grain state is written in Orleans' binary format (the grains' [GenerateSerializer] contracts, version tolerant
        // by [Id]) instead of the default Newtonsoft JSON: a job-state write was the largest allocation on the submit
        // path. Keyed by store name, so whichever provider the host binds to the name (memory, table, blob) uses it.
        foreach (var store in new[] { StorageNames.Nodes, StorageNames.Jobs })
        {
            services.AddKeyedSingleton<IGrainStorageSerializer>(store, (provider, _) => new OrleansGrainStorageSerializer(provider.GetRequiredService<Serializer>()));
        }

        return services;
    }
}
