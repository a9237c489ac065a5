using System.Text.Json;
using HybridAI.Simulator.Simulation;

namespace HybridAI.Simulator.Tests;

public sealed class DeterminismTests
{
    [Fact]
    public void Same_seed_gives_identical_results_for_every_policy()
    {
        var scenario = TestScenarios.Small();
        var first = TestScenarios.Run(scenario);
        var second = TestScenarios.Run(scenario);

        Assert.Equal(Fingerprint(first), Fingerprint(second));
        Assert.True(first.Jobs > 100, $"expected a few hundred jobs, got {first.Jobs}");
    }

    [Fact]
    public void Different_seed_gives_different_arrivals()
    {
        var a = TestScenarios.Run(TestScenarios.Small());
        var b = TestScenarios.Run(TestScenarios.Small(j => j["seed"] = 7));

        Assert.NotEqual(Fingerprint(a), Fingerprint(b));
    }

    [Fact]
    public void Parallel_and_sequential_runs_agree()
    {
        var scenario = TestScenarios.Small();
        var parallel = FleetSimulator.Run(scenario, TestScenarios.Latencies(scenario), maxParallelism: 2);
        var sequential = FleetSimulator.Run(scenario, TestScenarios.Latencies(scenario), maxParallelism: 1);

        Assert.Equal(Fingerprint(parallel), Fingerprint(sequential));
    }

    private static string Fingerprint(SimulationResult r) =>
        JsonSerializer.Serialize(r.Policies.Select(p => p with { WallSeconds = 0 }), new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
}
