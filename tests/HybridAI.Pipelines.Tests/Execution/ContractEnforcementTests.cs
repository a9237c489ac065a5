using System.Diagnostics;
using HybridAI.Pipelines.Execution;
using HybridAI.Pipelines.Models;
using HybridAI.Pipelines.Tensors;
using HybridAI.Pipelines.Tests.Support;
using HybridAI.Pipelines.TextToImage;

namespace HybridAI.Pipelines.Tests.Execution;

public sealed class ContractEnforcementTests : IClassFixture<TinyRunners>
{
    private static readonly TextToImageJob Job = new("a red sports car", Seed: 11, Steps: 4);
    private readonly TinyRunners _runners;

    public ContractEnforcementTests(TinyRunners runners) => _runners = runners;

    private async Task<TensorBundle> Hidden()
    {
        var ids = await _runners.Fp32.RunAsync(new TextToImageStage.Tokenize(), Job, TensorBundle.Empty);
        return await _runners.Fp32.RunAsync(new TextToImageStage.TextEncode(), Job, ids);
    }

    [Fact]
    public async Task A_latent_of_the_wrong_shape_is_rejected_naming_stage_tensor_and_expected_shape()
    {
        var inputs = (await Hidden()).With(TextToImageTensors.Latent, HostTensor.FromFloats(new float[4 * 9 * 9], 1, 4, 9, 9));
        var e = await Assert.ThrowsAsync<TensorContractException>(() => _runners.Fp32.RunAsync(new TextToImageStage.Denoise(1, 2), Job, inputs));
        Assert.Equal("denoise[1,2)", e.Stage);
        Assert.Equal("latent", e.Tensor);
        Assert.Contains("[1,4,8,8]", e.Message);
        Assert.Contains("[1,4,9,9]", e.Message);
    }

    [Fact]
    public async Task A_latent_of_the_wrong_element_type_is_rejected()
    {
        var inputs = (await Hidden()).With(TextToImageTensors.Latent, HostTensor.Create<double>(new double[256], 1, 4, 8, 8));
        var e = await Assert.ThrowsAsync<TensorContractException>(() => _runners.Fp32.RunAsync(new TextToImageStage.Decode(), Job, inputs));
        Assert.Equal("decode", e.Stage);
        Assert.Contains("expected element type float32 but got float64", e.Message);
    }

    [Fact]
    public async Task A_nan_in_the_text_embedding_is_rejected_before_the_unet_runs()
    {
        var hidden = (await Hidden())[TextToImageTensors.LastHiddenState];
        var poisoned = hidden.ToArray<float>();
        poisoned[17] = float.NaN;
        var inputs = new TensorBundle { { TextToImageTensors.LastHiddenState, HostTensor.FromFloats(poisoned, hidden.Shape) } };
        var e = await Assert.ThrowsAsync<TensorContractException>(() => _runners.Fp32.RunAsync(new TextToImageStage.Denoise(0, 1), Job, inputs));
        Assert.Equal("last_hidden_state", e.Tensor);
        Assert.Contains("element 17 is NaN", e.Message);
    }

    [Fact]
    public async Task Resuming_denoise_without_the_latent_is_rejected()
    {
        var hidden = await Hidden();
        var e = await Assert.ThrowsAsync<TensorContractException>(() => _runners.Fp32.RunAsync(new TextToImageStage.Denoise(2, 4), Job, hidden));
        Assert.Equal("latent", e.Tensor);
        Assert.Contains("step 1", e.Message);
    }

    [Fact]
    public async Task Token_ids_of_the_wrong_length_are_rejected_by_the_text_encoder()
    {
        var inputs = new TensorBundle { { TextToImageTensors.InputIds, HostTensor.FromInt32(new int[10], 1, 10) } };
        var e = await Assert.ThrowsAsync<TensorContractException>(() => _runners.Fp32.RunAsync(new TextToImageStage.TextEncode(), Job, inputs));
        Assert.Equal("text_encode", e.Stage);
        Assert.Equal("input_ids", e.Tensor);
    }

    [Fact]
    public async Task A_corrupt_unet_file_is_rejected_naming_the_file()
    {
        using var temp = new TempFolder();
        CopyFolder(TinyModels.Fp32.Folder, temp.Path);
        string unet = Path.Combine(temp.Path, "unet", "model.onnx");
        byte[] bytes = File.ReadAllBytes(unet);
        File.WriteAllBytes(unet, bytes[..(bytes.Length / 3)]);
        using var runner = new TextToImageRunner(ModelSet.FromFolder(temp.Path));
        var e = await Assert.ThrowsAsync<InvalidModelException>(() => runner.RunWholeAsync(Job));
        Assert.Equal(unet, e.ModelPath);
    }

    [Fact]
    public void A_model_folder_missing_a_model_is_rejected_naming_it()
    {
        using var temp = new TempFolder();
        CopyFolder(TinyModels.Fp32.Folder, temp.Path);
        File.Delete(Path.Combine(temp.Path, "vae_decoder", "model.onnx"));
        var e = Assert.Throws<FileNotFoundException>(() => ModelSet.FromFolder(temp.Path));
        Assert.Contains("vae_decoder", e.Message);
    }

    [Fact]
    public async Task A_user_folder_in_sd_export_layout_runs_through_the_same_path_as_generated_models()
    {
        using var temp = new TempFolder();
        CopyFolder(TinyModels.Fp32.Folder, temp.Path);
        using var runner = new TextToImageRunner(ModelSet.FromFolder(temp.Path, latentSize: 8));
        Assert.Equal(await _runners.Fp32.RunWholeAsync(Job), await runner.RunWholeAsync(Job));
    }

    [Fact]
    public async Task A_cancelled_token_stops_the_denoise_loop()
    {
        using var cts = new CancellationTokenSource();
        var progress = new CancelAfterFirstStep(cts);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _runners.Fp32.RunWholeAsync(Job with { Steps = 50 }, progress, cts.Token));
        Assert.InRange(progress.DenoiseReports, 1, 2);
    }

    [Fact]
    public void A_slowdown_factor_below_one_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TextToImageRunner(TinyModels.Fp32, new ExecutorOptions { SlowdownFactor = 0.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TextToImageRunner(TinyModels.Fp32, new ExecutorOptions { IntraOpThreads = 0 }));
    }

    [Fact]
    public async Task A_slowdown_factor_stretches_each_stage_run()
    {
        var job = Job with { Steps = 6 };
        var hidden = await Hidden();
        using var slow = new TextToImageRunner(TinyModels.Fp32, new ExecutorOptions { SlowdownFactor = 11 });
        await slow.RunAsync(new TextToImageStage.Denoise(0, 1), job, hidden); // load the session outside the timing
        double fast = double.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            await _runners.Fp32.RunAsync(new TextToImageStage.Denoise(0, 6), job, hidden);
            fast = Math.Min(fast, sw.Elapsed.TotalMilliseconds);
        }

        var watch = Stopwatch.StartNew();
        await slow.RunAsync(new TextToImageStage.Denoise(0, 6), job, hidden);
        Assert.True(watch.Elapsed.TotalMilliseconds >= 5 * fast, $"slowed {watch.Elapsed.TotalMilliseconds:F1} ms vs normal {fast:F1} ms");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private sealed class CancelAfterFirstStep(CancellationTokenSource cts) : IProgress<StageProgress>
    {
        public int DenoiseReports;

        public void Report(StageProgress value)
        {
            if (value.Stage.StartsWith("denoise", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref DenoiseReports);
                cts.Cancel();
            }
        }
    }
}
