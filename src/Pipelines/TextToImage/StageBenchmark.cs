using System.Diagnostics;
using HybridAI.Pipelines.Tensors;

namespace HybridAI.Pipelines.TextToImage;

/// <summary>Start-up capacity probe: median latency of each text-to-image stage on this machine, after one warm-up.</summary>
public static class StageBenchmark
{
    public static async Task<StageLatencies> MeasureAsync(TextToImageRunner runner, int iterations = 5, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var job = new TextToImageJob("a photo of a cat", Seed: 42, Steps: 20);
        var tokenize = new List<double>();
        var encode = new List<double>();
        var denoise = new List<double>();
        var decode = new List<double>();
        for (int i = 0; i <= iterations; i++)
        {
            bool warmUp = i == 0;
            var (ids, t1) = await Timed(runner, new TextToImageStage.Tokenize(), job, TensorBundle.Empty, cancellationToken);
            var (hidden, t2) = await Timed(runner, new TextToImageStage.TextEncode(), job, ids, cancellationToken);
            var (latent, t3) = await Timed(runner, new TextToImageStage.Denoise(0, 1), job, hidden, cancellationToken);
            var (_, t4) = await Timed(runner, new TextToImageStage.Decode(), job, latent, cancellationToken);
            if (!warmUp)
            {
                tokenize.Add(t1);
                encode.Add(t2);
                denoise.Add(t3);
                decode.Add(t4);
            }
        }

        return new StageLatencies(runner.Variant, Median(tokenize), Median(encode), Median(denoise), Median(decode), iterations);
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static async Task<(TensorBundle Output, double Milliseconds)> Timed(TextToImageRunner runner, TextToImageStage stage, TextToImageJob job, TensorBundle inputs, CancellationToken ct)
    {
        long start = Stopwatch.GetTimestamp();
        var output = await runner.RunAsync(stage, job, inputs, ct).ConfigureAwait(false);
        return (output, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }
}
