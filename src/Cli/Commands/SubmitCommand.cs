using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using HybridAI.Cli.Rendering;
using HybridAI.Contracts.Jobs;
using Spectre.Console;

namespace HybridAI.Cli.Commands;

/// <summary>
/// <c>hybridai submit</c>: submits a job through a device agent's local API (the device is the job's origin), shows
/// the plan, follows progress stage by stage, writes the PNG and compares what it cost with cloud-only.
/// </summary>
public static class SubmitCommand
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static Command Create()
    {
        var agent = new Option<string>("--agent") { Description = "The origin device agent's local API, e.g. http://127.0.0.1:7101", Required = true };
        var prompt = new Option<string>("--prompt") { Description = "What to draw.", Required = true };
        var steps = new Option<int>("--steps") { Description = "Denoise steps.", DefaultValueFactory = _ => 20 };
        var seed = new Option<long>("--seed") { Description = "Noise seed: the same seed gives the same image.", DefaultValueFactory = _ => 42 };
        var privacy = new Option<PrivacyLevel>("--privacy") { Description = "Strict (default): the prompt stays on the device; Standard; LocalOnly.", DefaultValueFactory = _ => PrivacyLevel.Strict };
        var policy = new Option<PlacementPolicy>("--policy") { Description = "Hybrid (default), CloudOnly, DeviceOnly, StaticSplit.", DefaultValueFactory = _ => PlacementPolicy.Hybrid };
        var deadline = new Option<double>("--deadline-ms") { Description = "Deadline in milliseconds from submission.", DefaultValueFactory = _ => 60_000 };
        var model = new Option<string>("--model") { Description = "Model size: tiny or base.", DefaultValueFactory = _ => "base" };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the PNG.", DefaultValueFactory = _ => new FileInfo("out/hybridai.png") };
        var timeout = new Option<int>("--timeout-s") { Description = "Give up following the job after this many seconds.", DefaultValueFactory = _ => 600 };

        var command = new Command("submit", "Submit a text-to-image job through a device agent and follow it.")
        {
            agent, prompt, steps, seed, privacy, policy, deadline, model, output, timeout,
        };
        command.SetAction(async (result, ct) =>
        {
            if (!Uri.TryCreate(result.GetValue(agent), UriKind.Absolute, out var agentUri) || agentUri.Scheme is not ("http" or "https"))
            {
                AnsiConsole.MarkupLineInterpolated($"[red]hybridai: --agent '{result.GetValue(agent)}' is not an http URL such as http://127.0.0.1:7101[/]");
                return 2;
            }

            using var http = new HttpClient { BaseAddress = agentUri, Timeout = TimeSpan.FromMinutes(5) };
            var request = new
            {
                prompt = result.GetValue(prompt),
                steps = result.GetValue(steps),
                seed = result.GetValue(seed),
                privacy = result.GetValue(privacy),
                policy = result.GetValue(policy),
                deadlineMs = result.GetValue(deadline),
                modelSize = result.GetValue(model),
            };
            try
            {
                return await RunAsync(http, request, result.GetValue(output)!, TimeSpan.FromSeconds(result.GetValue(timeout)), ct);
            }
            catch (HttpRequestException e)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]hybridai: cannot reach the agent at {http.BaseAddress}: {e.Message}[/]");
                return 3;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(HttpClient http, object request, FileInfo output, TimeSpan timeout, CancellationToken ct)
    {
        var response = await http.PostAsJsonAsync("jobs", request, Json, ct);
        if (!response.IsSuccessStatusCode)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]hybridai: the agent refused the job ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(ct)}[/]");
            return 2;
        }

        var status = (await response.Content.ReadFromJsonAsync<JobStatus>(Json, ct))!;
        AnsiConsole.MarkupLineInterpolated($"Job [bold]{status.JobId}[/] from [bold]{status.OriginDeviceId}[/] ({status.Privacy})");
        var shownPlans = -1;
        var shownTrace = 0;
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (status.Plan is not null && status.Replans != shownPlans)
            {
                AnsiConsole.Write(PlanTable.Render(status.Plan, shownPlans < 0 ? "Plan" : $"Re-plan #{status.Replans}"));
                shownPlans = status.Replans;
            }

            foreach (var entry in status.Trace.Skip(shownTrace))
            {
                var done = entry.LastStage + 1;
                AnsiConsole.MarkupLineInterpolated(
                    $"  [green]✓[/] {done,3}/{status.TotalStages} {entry.Stages,-32} on [bold]{entry.NodeId}[/] ({entry.Variant}) {entry.ComputeMs,8:F0} ms  {entry.BytesIn + entry.BytesOut,9} B moved");
            }

            shownTrace = status.Trace.Length;
            if (status.State is JobState.Completed or JobState.Failed or JobState.Cancelled)
            {
                break;
            }

            if (DateTime.UtcNow > deadline)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]hybridai: gave up after {timeout.TotalSeconds:F0} s; the job is still {status.State} at stage {status.CompletedStages}/{status.TotalStages}.[/]");
                return 4;
            }

            await Task.Delay(200, ct);
            status = (await http.GetFromJsonAsync<JobStatus>($"jobs/{status.JobId}", Json, ct))!;
        }

        if (status.State != JobState.Completed)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Job {status.State}: {status.Error}[/]");
            return 1;
        }

        var png = await http.GetByteArrayAsync($"jobs/{status.JobId}/result", ct);
        output.Directory?.Create();
        await File.WriteAllBytesAsync(output.FullName, png, ct);
        AnsiConsole.Write(TraceTable.Render(status));
        AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{output.FullName}[/] ({png.Length} bytes)");
        return 0;
    }
}
