using HybridAI.Contracts.Nodes;

namespace HybridAI.Silo.Apis;

/// <summary>The fleet as the scheduler sees it: a region's edge nodes and cloud pools, and single devices.</summary>
public static class NodesApi
{
    public static IEndpointRouteBuilder MapNodesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/regions/{region}/nodes", async (string region, IGrainFactory grains) =>
            Results.Ok(await grains.GetGrain<IRegionGrain>(region).GetServingNodesAsync()));

        app.MapGet("/devices/{id}", async (string id, IGrainFactory grains) =>
        {
            var snapshot = await grains.GetGrain<IDeviceGrain>(id).GetSnapshotAsync();
            return snapshot.Region.Length == 0
                ? Results.Problem($"No device '{id}' is registered.", statusCode: StatusCodes.Status404NotFound)
                : Results.Ok(snapshot);
        });
        return app;
    }
}
