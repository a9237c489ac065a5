namespace HybridAI.Simulator.Latencies;

/// <summary>The measured latencies file is missing or holds no usable measurement; the simulator refuses to invent numbers.</summary>
public sealed class LatenciesUnavailableException(string path, string problem)
    : Exception($"Measured stage latencies '{path}' {problem} The simulator only uses measured latencies: run the pipelines benchmark (bench/HybridAI.Pipelines.Bench) to write bench/results/pipelines.json, or pass --latencies <file>.")
{
    public string Path { get; } = path;
}
