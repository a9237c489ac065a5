using HybridAI.Contracts.Jobs;
using HybridAI.Contracts.Nodes;
using HybridAI.Contracts.Security;
using HybridAI.Grains.Jobs;

namespace HybridAI.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class JobSubmissionTests(ClusterFixture fixture)
{
    public static TheoryData<string, string> BadRequests => new()
    {
        { "steps-zero", "Steps" },
        { "unknown-size", "ModelSize" },
        { "negative-deadline", "DeadlineMs" },
        { "strict-with-prompt", "Prompt" },
        { "strict-without-embedding", "PrecomputedInputs" },
        { "local-only", "Privacy" },
        { "standard-empty-prompt", "Prompt" },
        { "foreign-local-trace", "LocalTrace" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_request_is_refused_with_the_field_named_and_leaves_no_job(string name, string field)
    {
        var origin = await RegisterAsync("submit-" + name);
        var good = new JobRequest(origin.NodeId, "a prompt", 4, 1, "tiny", 10_000, PrivacyLevel.Standard, PlacementPolicy.Hybrid, [], 0, []);
        var request = name switch
        {
            "steps-zero" => good with { Steps = 0 },
            "unknown-size" => good with { ModelSize = "huge" },
            "negative-deadline" => good with { DeadlineMs = -5 },
            "strict-with-prompt" => good with { Privacy = PrivacyLevel.Strict, PrecomputedStages = 2, PrecomputedInputs = [1] },
            "strict-without-embedding" => good with { Privacy = PrivacyLevel.Strict, Prompt = null },
            "local-only" => good with { Privacy = PrivacyLevel.LocalOnly, Prompt = null },
            "standard-empty-prompt" => good with { Prompt = " " },
            "foreign-local-trace" => good with
            {
                PrecomputedStages = 2,
                PrecomputedInputs = [1],
                LocalTrace = [new StageTraceEntry(0, 1, "x", "someone-else", "someone-else", "v", default, default, 1, 0, 0, 0)],
            },
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        var job = fixture.Client.GetGrain<IJobGrain>(Guid.NewGuid());

        var error = await Assert.ThrowsAsync<InvalidJobException>(() => job.SubmitAsync(origin, request));

        Assert.Equal(field, error.Field);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => job.GetStatusAsync());
    }

    [Fact]
    public async Task A_job_for_an_unregistered_device_is_refused()
    {
        var ghost = fixture.Authority.Issue("ghost-device");
        var job = fixture.Client.GetGrain<IJobGrain>(Guid.NewGuid());

        var error = await Assert.ThrowsAsync<InvalidJobException>(() =>
            job.SubmitAsync(ghost, new JobRequest("ghost-device", "p", 4, 1, "tiny", 10_000, PrivacyLevel.Standard, PlacementPolicy.Hybrid, [], 0, [])));

        Assert.Contains("not a registered device", error.Message);
    }

    [Fact]
    public async Task A_job_submitted_for_a_device_without_its_credential_is_refused()
    {
        var origin = await RegisterAsync("submit-victim");
        var intruder = await RegisterAsync("submit-intruder");
        var job = fixture.Client.GetGrain<IJobGrain>(Guid.NewGuid());

        await Assert.ThrowsAsync<UnauthorizedNodeException>(() =>
            job.SubmitAsync(intruder, new JobRequest(origin.NodeId, "p", 4, 1, "tiny", 10_000, PrivacyLevel.Standard, PlacementPolicy.Hybrid, [], 0, [])));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => job.GetStatusAsync());
    }

    [Fact]
    public async Task A_job_no_node_can_run_fails_with_the_reason()
    {
        var origin = await RegisterAsync("submit-no-variants", variants: [new VariantLatency(StageKind.Tokenize, "tiny-fp32", 1, 10)]);
        var job = fixture.Client.GetGrain<IJobGrain>(Guid.NewGuid());

        var status = await job.SubmitAsync(origin, new JobRequest(origin.NodeId, "p", 4, 1, "tiny", 10_000, PrivacyLevel.Standard, PlacementPolicy.Hybrid, [], 0, []));

        Assert.Equal(JobState.Failed, status.State);
        Assert.Contains("No placement", status.Error);
        await Assert.ThrowsAsync<InvalidOperationException>(() => job.GetResultAsync());
    }

    private async Task<NodeCredential> RegisterAsync(string id, VariantLatency[]? variants = null)
    {
        var credential = fixture.Authority.Issue(id);
        var device = fixture.Client.GetGrain<IDeviceGrain>(id);
        await device.RegisterAsync(credential, new NodeRegistration(id, NodeKind.Device, "phone", "submit-region-" + id, DateTimeOffset.UtcNow));
        await device.ReportCapacityAsync(credential, new CapacityReport(
            id,
            [.. variants ?? Enum.GetValues<StageKind>().Select(k => new VariantLatency(k, "tiny-fp32", 5, 10))],
            0, 0, 1, 0, null, 5, 1e6, 0, DateTimeOffset.UtcNow));
        return credential;
    }
}
