using System.Collections.Concurrent;
using System.Diagnostics;
using HybridAI.Contracts.Jobs;
using HybridAI.Contracts.Nodes;

namespace HybridAI.Cluster.Bench;

/// <summary>
/// Live load: device agents (phone profile, heartbeat every 2 s) and the region's edge nodes and cloud pool workers run
/// every dispatched item with simulated compute; submitters keep up to a fixed number of jobs in flight (closed loop,
/// a job's slot frees when its last item completes). Measured over a window after a warm-up.
/// </summary>
internal static class LiveLoadPhase
{
    public static async Task<LiveLoadResult> RunAsync(BenchSilo silo, RegistrationResult fleet, string prefix, BenchScale scale)
    {
        var counters = new WorkCounters();
        var agents = await ServingNodes.StartAsync(silo, scale.WorkersPerPool, scale.SlotsPerWorker, counters);
        var devices = new VirtualAgent[scale.LiveDeviceAgents];
        await Parallel.ForEachAsync(Enumerable.Range(0, devices.Length), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
            devices[i] = await VirtualAgent.StartAsync(silo.Grains, silo.Authority, NodeKind.Device, Fleet.DeviceId(prefix, i), null, AgentProfile.Phone, 1, TimeSpan.FromSeconds(2), counters));

        var inFlight = new SemaphoreSlim(scale.LiveInFlightJobs, scale.LiveInFlightJobs);
        var submittedAt = new ConcurrentDictionary<Guid, long>();
        var decision = new ConcurrentBag<double>();
        var endToEnd = new ConcurrentBag<double>();
        var measuring = 0;
        var stop = 0;
        long jobsFinished = 0, failedSubmissions = 0;
        string? firstError = null;
        counters.JobFinished = id =>
        {
            if (submittedAt.TryRemove(id, out var at))
            {
                if (Volatile.Read(ref measuring) == 1)
                {
                    endToEnd.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
                }

                Interlocked.Increment(ref jobsFinished);
                inFlight.Release();
            }
        };

        var submitters = Enumerable.Range(0, scale.LiveSubmitters).Select(s => Task.Run(async () =>
        {
            var random = new Random(5000 + s);
            while (Volatile.Read(ref stop) == 0)
            {
                if (!await inFlight.WaitAsync(TimeSpan.FromMilliseconds(200)))
                {
                    continue;
                }

                var device = random.Next(devices.Length);
                var id = Guid.NewGuid();
                var started = Stopwatch.GetTimestamp();
                submittedAt[id] = started;
                var status = await silo.Grains.GetGrain<IJobGrain>(id).SubmitAsync(fleet.Credentials[device], JobRequests.For(Fleet.DeviceId(prefix, device), random.Next()));
                if (Volatile.Read(ref measuring) == 1)
                {
                    decision.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                if (status.State is JobState.Failed or JobState.Cancelled && submittedAt.TryRemove(id, out _))
                {
                    Interlocked.Increment(ref failedSubmissions);
                    Interlocked.CompareExchange(ref firstError, status.Error, null);
                    inFlight.Release();
                }
            }
        })).ToArray();

        await Task.Delay(scale.LiveWarmup);
        var process = Process.GetCurrentProcess();
        var (items0, stages0, jobs0, cpu0, gen2_0) = (counters.Items, counters.Stages, Interlocked.Read(ref jobsFinished), process.TotalProcessorTime, GC.CollectionCount(2));
        silo.Timings.Reset();
        var watch = Stopwatch.StartNew();
        Volatile.Write(ref measuring, 1);
        await Task.Delay(scale.LiveDuration);
        Volatile.Write(ref measuring, 2);
        watch.Stop();
        var breakdown = silo.Timings.Snapshot();
        process.Refresh();
        var (items1, stages1, jobs1, cpu1, gen2_1) = (counters.Items, counters.Stages, Interlocked.Read(ref jobsFinished), process.TotalProcessorTime, GC.CollectionCount(2));

        Volatile.Write(ref stop, 1);
        await Task.WhenAll(submitters);
        var drainUntil = Stopwatch.StartNew();
        while (!submittedAt.IsEmpty && drainUntil.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100);
        }

        var unfinished = submittedAt.Count;
        await ServingNodes.StopAsync(agents);
        await Task.WhenAll(devices.Select(d => d.DisposeAsync().AsTask()));

        var seconds = watch.Elapsed.TotalSeconds;
        var itemsPerSecond = (items1 - items0) / seconds;
        return new LiveLoadResult(
            scale.LiveDeviceAgents,
            BenchSilo.EdgeNodes.Length,
            BenchSilo.CloudPools.Length * scale.WorkersPerPool,
            scale.LiveInFlightJobs,
            Math.Round(seconds, 1),
            Math.Round((jobs1 - jobs0) / seconds, 1),
            Math.Round(itemsPerSecond),
            Math.Round((stages1 - stages0) / seconds),
            Math.Round(itemsPerSecond / Environment.ProcessorCount),
            Math.Round((cpu1 - cpu0).TotalSeconds / seconds / Environment.ProcessorCount * 100, 1),
            gen2_1 - gen2_0,
            LatencySummary.Of(decision),
            LatencySummary.Of(endToEnd),
            counters.ItemsByProfile.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value),
            failedSubmissions,
            counters.Rejected,
            unfinished,
            firstError,
            breakdown);
    }
}

/// <summary>Throughput and latency under live load; items are work items (stage ranges), stages the stages they cover.</summary>
internal sealed record LiveLoadResult(
    int DeviceAgents,
    int EdgeNodes,
    int CloudWorkers,
    int InFlightJobs,
    double WindowSeconds,
    double JobsPerSecond,
    double ItemsPerSecond,
    double StagesPerSecond,
    double ItemsPerSecondPerCore,
    double ProcessCpuPercent,
    int Gen2Collections,
    LatencySummary Decision,
    LatencySummary JobEndToEnd,
    Dictionary<string, long> ItemsByProfile,
    long FailedSubmissions,
    long RejectedCompletions,
    int UnfinishedAfterDrain,
    string? FirstError,
    IReadOnlyList<CallTiming> CallBreakdown);
