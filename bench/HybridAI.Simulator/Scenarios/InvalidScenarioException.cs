namespace HybridAI.Simulator.Scenarios;

/// <summary>A scenario file is malformed; <see cref="Field"/> names the offending field (a JSON path such as "devices.count").</summary>
public sealed class InvalidScenarioException(string source, string field, string problem)
    : Exception($"Invalid scenario '{source}': field '{field}' {problem}")
{
    public string ScenarioFile { get; } = source;

    public string Field { get; } = field;
}
