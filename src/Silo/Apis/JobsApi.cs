using System.Text.Json;
using HybridAI.Contracts.Jobs;
using HybridAI.Contracts.Security;
using HybridAI.Grains.Jobs;

namespace HybridAI.Silo.Apis;

/// <summary>
/// Jobs over HTTP: submit a Standard job for a device (with that device's credential), read its status, follow it
/// as server-sent events, fetch the PNG. Strict prompts never come this way: they are submitted through the device's agent.
/// </summary>
public static class JobsApi
{
    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/jobs");

        jobs.MapPost("/", async (HttpRequest http, JobRequest request, IGrainFactory grains) =>
        {
            if (NodeCredentialHeader.Read(http) is not { } credential)
            {
                return Results.Problem("Send the origin device's credential as 'Authorization: Node <device-id>:<secret>'.", statusCode: StatusCodes.Status401Unauthorized);
            }

            try
            {
                var status = await grains.GetGrain<IJobGrain>(Guid.NewGuid()).SubmitAsync(credential, request);
                return Results.Accepted($"/jobs/{status.JobId}", status);
            }
            catch (InvalidJobException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: $"Invalid {e.Field}");
            }
            catch (UnauthorizedNodeException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden);
            }
        });

        jobs.MapGet("/{id:guid}", async (Guid id, IGrainFactory grains) =>
        {
            try
            {
                return Results.Ok(await grains.GetGrain<IJobGrain>(id).GetStatusAsync());
            }
            catch (KeyNotFoundException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound);
            }
        });

        jobs.MapGet("/{id:guid}/result", async (Guid id, IGrainFactory grains) =>
        {
            try
            {
                return Results.File(await grains.GetGrain<IJobGrain>(id).GetResultAsync(), "image/png", $"{id}.png");
            }
            catch (InvalidOperationException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict);
            }
        });

        // Server-sent events: one "status" event whenever the job advances, until it ends.
        jobs.MapGet("/{id:guid}/events", async (Guid id, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var job = grains.GetGrain<IJobGrain>(id);
            JobStatus status;
            try
            {
                status = await job.GetStatusAsync();
            }
            catch (KeyNotFoundException e)
            {
                await Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound).ExecuteAsync(http);
                return;
            }

            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            var options = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            (int, int, JobState)? sent = null;
            while (!ct.IsCancellationRequested)
            {
                var progress = (status.CompletedStages, status.Replans, status.State);
                if (sent != progress)
                {
                    await http.Response.WriteAsync($"event: status\ndata: {JsonSerializer.Serialize(status, options)}\n\n", ct);
                    await http.Response.Body.FlushAsync(ct);
                    sent = progress;
                }

                if (status.State is JobState.Completed or JobState.Failed or JobState.Cancelled)
                {
                    return;
                }

                await Task.Delay(250, ct);
                status = await job.GetStatusAsync();
            }
        });
        return app;
    }
}
