using System.Diagnostics;
using HybridAI.Pipelines.Models;
using Microsoft.ML.OnnxRuntime;

var sw = Stopwatch.StartNew();
foreach (var size in new[] { ModelSize.Tiny, ModelSize.Base })
foreach (var p in new[] { ModelPrecision.Fp32, ModelPrecision.Int8 })
{
    sw.Restart();
    var set = GeneratedModelCache.GetOrCreate(size, p, "/tmp/hybridai-scratch");
    Console.WriteLine($"{set.Variant} gen {sw.ElapsedMilliseconds} ms");
    using var so = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
    foreach (var (path, feeds) in new (string, Func<Dictionary<string, OrtValue>>)[] {
        (set.UNetPath, () => new() {
            ["sample"] = OrtValue.CreateTensorValueFromMemory(new float[4 * set.LatentSize * set.LatentSize], [1, 4, set.LatentSize, set.LatentSize]),
            ["timestep"] = OrtValue.CreateTensorValueFromMemory(new long[] { 500 }, [1]),
            ["encoder_hidden_states"] = OrtValue.CreateTensorValueFromMemory(new float[77 * (size == ModelSize.Tiny ? 32 : 256)], [1, 77, size == ModelSize.Tiny ? 32 : 256]) }),
        (set.VaeDecoderPath, () => new() {
            ["latent_sample"] = OrtValue.CreateTensorValueFromMemory(new float[4 * set.LatentSize * set.LatentSize], [1, 4, set.LatentSize, set.LatentSize]) }),
        (set.TextEncoderPath, () => new() {
            ["input_ids"] = OrtValue.CreateTensorValueFromMemory(new int[77], [1, 77]) }) })
    {
        sw.Restart();
        using var s = new InferenceSession(path, so);
        var load = sw.ElapsedMilliseconds;
        var f = feeds();
        using var ro = new RunOptions();
        var times = new List<double>();
        for (int i = 0; i < 6; i++)
        {
            sw.Restart();
            using var r = s.Run(ro, f, s.OutputNames);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"  {Path.GetFileName(Path.GetDirectoryName(path))}: load {load} ms, median {times[3]:F1} ms, size {new FileInfo(path).Length / 1024} KB");
    }
}
