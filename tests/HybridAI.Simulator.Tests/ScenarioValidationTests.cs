using System.Text.Json.Nodes;
using HybridAI.Simulator.Latencies;
using HybridAI.Simulator.Scenarios;

namespace HybridAI.Simulator.Tests;

public sealed class ScenarioValidationTests
{
    [Fact]
    public void Missing_field_is_named_in_the_error()
    {
        var json = TestScenarios.Json();
        json["devices"]!.AsObject().Remove("count");

        var e = Assert.Throws<InvalidScenarioException>(() => ScenarioLoader.Parse(json.ToJsonString(), "broken.json"));

        Assert.Equal("devices.count", e.Field);
        Assert.Contains("'devices.count' is missing", e.Message, StringComparison.Ordinal);
        Assert.Contains("broken.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_device_count_is_rejected_naming_the_field()
    {
        var json = TestScenarios.Json();
        json["devices"]!["count"] = -5;

        var e = Assert.Throws<InvalidScenarioException>(() => ScenarioLoader.Parse(json.ToJsonString(), "broken.json"));

        Assert.Equal("devices.count", e.Field);
        Assert.Contains("cannot be negative", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_slots_in_a_nested_array_name_the_element()
    {
        var json = TestScenarios.Json();
        json["cloudPools"]![1]!["slots"] = -1;

        var e = Assert.Throws<InvalidScenarioException>(() => ScenarioLoader.Parse(json.ToJsonString(), "broken.json"));

        Assert.Equal("cloudPools[1].slots", e.Field);
    }

    [Fact]
    public void Missing_nested_profile_field_names_the_profile()
    {
        var json = TestScenarios.Json();
        json["devices"]!["profiles"]![2]!.AsObject().Remove("powerWatts");

        var e = Assert.Throws<InvalidScenarioException>(() => ScenarioLoader.Parse(json.ToJsonString(), "broken.json"));

        Assert.Equal("devices.profiles[2].powerWatts", e.Field);
    }

    [Fact]
    public void Wrong_type_and_unknown_names_are_rejected()
    {
        var json = TestScenarios.Json();
        json["seed"] = "forty-two";
        var e = Assert.Throws<InvalidScenarioException>(() => ScenarioLoader.Parse(json.ToJsonString(), "broken.json"));
        Assert.Equal("seed", e.Field);

        json = TestScenarios.Json();
        json["policies"] = new JsonArray("Hybrid", "Magic");
        e = Assert.Throws<InvalidScenarioException>(() => ScenarioLoader.Parse(json.ToJsonString(), "broken.json"));
        Assert.Equal("policies", e.Field);
        Assert.Contains("Magic", e.Message, StringComparison.Ordinal);

        json = TestScenarios.Json();
        json["devices"]!["profiles"]![0]!["stages"] = new JsonArray("Tokenize", "Upscale");
        e = Assert.Throws<InvalidScenarioException>(() => ScenarioLoader.Parse(json.ToJsonString(), "broken.json"));
        Assert.Equal("devices.profiles[0].stages", e.Field);
    }

    [Fact]
    public void Malformed_json_is_reported_as_such()
    {
        var e = Assert.Throws<InvalidScenarioException>(() => ScenarioLoader.Parse("{ \"name\": ", "broken.json"));
        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_committed_scenario_parses()
    {
        var files = Directory.GetFiles(Path.GetDirectoryName(TestScenarios.ScenarioPath("default.json"))!, "*.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var scenario = ScenarioLoader.Load(file);
            Assert.Equal("../results/pipelines.json", scenario.Latencies.Path);
        }
    }

    [Fact]
    public void Missing_latency_file_is_refused_with_a_clear_message()
    {
        var scenario = TestScenarios.Small();

        var e = Assert.Throws<LatenciesUnavailableException>(() => LatencyFileReader.Read("/nonexistent/pipelines.json", scenario.Latencies));

        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
        Assert.Contains("--latencies", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Latency_file_is_read_in_the_pipelines_bench_schema_with_derived_variants()
    {
        var scenario = TestScenarios.Small();

        var latencies = LatencyFileReader.Read(TestScenarios.FixturePath, scenario.Latencies);

        Assert.True(latencies.TryGet(Planning.StageKind.DenoiseStep, "base-int8", out var int8));
        Assert.Equal(38.6, int8, 6);
        Assert.True(latencies.TryGet(Planning.StageKind.DenoiseStep, "base-int4", out var int4));
        Assert.Equal(38.6 * 0.75, int4, 6);
        Assert.Contains(latencies.Notes, n => n.Contains("base-int4", StringComparison.Ordinal) && n.Contains("derived", StringComparison.Ordinal));
    }

    [Fact]
    public void Latency_file_without_stages_is_refused()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "{\"something\": []}");
            var e = Assert.Throws<LatenciesUnavailableException>(() => LatencyFileReader.Read(path, TestScenarios.Small().Latencies));
            Assert.Contains("'stages'", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
