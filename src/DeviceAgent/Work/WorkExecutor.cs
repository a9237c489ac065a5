using System.Diagnostics;
using HybridAI.Contracts.Nodes;
using HybridAI.Contracts.Work;
using HybridAI.DeviceAgent.Capacity;
using HybridAI.Pipelines.Tensors;
using HybridAI.Pipelines.TextToImage;
using HybridAI.Pipelines.Transport;

namespace HybridAI.DeviceAgent.Work;

/// <summary>
/// Runs a work item's stage range on the stage executor: tokenize (0), text-encode (1), denoise steps (2..steps+1),
/// decode (steps+2). The output is the tensor bundle the next stage needs, or the PNG when the range ends the job.
/// </summary>
public sealed class WorkExecutor(ModelShelf shelf, CapacityMeter meter)
{
    public async Task<byte[]> RunAsync(WorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var decodeStage = item.Steps + 2;
        if (item.FirstStage < 0 || item.LastStage > decodeStage || item.FirstStage > item.LastStage)
        {
            throw new ArgumentException($"Work item {item.WorkItemId} covers stages {item.FirstStage}-{item.LastStage}, outside 0-{decodeStage}.", nameof(item));
        }

        if (item.FirstStage == 0 && string.IsNullOrEmpty(item.Prompt))
        {
            throw new ArgumentException($"Work item {item.WorkItemId} starts at tokenize but carries no prompt.", nameof(item));
        }

        var runner = shelf.Get(item.Variant);
        var job = new TextToImageJob(item.Prompt ?? "", unchecked((ulong)item.Seed), item.Steps);
        var bundle = item.Inputs.Length == 0 ? TensorBundle.Empty : TensorCodec.DecodeBundle(item.Inputs);
        var stage = item.FirstStage;
        while (stage <= item.LastStage)
        {
            var clock = Stopwatch.StartNew();
            if (stage == 0)
            {
                bundle = await runner.RunAsync(new TextToImageStage.Tokenize(), job, bundle, cancellationToken);
                meter.Observe(StageKind.Tokenize, item.Variant, clock.Elapsed.TotalMilliseconds);
                stage = 1;
            }
            else if (stage == 1)
            {
                bundle = await runner.RunAsync(new TextToImageStage.TextEncode(), job, bundle, cancellationToken);
                meter.Observe(StageKind.TextEncode, item.Variant, clock.Elapsed.TotalMilliseconds);
                stage = 2;
            }
            else if (stage < decodeStage)
            {
                var last = Math.Min(item.LastStage, decodeStage - 1);
                var from = stage - 2;
                var to = last - 2 + 1;
                var hidden = bundle[TextToImageTensors.LastHiddenState];
                var latent = await runner.RunAsync(new TextToImageStage.Denoise(from, to), job, bundle, cancellationToken);
                meter.Observe(StageKind.DenoiseStep, item.Variant, clock.Elapsed.TotalMilliseconds / (to - from));
                // Later denoise steps need the text embedding too; decode needs only the latent.
                bundle = to < item.Steps ? latent.With(TextToImageTensors.LastHiddenState, hidden) : latent;
                stage = last + 1;
            }
            else
            {
                var image = await runner.RunAsync(new TextToImageStage.Decode(), job, bundle, cancellationToken);
                meter.Observe(StageKind.Decode, item.Variant, clock.Elapsed.TotalMilliseconds);
                return image[TextToImageTensors.ImagePng].Data;
            }
        }

        return TensorCodec.EncodeBundle(bundle);
    }
}
