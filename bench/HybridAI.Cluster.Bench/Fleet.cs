using System.Diagnostics;
using System.Text.Json.Serialization;
using HybridAI.Contracts.Nodes;
using HybridAI.Contracts.Security;

namespace HybridAI.Cluster.Bench;

/// <summary>Registers devices (each registered and one capacity report) and times both calls.</summary>
internal static class Fleet
{
    public static string DeviceId(string prefix, int i) => $"{prefix}-{i:D6}";

    public static async Task<RegistrationResult> RegisterDevicesAsync(BenchSilo silo, string prefix, string region, int count, int parallelism = 256)
    {
        var credentials = new NodeCredential[count];
        var registerWatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) =>
        {
            var id = DeviceId(prefix, i);
            credentials[i] = silo.Authority.Issue(id);
            await silo.Grains.GetGrain<IDeviceGrain>(id).RegisterAsync(credentials[i], new NodeRegistration(id, NodeKind.Device, AgentProfile.Phone.Name, region, DateTimeOffset.UtcNow));
        });
        registerWatch.Stop();

        var reportWatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) =>
            await silo.Grains.GetGrain<IDeviceGrain>(DeviceId(prefix, i)).ReportCapacityAsync(credentials[i], AgentProfile.Phone.Report(DeviceId(prefix, i), 0, 1)));
        reportWatch.Stop();
        return new RegistrationResult(count, Math.Round(count / registerWatch.Elapsed.TotalSeconds), Math.Round(count / reportWatch.Elapsed.TotalSeconds), credentials);
    }
}

/// <summary>How fast the fleet registered and reported; the credentials, by device index.</summary>
internal sealed record RegistrationResult(int Devices, double RegistrationsPerSecond, double CapacityReportsPerSecond, [property: JsonIgnore] NodeCredential[] Credentials);
