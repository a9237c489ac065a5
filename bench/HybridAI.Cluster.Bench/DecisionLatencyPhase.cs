using System.Collections.Concurrent;
using System.Diagnostics;
using HybridAI.Contracts.Jobs;

namespace HybridAI.Cluster.Bench;

/// <summary>
/// Scheduler decision latency: the time <see cref="IJobGrain.SubmitAsync"/> takes to return (it validates, reads the
/// origin device and the region, plans, writes job state, registers the watchdog reminder and enqueues the first item).
/// Each job is cancelled right after (untimed), so the number of live jobs stays at the concurrency level.
/// </summary>
internal static class DecisionLatencyPhase
{
    public static async Task<DecisionLevelResult> RunAsync(BenchSilo silo, RegistrationResult fleet, string prefix, int concurrency, int submissions)
    {
        var samples = new ConcurrentBag<double>();
        var states = new ConcurrentDictionary<JobState, int>();
        string? firstError = null;
        var next = -1;
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var random = new Random(1000 + w);
            while (Interlocked.Increment(ref next) < submissions)
            {
                var device = random.Next(fleet.Devices);
                var credential = fleet.Credentials[device];
                var job = silo.Grains.GetGrain<IJobGrain>(Guid.NewGuid());
                var started = Stopwatch.GetTimestamp();
                var status = await job.SubmitAsync(credential, JobRequests.For(Fleet.DeviceId(prefix, device), device));
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                states.AddOrUpdate(status.State, 1, (_, n) => n + 1);
                if (status.State == JobState.Failed)
                {
                    Interlocked.CompareExchange(ref firstError, status.Error, null);
                }
                else
                {
                    await job.CancelAsync(credential);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        watch.Stop();
        return new DecisionLevelResult(
            concurrency,
            LatencySummary.Of(samples),
            Math.Round(submissions / watch.Elapsed.TotalSeconds),
            states.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key.ToString(), kv => kv.Value),
            firstError);
    }
}

/// <summary>Decision latency at one concurrency level; submit+cancel cycles per second; how the submitted jobs stood.</summary>
internal sealed record DecisionLevelResult(int Concurrency, LatencySummary Decision, double CyclesPerSecond, Dictionary<string, int> StatesAfterSubmit, string? FirstError);
