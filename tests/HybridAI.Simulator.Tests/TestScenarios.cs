using System.Text.Json;
using System.Text.Json.Nodes;
using HybridAI.Simulator.Latencies;
using HybridAI.Simulator.Scenarios;
using HybridAI.Simulator.Simulation;

namespace HybridAI.Simulator.Tests;

/// <summary>Small variants of the committed default scenario, with the fixture latencies.</summary>
internal static class TestScenarios
{
    public static string FixturePath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "pipelines.sample.json");

    public static string ScenarioPath(string name) => Path.Combine(AppContext.BaseDirectory, "Scenarios", name);

    public static JsonObject Json(string name = "default.json") =>
        JsonNode.Parse(File.ReadAllText(ScenarioPath(name)), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();

    public static Scenario Small(Action<JsonObject>? edit = null, int devices = 400, double hours = 6, string name = "default.json")
    {
        var json = Json(name);
        json["devices"]!["count"] = devices;
        json["durationHours"] = hours;
        json["regions"] = 2;
        edit?.Invoke(json);
        return ScenarioLoader.Parse(json.ToJsonString(), "test-scenario.json");
    }

    public static MeasuredLatencies Latencies(Scenario scenario) => LatencyFileReader.Read(FixturePath, scenario.Latencies);

    public static SimulationResult Run(Scenario scenario) => FleetSimulator.Run(scenario, Latencies(scenario));
}
