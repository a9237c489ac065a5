using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using HybridAI.Contracts.Jobs;
using HybridAI.Grains.Security;
using HybridAI.Integration.Tests.Infrastructure;
using HybridAI.Pipelines.Execution;
using HybridAI.Pipelines.Models;
using HybridAI.Pipelines.TextToImage;

namespace HybridAI.Integration.Tests;

/// <summary>The silo's HTTP API on a real silo process in the Embedded (zero set-up) mode, with a real phone agent doing the work.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SiloHttpApiTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly NodeCredentialAuthority Authority = new(SiloProcess.CredentialKey);

    [Fact]
    public async Task A_standard_job_submitted_over_http_streams_its_progress_and_serves_its_png_and_bad_calls_get_clear_errors()
    {
        var clusterId = "http-" + Guid.NewGuid().ToString("N")[..6];
        var ports = SiloPorts.Allocate();
        await using var silo = SiloProcess.StartEmbedded(clusterId, ports);
        await silo.WaitForActiveSilosAsync(1, TimeSpan.FromSeconds(90));
        var phoneId = "phone-" + clusterId;
        await using var phone = AgentProcess.Start(clusterId, phoneId, "phone", Authority.Issue(phoneId).Secret, new Dictionary<string, string>
        {
            ["Cluster__Mode"] = "Embedded",
            ["Cluster__GatewayPorts__0"] = ports.Gateway.ToString(),
            ["Agent__SlowdownFactor"] = "80", // slow enough that the job is still running when the event stream opens
        });
        await phone.WaitRegisteredAsync(TimeSpan.FromMinutes(3));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports.Http}/") };
        var request = new JobRequest(phoneId, "a quiet harbour", 8, 99, "tiny", 60_000, PrivacyLevel.Standard, PlacementPolicy.Hybrid, [], 0, []);

        // Refusals first: nothing is created by any of them.
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("jobs", request, Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(http, request, phoneId, Authority.Issue("someone-else").Secret)).StatusCode);
        var strict = await PostAsync(http, request with { Privacy = PrivacyLevel.Strict, PrecomputedStages = 2, PrecomputedInputs = [1] }, phoneId, Authority.Issue(phoneId).Secret);
        Assert.Equal(HttpStatusCode.BadRequest, strict.StatusCode);
        Assert.Contains("Prompt", await strict.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"jobs/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("devices/nobody")).StatusCode);

        var accepted = await PostAsync(http, request, phoneId, Authority.Issue(phoneId).Secret);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var job = (await accepted.Content.ReadFromJsonAsync<JobStatus>(Json))!;

        var events = await ReadEventsAsync(http, $"jobs/{job.JobId}/events");
        Assert.Equal(JobState.Completed, events[^1].State);
        Assert.True(events.Count >= 2, $"expected progress events before completion, got {events.Count}");
        Assert.Equal(events.Select(e => e.CompletedStages).Order(), events.Select(e => e.CompletedStages));

        var png = await http.GetByteArrayAsync($"jobs/{job.JobId}/result");
        using var runner = new TextToImageRunner(GeneratedModelCache.GetOrCreate(ModelSize.Tiny, ModelPrecision.Fp32), new ExecutorOptions { IntraOpThreads = 1 });
        Assert.Equal(await runner.RunWholeAsync(new TextToImageJob("a quiet harbour", 99, 8)), png);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"devices/{phoneId}")).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_is_served_on_loopback_when_asked_for_and_refused_on_any_other_address()
    {
        var clusterId = "dash-" + Guid.NewGuid().ToString("N")[..6];
        var ports = SiloPorts.Allocate();
        await using (var silo = SiloProcess.Start(clusterId, "", ports, new Dictionary<string, string> { ["Silo__Mode"] = "Embedded", ["Silo__Dashboard"] = "true" }))
        {
            await silo.WaitForActiveSilosAsync(1, TimeSpan.FromSeconds(90));
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports.Http}/") };
            var page = await http.GetAsync("dashboard");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        }

        await using (var plain = SiloProcess.StartEmbedded(clusterId + "-off", SiloPorts.Allocate()))
        {
            await plain.WaitForActiveSilosAsync(1, TimeSpan.FromSeconds(90));
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{plain.Ports.Http}/") };
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("dashboard")).StatusCode);
        }

        await using var exposed = SiloProcess.Start(clusterId + "-exposed", "", SiloPorts.Allocate(), new Dictionary<string, string>
        {
            ["Silo__Mode"] = "Embedded",
            ["Silo__Dashboard"] = "true",
            ["Silo__AdvertisedAddress"] = "10.20.30.40",
        });
        await Assert.ThrowsAnyAsync<Exception>(() => exposed.WaitForActiveSilosAsync(1, TimeSpan.FromSeconds(60)));
        Assert.True(exposed.HasExited, "a silo with the dashboard on a non-loopback address should refuse to start");
        Assert.Equal(2, exposed.ExitCode);
        Assert.Contains("loopback address only", exposed.Output);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, JobRequest request, string nodeId, string secret)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "jobs") { Content = JsonContent.Create(request, options: Json) };
        message.Headers.Authorization = new AuthenticationHeaderValue("Node", $"{nodeId}:{secret}");
        return http.SendAsync(message);
    }

    private static async Task<List<JobStatus>> ReadEventsAsync(HttpClient http, string path)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var events = new List<JobStatus>();
        while (await reader.ReadLineAsync(cts.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add(JsonSerializer.Deserialize<JobStatus>(line["data: ".Length..], Json)!);
            }
        }

        return events;
    }
}
