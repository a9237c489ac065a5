using System.Text.Json.Nodes;
using HybridAI.Simulator.Scenarios;

namespace HybridAI.Simulator.Tests;

public sealed class PrivacyTests
{
    [Fact]
    public void Strict_heavy_fleet_has_zero_privacy_violations_for_every_policy()
    {
        var scenario = TestScenarios.Small(json =>
        {
            foreach (var profile in json["devices"]!["profiles"]!.AsArray())
            {
                profile!["privacy"] = new JsonObject { ["standard"] = 0.05, ["strict"] = 0.85, ["localOnly"] = 0.10 };
            }
        });

        var result = TestScenarios.Run(scenario);

        Assert.Equal(5, result.Policies.Count);
        foreach (var policy in result.Policies)
        {
            Assert.True(policy.StrictJobs > policy.Jobs / 2, $"{policy.Policy}: only {policy.StrictJobs} of {policy.Jobs} jobs are Strict");
            Assert.Equal(0, policy.PrivacyViolations);
            Assert.Empty(policy.PrivacyViolationSamples);
        }

        // Strict jobs still use the cloud under cloud-only (everything but the prompt stages), so the check is not vacuous.
        Assert.True(result.Get(SimPolicy.CloudOnly)!.CloudGpuSeconds > 0);
    }

    [Fact]
    public void Committed_strict_heavy_scenario_parses_and_is_strict_heavy()
    {
        var scenario = ScenarioLoader.Load(TestScenarios.ScenarioPath("strict-heavy.json"));

        Assert.All(scenario.DeviceProfiles, p => Assert.True(p.Privacy.Strict + p.Privacy.LocalOnly >= 0.8 * (p.Privacy.Standard + p.Privacy.Strict + p.Privacy.LocalOnly)));
    }
}
