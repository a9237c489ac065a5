using System.Text.Json.Serialization;
using HybridAI.DeviceAgent.Capacity;
using HybridAI.DeviceAgent.Cluster;
using HybridAI.DeviceAgent.Configuration;
using HybridAI.DeviceAgent.LocalApi;
using HybridAI.DeviceAgent.Work;

namespace HybridAI.DeviceAgent;

public static class AgentHostingExtensions
{
    /// <summary>Configures the agent from the <c>Agent</c> and <c>Cluster</c> sections: models, measurements, cluster client, loops, local API.</summary>
    public static WebApplicationBuilder AddHybridAiAgent(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AgentOptions>().BindConfiguration(AgentOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ClusterConnectionOptions>().BindConfiguration(ClusterConnectionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var cluster = builder.Configuration.GetSection(ClusterConnectionOptions.SectionName).Get<ClusterConnectionOptions>() ?? new ClusterConnectionOptions();
        var localPort = builder.Configuration.GetValue<int>($"{AgentOptions.SectionName}:{nameof(AgentOptions.LocalApiPort)}");

        // Loopback only: the local API is for apps on this device, never for the network.
        builder.WebHost.UseUrls($"http://127.0.0.1:{localPort}");
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AgentSettings>();
        builder.Services.AddSingleton<ModelShelf>();
        builder.Services.AddSingleton<CapacityMeter>();
        builder.Services.AddSingleton<AgentReadiness>();
        builder.Services.AddSingleton<WorkExecutor>();
        builder.Services.AddSingleton<NodeConnection>();
        builder.Services.AddSingleton<LocalSubmitter>();

        // Order matters: models are prepared and measured before the cluster client starts connecting.
        builder.Services.AddHostedService<AgentStartup>();
        builder.UseOrleansClient(client => ClusterClientSetup.Configure(client, cluster));
        builder.Services.AddHostedService<HeartbeatService>();
        builder.Services.AddHostedService<WorkLoopService>();
        return builder;
    }
}
