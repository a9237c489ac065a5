using System.Collections.Concurrent;
using System.Diagnostics;
using HybridAI.Contracts.Jobs;
using HybridAI.DeviceAgent.Capacity;
using HybridAI.DeviceAgent.Cluster;
using HybridAI.DeviceAgent.Configuration;
using HybridAI.Pipelines.Tensors;
using HybridAI.Pipelines.TextToImage;
using HybridAI.Pipelines.Transport;

namespace HybridAI.DeviceAgent.LocalApi;

/// <summary>
/// Submits jobs for apps on this device, with the device as origin. Strict prompts are tokenized and encoded here and
/// only the embedding goes to the cluster; LocalOnly jobs run here entirely and the cluster never hears of them.
/// </summary>
public sealed class LocalSubmitter(NodeConnection connection, AgentSettings settings, ModelShelf shelf, AgentReadiness readiness, TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, (JobStatus Status, byte[] Png)> _localJobs = new();

    public async Task<JobStatus> SubmitAsync(LocalJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (settings.Profile.Kind != Contracts.Nodes.NodeKind.Device)
        {
            throw new InvalidOperationException($"Only device agents submit jobs; this agent is a {settings.Profile.Name}.");
        }

        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            throw new ArgumentException("The prompt is empty.", nameof(request));
        }

        await readiness.Ready.WaitAsync(cancellationToken);
        var size = request.ModelSize ?? settings.ModelSizes[0];
        var variant = shelf.PreferredFor(size);
        var runner = shelf.Get(variant);
        var job = new TextToImageJob(request.Prompt, unchecked((ulong)request.Seed), request.Steps);
        job.Validate();
        var jobId = Guid.NewGuid();
        var origin = settings.Options.NodeId;

        switch (request.Privacy)
        {
            case PrivacyLevel.LocalOnly:
                return await RunLocallyAsync(jobId, request, job, runner, variant, cancellationToken);

            case PrivacyLevel.Strict:
                var started = time.GetUtcNow();
                var clock = Stopwatch.StartNew();
                var ids = await runner.RunAsync(new TextToImageStage.Tokenize(), job, TensorBundle.Empty, cancellationToken);
                var hidden = await runner.RunAsync(new TextToImageStage.TextEncode(), job, ids, cancellationToken);
                var embedding = TensorCodec.EncodeBundle(hidden);
                var trace = new StageTraceEntry(0, 1, "Tokenize..TextEncode", origin, origin, variant, started, time.GetUtcNow(),
                    clock.Elapsed.TotalMilliseconds, 0, embedding.Length, clock.Elapsed.TotalMilliseconds / 1000 * settings.PricePerSecond);
                return await connection.Client.GetGrain<IJobGrain>(jobId).SubmitAsync(settings.Credential, new JobRequest(
                    origin, null, request.Steps, request.Seed, size, request.DeadlineMs, PrivacyLevel.Strict, request.Policy, embedding, 2, [trace]));

            default:
                return await connection.Client.GetGrain<IJobGrain>(jobId).SubmitAsync(settings.Credential, new JobRequest(
                    origin, request.Prompt, request.Steps, request.Seed, size, request.DeadlineMs, PrivacyLevel.Standard, request.Policy, [], 0, []));
        }
    }

    public async Task<JobStatus> GetStatusAsync(Guid jobId) =>
        _localJobs.TryGetValue(jobId, out var local) ? local.Status : await connection.Client.GetGrain<IJobGrain>(jobId).GetStatusAsync();

    public async Task<byte[]> GetResultAsync(Guid jobId) =>
        _localJobs.TryGetValue(jobId, out var local) ? local.Png : await connection.Client.GetGrain<IJobGrain>(jobId).GetResultAsync();

    private async Task<JobStatus> RunLocallyAsync(Guid jobId, LocalJobRequest request, TextToImageJob job, TextToImageRunner runner, string variant, CancellationToken ct)
    {
        var origin = settings.Options.NodeId;
        var started = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var png = await runner.RunWholeAsync(job, cancellationToken: ct);
        var finished = time.GetUtcNow();
        var last = request.Steps + 2;
        var trace = new StageTraceEntry(0, last, "Tokenize..Decode", origin, origin, variant, started, finished, clock.Elapsed.TotalMilliseconds, 0, png.Length,
            clock.Elapsed.TotalMilliseconds / 1000 * settings.PricePerSecond);
        var status = new JobStatus(jobId, JobState.Completed, origin, PrivacyLevel.LocalOnly, null, last + 1, last + 1, [trace], 0, null, started, finished, png.Length, null);
        _localJobs[jobId] = (status, png);
        return status;
    }
}
