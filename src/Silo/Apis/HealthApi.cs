using HybridAI.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace HybridAI.Silo.Apis;

public static class HealthApi
{
    /// <summary><c>GET /health</c>: 200 with the active silos when this silo can reach the cluster, 503 otherwise.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (IGrainFactory grains, IOptions<SiloOptions> options, ILocalSiloDetails local, CancellationToken ct) =>
        {
            try
            {
                var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(5), ct);
                return Results.Ok(new HealthReport(
                    "Healthy",
                    options.Value.Mode.ToString(),
                    options.Value.ClusterId,
                    local.SiloAddress.ToString(),
                    hosts.Count,
                    hosts.Keys.Select(h => h.ToString()).Order().ToArray()));
            }
            catch (Exception e) when (e is TimeoutException or OrleansException or InvalidOperationException)
            {
                return Results.Json(
                    new HealthReport("Unhealthy: " + e.Message, options.Value.Mode.ToString(), options.Value.ClusterId, local.SiloAddress.ToString(), 0, []),
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return app;
    }

    public sealed record HealthReport(string Status, string Mode, string ClusterId, string Silo, int ActiveSilos, string[] Silos);
}
