using Azure.Data.Tables;
using Azure.Storage.Blobs;
using HybridAI.Grains;
using HybridAI.Grains.Payloads;
using HybridAI.Grains.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace HybridAI.Silo.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>Configures Orleans, storage and HTTP for the silo from the <c>Silo</c> configuration section.</summary>
    public static WebApplicationBuilder AddHybridAiSilo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SiloOptions>()
            .BindConfiguration(SiloOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        Validate(options);

        builder.WebHost.UseUrls($"http://{options.AdvertisedAddress}:{options.HttpPort}");
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

        // Failure-detection timings (probe timeout, missed probes) may be tuned per environment, e.g. faster on a dev box.
        builder.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Membership"));
        builder.Services.AddHybridAiGrains(builder.Configuration);
        if (options.Mode == StorageMode.Embedded)
        {
            // Zero set-up: an embedded silo without a configured key makes one for this process only.
            builder.Services.PostConfigure<HybridAI.Grains.Security.CredentialOptions>(o =>
            {
                if (string.IsNullOrWhiteSpace(o.CredentialKey))
                {
                    o.CredentialKey = HybridAI.Grains.Security.NodeCredentialAuthority.NewKey();
                }
            });
        }

        if (options.Mode == StorageMode.AzureStorage)
        {
            // Registered before Orleans so that it runs first.
            builder.Services.AddHostedService(_ => new StorageStartupCheck(options.StorageConnectionString!));
        }

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            if (options.Dashboard)
            {
                silo.AddDashboard();
            }

            switch (options.Mode)
            {
                case StorageMode.Embedded:
                    var primary = options.PrimarySiloPort is { } port && port != options.SiloPort
                        ? new System.Net.IPEndPoint(options.ParsedAddress, port)
                        : null;
                    silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, primary, options.ServiceId, options.ClusterId);
                    silo.AddArenaGrainStorage(StorageNames.Nodes);
                    silo.AddArenaGrainStorage(StorageNames.Jobs);
                    silo.UseInMemoryReminderService();
                    silo.Services.AddSingleton<IPayloadStore, GrainPayloadStore>();
                    break;

                case StorageMode.AzureStorage:
                    var connection = options.StorageConnectionString!;
                    silo.ConfigureEndpoints(options.ParsedAddress, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
                    silo.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(connection));
                    silo.AddAzureTableGrainStorage(StorageNames.Nodes, o => o.TableServiceClient = new TableServiceClient(connection));
                    silo.AddAzureBlobGrainStorage(StorageNames.Jobs, o => o.BlobServiceClient = new BlobServiceClient(connection));
                    silo.UseAzureTableReminderService(o => o.TableServiceClient = new TableServiceClient(connection));
                    silo.Services.AddSingleton<IPayloadStore>(new BlobPayloadStore(new BlobServiceClient(connection)));
                    break;

                default:
                    throw new OptionsValidationException(SiloOptions.SectionName, typeof(SiloOptions), [$"Unknown Silo:Mode '{options.Mode}'."]);
            }
        });

        return builder;
    }

    /// <summary>Maps the dashboard at <c>/dashboard</c> when <c>Silo:Dashboard</c> is on.</summary>
    public static WebApplication MapDashboardIfEnabled(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<SiloOptions>>().Value.Dashboard)
        {
            app.MapOrleansDashboard(routePrefix: "/dashboard");
        }

        return app;
    }

    // Orleans reads the options before the host validates them, so fail fast here with the same messages.
    private static void Validate(SiloOptions options)
    {
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        var context = new System.ComponentModel.DataAnnotations.ValidationContext(options);
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, context, results, validateAllProperties: true))
        {
            throw new OptionsValidationException(SiloOptions.SectionName, typeof(SiloOptions), results.Select(r => r.ErrorMessage ?? "invalid"));
        }
    }
}
