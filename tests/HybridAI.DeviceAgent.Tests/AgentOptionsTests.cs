using System.ComponentModel.DataAnnotations;
using HybridAI.DeviceAgent.Configuration;
using Microsoft.Extensions.Options;

namespace HybridAI.DeviceAgent.Tests;

public sealed class AgentOptionsTests
{
    [Theory]
    [InlineData("toaster", null, "Agent:Profile 'toaster'")]
    [InlineData("cloud-gpu-worker", null, "Agent:PoolName is required")]
    public void Invalid_agent_settings_are_refused_with_the_key_named(string profile, string? pool, string expected)
    {
        var options = new AgentOptions { NodeId = "n", Credential = "c", Profile = profile, PoolName = pool };

        var errors = Validate(options);

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_model_sizes_and_precisions_are_refused()
    {
        var errors = Validate(new AgentOptions { NodeId = "n", Credential = "c", ModelSizes = ["huge"], Precisions = ["int4"] });

        Assert.Contains(errors, e => e.Contains("'huge'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'int4'", StringComparison.Ordinal));
    }

    [Fact]
    public void The_profile_fills_in_what_the_configuration_leaves_open()
    {
        var settings = new AgentSettings(Options.Create(new AgentOptions { NodeId = "p", Credential = "c", Profile = "phone" }));
        var tuned = new AgentSettings(Options.Create(new AgentOptions { NodeId = "p", Credential = "c", Profile = "phone", SlowdownFactor = 1.25, Threads = 2, PricePerSecond = 0 }));

        Assert.Equal(AgentProfile.For("phone").SlowdownFactor, settings.SlowdownFactor);
        Assert.Equal(["base"], settings.ModelSizes);
        Assert.Equal(AgentProfile.For("phone").Precisions, settings.Precisions);
        Assert.Equal(1.25, tuned.SlowdownFactor);
        Assert.Equal(2, tuned.Executor.IntraOpThreads);
        Assert.Equal(0, tuned.PricePerSecond);
    }

    private static List<string> Validate(AgentOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? "").ToList();
    }
}
