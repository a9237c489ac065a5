using System.Text.Json.Nodes;
using HybridAI.Simulator.Scenarios;

namespace HybridAI.Simulator.Tests;

public sealed class InfeasibilityTests
{
    [Fact]
    public void Fleet_without_denoise_capable_devices_makes_device_only_infeasible_and_reports_it()
    {
        var scenario = TestScenarios.Small(json =>
        {
            foreach (var profile in json["devices"]!["profiles"]!.AsArray())
            {
                profile!["stages"] = new JsonArray("Tokenize", "TextEncode", "Decode");
                profile["privacy"] = new JsonObject { ["standard"] = 0.5, ["strict"] = 0.5, ["localOnly"] = 0.0 };
            }
        });

        var result = TestScenarios.Run(scenario);

        var deviceOnly = result.Get(SimPolicy.DeviceOnly)!;
        Assert.Equal(deviceOnly.Jobs, deviceOnly.Infeasible);
        Assert.Equal(0, deviceOnly.DeadlineAttainment);
        Assert.NotEmpty(deviceOnly.InfeasibleSamples);
        Assert.Contains("DenoiseStep", deviceOnly.InfeasibleSamples[0], StringComparison.Ordinal);
        Assert.True(double.IsNaN(deviceOnly.LatencyP50Ms));

        var hybrid = result.Get(SimPolicy.Hybrid)!;
        Assert.Equal(0, hybrid.Infeasible);
        Assert.Equal(hybrid.Jobs, hybrid.Completed);
        Assert.True(hybrid.CloudGpuSeconds + hybrid.EdgeSeconds > 0);
    }

    [Fact]
    public void Report_of_an_infeasible_policy_is_written_without_crashing()
    {
        var scenario = TestScenarios.Small(json =>
        {
            foreach (var profile in json["devices"]!["profiles"]!.AsArray())
            {
                profile!["stages"] = new JsonArray("Tokenize", "TextEncode");
            }
        }, devices: 100, hours: 2);
        var result = TestScenarios.Run(scenario);
        var folder = Directory.CreateTempSubdirectory("sim-report-");
        try
        {
            var files = Reports.ResultWriter.WriteAll(result, MachineInfo.Capture(), folder.FullName, "simulator", "sim-");

            Assert.Contains(files, f => f.EndsWith("simulator.json", StringComparison.Ordinal));
            var md = File.ReadAllText(Path.Combine(folder.FullName, "simulator.md"));
            Assert.Contains("Infeasible examples", md, StringComparison.Ordinal);
            foreach (var svg in files.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)))
            {
                System.Xml.Linq.XDocument.Load(svg);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
