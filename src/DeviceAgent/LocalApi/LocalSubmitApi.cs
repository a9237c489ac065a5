using HybridAI.Contracts.Security;

namespace HybridAI.DeviceAgent.LocalApi;

/// <summary>The loopback-only HTTP API apps on this device use: submit a job, follow it, fetch the image.</summary>
public static class LocalSubmitApi
{
    public static IEndpointRouteBuilder MapLocalSubmitApi(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/jobs").AddEndpointFilter(async (context, next) =>
            context.HttpContext.Connection.RemoteIpAddress is { } remote && System.Net.IPAddress.IsLoopback(remote)
                ? await next(context)
                : Results.Problem("The local submit API answers only apps on this device.", statusCode: StatusCodes.Status403Forbidden));

        jobs.MapPost("/", async (LocalJobRequest request, LocalSubmitter submitter, CancellationToken ct) =>
        {
            try
            {
                var status = await submitter.SubmitAsync(request, ct);
                return Results.Accepted($"/jobs/{status.JobId}", status);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Job refused");
            }
            catch (UnauthorizedNodeException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden, title: "Credential refused");
            }
        });

        jobs.MapGet("/{id:guid}", async (Guid id, LocalSubmitter submitter) =>
        {
            try
            {
                return Results.Ok(await submitter.GetStatusAsync(id));
            }
            catch (KeyNotFoundException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound);
            }
        });

        jobs.MapGet("/{id:guid}/result", async (Guid id, LocalSubmitter submitter) =>
        {
            try
            {
                return Results.File(await submitter.GetResultAsync(id), "image/png", $"{id}.png");
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict);
            }
        });

        app.MapGet("/health", (Capacity.AgentReadiness readiness) =>
            readiness.Ready.IsCompletedSuccessfully ? Results.Ok(new { status = "Ready" }) : Results.Json(new { status = "Preparing" }, statusCode: 503));
        return app;
    }
}
