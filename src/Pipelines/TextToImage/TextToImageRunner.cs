using System.Diagnostics;
using HybridAI.Pipelines.Definitions;
using HybridAI.Pipelines.Execution;
using HybridAI.Pipelines.Imaging;
using HybridAI.Pipelines.Models;
using HybridAI.Pipelines.Sampling;
using HybridAI.Pipelines.Tensors;
using HybridAI.Pipelines.Text;
using Microsoft.ML.OnnxRuntime;

namespace HybridAI.Pipelines.TextToImage;

/// <summary>
/// Runs text-to-image stages on one model set, whole or split: any stage can run on any node given its input bundle,
/// and the denoise loop can be cut at any step. Generated models and a real SD 1.5 ONNX export take the same path.
/// </summary>
public sealed class TextToImageRunner : IDisposable
{
    private const int LatentChannels = 4;
    private static readonly string[] UNetInputs = ["sample", "timestep", "encoder_hidden_states"];
    private static readonly string[] UNetOutputs = ["out_sample"];
    private readonly SessionCache _sessions;
    private readonly Lazy<ClipBpeTokenizer> _tokenizer;
    private readonly DdimScheduler _scheduler = new();

    public TextToImageRunner(ModelSet models, ExecutorOptions? options = null)
    {
        Models = models;
        _sessions = new SessionCache(options ?? ExecutorOptions.Default);
        _tokenizer = new Lazy<ClipBpeTokenizer>(() => ClipBpeTokenizer.FromFolder(models.TokenizerFolder));
    }

    public ModelSet Models { get; }

    public ModelVariant Variant => Models.Variant;

    public ExecutorOptions Options => _sessions.Options;

    public int ImageSize => Models.LatentSize * 8;

    public ClipBpeTokenizer Tokenizer => _tokenizer.Value;

    internal ModelSession TextEncoder => _sessions.Get("text_encode", Models.TextEncoderPath);

    internal ModelSession UNet => _sessions.Get("denoise", Models.UNetPath);

    internal ModelSession VaeDecoder => _sessions.Get("decode", Models.VaeDecoderPath);

    /// <summary>The chain tokenize -> text_encode -> denoise_0..denoise_{steps-1} -> decode with contracts and compute estimates.</summary>
    public PipelineDefinition Describe(int steps)
    {
        var ids = TensorContract.Of(TextToImageTensors.InputIds, TensorElementType.Int32, 1, 77);
        var hidden = HiddenContract();
        var latent = LatentContract();
        var png = TensorContract.Of(TextToImageTensors.ImagePng, TensorElementType.UInt8, "png_bytes");
        var stages = new List<StageDefinition>
        {
            new("tokenize", "tokenize", [], [ids], 0, TouchesPrivateInput: true),
            new("text_encode", "text_encode", [ids], [hidden], TextEncoder.EstimatedFlops ?? 0, TouchesPrivateInput: true),
        };
        for (int i = 0; i < steps; i++)
        {
            stages.Add(new($"denoise_{i}", "denoise_step", i == 0 ? [hidden] : [latent, hidden], [latent], UNet.EstimatedFlops ?? 0, TouchesPrivateInput: false));
        }

        stages.Add(new("decode", "decode", [latent], [png], VaeDecoder.EstimatedFlops ?? 0, TouchesPrivateInput: false));
        return new PipelineDefinition($"text-to-image/{Variant}", stages);
    }

    public Task<TensorBundle> RunAsync(TextToImageStage stage, TextToImageJob job, TensorBundle inputs, CancellationToken cancellationToken = default, IProgress<StageProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(inputs);
        job.Validate();
        return Task.Run(() => RunStage(stage, job, inputs, progress, cancellationToken), cancellationToken);
    }

    /// <summary>The monolithic run: all stages in one process; returns the PNG bytes.</summary>
    public Task<byte[]> RunWholeAsync(TextToImageJob job, IProgress<StageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        job.Validate();
        return Task.Run(() =>
        {
            var bundle = RunStage(new TextToImageStage.Tokenize(), job, TensorBundle.Empty, progress, cancellationToken);
            bundle = RunStage(new TextToImageStage.TextEncode(), job, bundle, progress, cancellationToken);
            bundle = RunStage(new TextToImageStage.Denoise(0, job.Steps), job, bundle, progress, cancellationToken);
            bundle = RunStage(new TextToImageStage.Decode(), job, bundle, progress, cancellationToken);
            return bundle[TextToImageTensors.ImagePng].Data;
        }, cancellationToken);
    }

    private TensorBundle RunStage(TextToImageStage stage, TextToImageJob job, TensorBundle inputs, IProgress<StageProgress>? progress, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        long start = Stopwatch.GetTimestamp();
        var output = stage switch
        {
            TextToImageStage.Tokenize => Tokenize(job),
            TextToImageStage.TextEncode => Encode(inputs, ct),
            TextToImageStage.Denoise d => Denoise(d, job, inputs, progress, start, ct),
            TextToImageStage.Decode => Decode(inputs, ct),
            _ => throw new ArgumentException($"unknown stage {stage}", nameof(stage)),
        };
        if (stage is not TextToImageStage.Denoise)
        {
            progress?.Report(new StageProgress(stage.Name, 1, 1, Stopwatch.GetElapsedTime(start)));
        }

        return output;
    }

    private TensorBundle Tokenize(TextToImageJob job)
    {
        int[] ids = Tokenizer.Encode(job.Prompt);
        return new TensorBundle { { TextToImageTensors.InputIds, HostTensor.FromInt32(ids, 1, ids.Length) } };
    }

    private TensorBundle Encode(TensorBundle inputs, CancellationToken ct)
    {
        var session = TextEncoder;
        var ids = Require(inputs, "text_encode", TensorContract.Of(TextToImageTensors.InputIds, TensorElementType.Int32, 1, Tokenizer.ContextLength));
        var modelInput = session.Input("input_ids");
        var feed = modelInput.ElementType == TensorElementType.Int64
            ? HostTensor.Create<long>(ids.AsSpan<int>().ToArray().Select(i => (long)i).ToArray(), ids.Shape)
            : ids;
        var result = session.Run(new TensorBundle { { "input_ids", feed } }, ct);
        return new TensorBundle { { TextToImageTensors.LastHiddenState, result[TextToImageTensors.LastHiddenState] } };
    }

    private TensorBundle Denoise(TextToImageStage.Denoise stage, TextToImageJob job, TensorBundle inputs, IProgress<StageProgress>? progress, long start, CancellationToken ct)
    {
        if (stage.FromStep < 0 || stage.ToStep > job.Steps || stage.FromStep >= stage.ToStep)
        {
            throw new ArgumentOutOfRangeException(nameof(stage), stage, $"denoise range must satisfy 0 <= from < to <= {job.Steps}");
        }

        var session = UNet;
        string stageName = stage.Name;
        var hidden = Require(inputs, stageName, HiddenContract());
        int size = Models.LatentSize;
        float[] latent;
        if (inputs.ContainsKey(TextToImageTensors.Latent))
        {
            latent = Require(inputs, stageName, LatentContract()).ToArray<float>();
        }
        else if (stage.FromStep == 0)
        {
            latent = LatentNoise.Create(job.Seed, LatentChannels, size, size);
        }
        else
        {
            throw new TensorContractException(stageName, TextToImageTensors.Latent, $"missing; denoising from step {stage.FromStep} needs the latent after step {stage.FromStep - 1}");
        }

        int[] timesteps = DdimScheduler.Timesteps(job.Steps);
        var noise = new float[latent.Length];
        float[] hiddenValues = hidden.ToArray<float>();
        var timestepType = session.Input("timestep").ElementType;
        long[] latentShape = [1, LatentChannels, size, size];
        using var sampleValue = OrtValue.CreateTensorValueFromMemory(latent, latentShape);
        using var hiddenValue = OrtValue.CreateTensorValueFromMemory(hiddenValues, hidden.Shape);
        using var noiseValue = OrtValue.CreateTensorValueFromMemory(noise, latentShape);
        var timestepBuffer = new TimestepBuffer(timestepType, stageName);
        using var timestepValue = timestepBuffer.Value;
        OrtValue[] feeds = [sampleValue, timestepValue, hiddenValue];
        OrtValue[] fetches = [noiseValue];
        for (int step = stage.FromStep; step < stage.ToStep; step++)
        {
            ct.ThrowIfCancellationRequested();
            int t = timesteps[step];
            timestepBuffer.Set(t);
            session.Run(UNetInputs, feeds, UNetOutputs, fetches, ct);
            _scheduler.Step(latent, noise, t, job.Steps);
            progress?.Report(new StageProgress(stageName, step + 1, job.Steps, Stopwatch.GetElapsedTime(start)));
        }

        return new TensorBundle { { TextToImageTensors.Latent, HostTensor.FromFloats(latent, latentShape) } };
    }

    private TensorBundle Decode(TensorBundle inputs, CancellationToken ct)
    {
        var session = VaeDecoder;
        var latent = Require(inputs, "decode", LatentContract());
        var scaled = latent.ToArray<float>();
        for (int i = 0; i < scaled.Length; i++)
        {
            scaled[i] /= ModelSet.VaeScalingFactor;
        }

        var result = session.Run(new TensorBundle { { "latent_sample", HostTensor.FromFloats(scaled, latent.Shape) } }, ct);
        var image = result["sample"];
        int height = (int)image.Shape[2], width = (int)image.Shape[3];
        byte[] png = PngEncoder.EncodeRgb(PngEncoder.ToRgb(image.AsSpan<float>(), width, height), width, height);
        return new TensorBundle { { TextToImageTensors.ImagePng, HostTensor.FromBytes(png) } };
    }

    private TensorContract LatentContract() =>
        TensorContract.Of(TextToImageTensors.Latent, TensorElementType.Float32, 1, LatentChannels, Models.LatentSize, Models.LatentSize);

    private TensorContract HiddenContract()
    {
        var modelInput = UNet.Input("encoder_hidden_states");
        return new TensorContract(TextToImageTensors.LastHiddenState, TensorElementType.Float32, [Dimension.Fixed(1), modelInput.Shape[1], modelInput.Shape[2]]);
    }

    private HostTensor Require(TensorBundle inputs, string stage, TensorContract contract)
    {
        if (!inputs.TryGetValue(contract.Name, out var tensor))
        {
            throw new TensorContractException(stage, contract.Name, $"missing input; expected {TensorElementTypes.Name(contract.ElementType)}{contract.ShapeText}");
        }

        ContractCheck.Check(stage, contract, tensor.ElementType, tensor.Shape, tensor.Data, Options.CheckFiniteInputs);
        return tensor;
    }

    public void Dispose() => _sessions.Dispose();

    /// <summary>The UNet's [1] timestep in whatever element type the model declares (optimum exports use int64, others float).</summary>
    private sealed class TimestepBuffer
    {
        private readonly long[]? _int64;
        private readonly int[]? _int32;
        private readonly float[]? _float32;

        public TimestepBuffer(TensorElementType type, string stage)
        {
            long[] shape = [1];
            switch (type)
            {
                case TensorElementType.Int64: _int64 = new long[1]; Value = OrtValue.CreateTensorValueFromMemory(_int64, shape); break;
                case TensorElementType.Int32: _int32 = new int[1]; Value = OrtValue.CreateTensorValueFromMemory(_int32, shape); break;
                case TensorElementType.Float32: _float32 = new float[1]; Value = OrtValue.CreateTensorValueFromMemory(_float32, shape); break;
                default: throw new TensorContractException(stage, "timestep", $"UNet declares timestep as {TensorElementTypes.Name(type)}; supported: int64, int32, float32");
            }
        }

        public OrtValue Value { get; }

        public void Set(int timestep)
        {
            if (_int64 is not null) _int64[0] = timestep;
            else if (_int32 is not null) _int32[0] = timestep;
            else _float32![0] = timestep;
        }
    }
}
