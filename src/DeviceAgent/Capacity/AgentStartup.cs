using System.Diagnostics;
using HybridAI.Contracts.Nodes;
using HybridAI.DeviceAgent.Configuration;
using HybridAI.Pipelines.Models;
using HybridAI.Pipelines.Tensors;
using HybridAI.Pipelines.TextToImage;
using HybridAI.Pipelines.Transport;

namespace HybridAI.DeviceAgent.Capacity;

/// <summary>
/// Before the agent joins the cluster: prepares every model variant it holds (generating the models on first use)
/// and benchmarks each stage under the profile's throttle, so it registers with measured numbers.
/// </summary>
public sealed partial class AgentStartup(AgentSettings settings, ModelShelf shelf, CapacityMeter meter, AgentReadiness readiness, ILogger<AgentStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var size in settings.ModelSizes)
            {
                foreach (var precision in settings.Precisions)
                {
                    await PrepareAsync(Enum.Parse<ModelSize>(size, ignoreCase: true), Enum.Parse<ModelPrecision>(precision, ignoreCase: true), cancellationToken);
                }
            }

            readiness.MarkReady();
        }
        catch (Exception e)
        {
            readiness.MarkFailed(e);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task PrepareAsync(ModelSize size, ModelPrecision precision, CancellationToken ct)
    {
        var variant = ModelShelf.VariantName(size, precision);
        Preparing(logger, variant);
        var clock = Stopwatch.StartNew();
        var models = await Task.Run(() => GeneratedModelCache.GetOrCreate(size, precision, settings.Options.ModelCache), ct);
        var runner = new TextToImageRunner(models, settings.Executor);
        shelf.Add(variant, runner);
        var sizes = await MeasureOutputSizesAsync(runner, ct);
        var latencies = await StageBenchmark.MeasureAsync(runner, settings.Options.BenchmarkIterations, ct);
        meter.Seed(StageKind.Tokenize, variant, Math.Max(latencies.TokenizeMs, 0.01), sizes.TokenIds);
        meter.Seed(StageKind.TextEncode, variant, latencies.TextEncodeMs, sizes.Embedding);
        meter.Seed(StageKind.DenoiseStep, variant, latencies.DenoiseStepMs, sizes.Latent);
        meter.Seed(StageKind.Decode, variant, latencies.DecodeMs, sizes.Image);
        Measured(logger, variant, latencies.TextEncodeMs, latencies.DenoiseStepMs, latencies.DecodeMs, settings.Threads, settings.SlowdownFactor, clock.ElapsedMilliseconds);
    }

    // What each stage hands to the next, in the transport format: the bytes that move if the next stage runs elsewhere.
    private static async Task<(long TokenIds, long Embedding, long Latent, long Image)> MeasureOutputSizesAsync(TextToImageRunner runner, CancellationToken ct)
    {
        var job = new TextToImageJob("size probe", 1, 2);
        var ids = await runner.RunAsync(new TextToImageStage.Tokenize(), job, TensorBundle.Empty, ct);
        var hidden = await runner.RunAsync(new TextToImageStage.TextEncode(), job, ids, ct);
        var latent = await runner.RunAsync(new TextToImageStage.Denoise(0, 1), job, hidden, ct);
        var image = await runner.RunAsync(new TextToImageStage.Decode(), job, latent, ct);
        var carried = new TensorBundle(latent.Concat(hidden));
        return (TensorCodec.EncodeBundle(ids).Length, TensorCodec.EncodeBundle(hidden).Length, TensorCodec.EncodeBundle(carried).Length,
            image[TextToImageTensors.ImagePng].Data.Length);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Preparing model variant {Variant} (generated on first use)")]
    private static partial void Preparing(ILogger logger, string variant);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Measured {Variant}: text-encode {EncodeMs:F1} ms, denoise step {StepMs:F1} ms, decode {DecodeMs:F1} ms ({Threads} threads, slowdown x{Slowdown}) in {TotalMs} ms")]
    private static partial void Measured(ILogger logger, string variant, double encodeMs, double stepMs, double decodeMs, int threads, double slowdown, long totalMs);
}
