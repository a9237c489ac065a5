using System.Text.Json;
using Microsoft.ML.OnnxRuntime;

namespace HybridAI.Pipelines.Bench;

/// <summary>`--profile &lt;model.onnx&gt;`: runs a model with ORT profiling and prints time per operator type (where INT8 time goes).</summary>
internal static class OperatorProfile
{
    public static void Run(string modelPath, Func<InferenceSession, Dictionary<string, OrtValue>> feeds, int iterations)
    {
        string prefix = Path.Combine(Path.GetTempPath(), "hybridai-profile-" + Guid.NewGuid().ToString("N"));
        using var options = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, EnableProfiling = true, ProfileOutputPathPrefix = prefix };
        using var session = new InferenceSession(modelPath, options);
        var inputs = feeds(session);
        using var runOptions = new RunOptions();
        for (int i = 0; i < iterations; i++)
        {
            using var _ = session.Run(runOptions, inputs, session.OutputNames);
        }

        string file = session.EndProfiling();
        var totals = new Dictionary<string, double>();
        using (var doc = JsonDocument.Parse(File.ReadAllText(file)))
        {
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                if (e.GetProperty("cat").GetString() == "Node" && e.TryGetProperty("args", out var a) && a.TryGetProperty("op_name", out var op) && e.GetProperty("name").GetString()!.EndsWith("_kernel_time", StringComparison.Ordinal))
                {
                    totals[op.GetString()!] = totals.GetValueOrDefault(op.GetString()!) + e.GetProperty("dur").GetDouble() / 1000.0 / iterations;
                }
            }
        }

        File.Delete(file);
        foreach (var (op, ms) in totals.OrderByDescending(kv => kv.Value))
        {
            Console.WriteLine($"{op,-28} {ms,8:F2} ms/run");
        }

        foreach (var v in inputs.Values)
        {
            v.Dispose();
        }
    }
}
