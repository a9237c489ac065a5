using System.Collections.Concurrent;
using System.Diagnostics;
using HybridAI.Contracts.Jobs;

namespace HybridAI.Cluster.Bench;

/// <summary>
/// Scheduler decision latency: the time <see cref="IJobGrain.SubmitAsync"/> takes to return (it verifies the
/// credential, validates, reads the origin device and the region, plans, writes job state and enqueues the first item).
/// Each job is cancelled right after (untimed).
/// <para>
/// Two arrival models. Closed loop (<see cref="RunAsync"/>): N callers each submit again as soon as the previous one
/// returns, which saturates the silo, so its latency at high N is mostly queueing (Little's law). Open loop
/// (<see cref="RunAtRateAsync"/>): submissions arrive as a Poisson process at a fixed rate, independent of how fast
/// earlier ones return, so they overlap as real users' would; this is the latency a user sees at that load.
/// </para>
/// </summary>
internal static class DecisionLatencyPhase
{
    /// <summary>
    /// JIT tiering and grain-type caches settle; the pause lets background tier-1 compilation finish. The full
    /// collection settles the fleet registration's garbage, so the first measured level does not pay for setup.
    /// </summary>
    public static async Task WarmUpAsync(BenchSilo silo, RegistrationResult fleet, string prefix, BenchScale scale)
    {
        await RunAsync(silo, fleet, prefix, scale.Concurrencies[^1], scale.WarmupSubmissions);
        await RunAsync(silo, fleet, prefix, 1, scale.WarmupSubmissions / 4);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        await Task.Delay(TimeSpan.FromSeconds(1));
    }

    public static async Task<DecisionRateResult> RunAtRateAsync(BenchSilo silo, RegistrationResult fleet, string prefix, double perSecond, int submissions)
    {
        // Samples go into a preallocated array and no call's task is kept: whatever the generator holds until the level
        // ends survives every collection in it, and would be promoted along with the silo's own data.
        var samples = new double[submissions];
        var outstanding = submissions;
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = 0;
        var maxInFlight = 0;
        var failed = 0;
        string? firstError = null;
        var random = new Random(42);

        async Task SubmitAsync(int index, int device)
        {
            try
            {
                InterlockedMax(ref maxInFlight, Interlocked.Increment(ref inFlight));
                var (ms, status) = await SubmitThenCancelAsync(silo, fleet, prefix, device, submitted: () => Interlocked.Decrement(ref inFlight));
                samples[index] = ms;
                if (status.State == JobState.Failed)
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstError, status.Error, null);
                }
            }
            catch (Exception e)
            {
                samples[index] = double.NaN;
                Interlocked.Increment(ref failed);
                Interlocked.CompareExchange(ref firstError, e.Message, null);
            }
            finally
            {
                if (Interlocked.Decrement(ref outstanding) == 0)
                {
                    allDone.SetResult();
                }
            }
        }

        // Arrival times are drawn up front (exponential gaps). A dedicated thread wakes about every millisecond and
        // starts every call that is due on the thread pool, so a slow call never delays the next arrival; it sleeps
        // rather than spins, which would take a core from the silo on a small machine. Arrivals due within the same
        // millisecond start together, which makes them slightly burstier than Poisson (pessimistic for latency).
        var due = new double[submissions];
        var at = 0.0;
        for (var i = 0; i < submissions; i++)
        {
            at += -Math.Log(1 - random.NextDouble()) / perSecond;
            due[i] = at;
        }

        var devices = Enumerable.Range(0, submissions).Select(_ => random.Next(fleet.Devices)).ToArray();
        var gc = GcPauses.Start();
        var watch = Stopwatch.StartNew();
        var issuer = new Thread(() =>
        {
            for (var i = 0; i < submissions; i++)
            {
                while (watch.Elapsed.TotalSeconds < due[i])
                {
                    Thread.Sleep(1);
                }

                var (index, device) = (i, devices[i]);
                _ = Task.Run(() => SubmitAsync(index, device));
            }
        }) { IsBackground = true, Name = "open-loop arrivals" };
        issuer.Start();
        await allDone.Task;
        watch.Stop();
        return new DecisionRateResult(perSecond, Math.Round(submissions / watch.Elapsed.TotalSeconds), LatencySummary.Of(samples.Where(double.IsFinite).ToArray()), maxInFlight, failed, firstError, gc());
    }

    /// <summary>
    /// One decision: submits a job for the device and times the call; then, untimed, cancels it unless it failed.
    /// <paramref name="submitted"/> runs as soon as the submission returned (or threw).
    /// </summary>
    private static async Task<(double Ms, JobStatus Status)> SubmitThenCancelAsync(BenchSilo silo, RegistrationResult fleet, string prefix, int device, Action? submitted = null)
    {
        var credential = fleet.Credentials[device];
        var job = silo.Grains.GetGrain<IJobGrain>(Guid.NewGuid());
        JobStatus status;
        double ms;
        var started = Stopwatch.GetTimestamp();
        try
        {
            status = await job.SubmitAsync(credential, JobRequests.For(Fleet.DeviceId(prefix, device), device));
            ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        finally
        {
            submitted?.Invoke();
        }

        if (status.State != JobState.Failed)
        {
            await job.CancelAsync(credential);
        }

        return (ms, status);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    public static async Task<DecisionLevelResult> RunAsync(BenchSilo silo, RegistrationResult fleet, string prefix, int concurrency, int submissions)
    {
        var samples = new ConcurrentBag<double>();
        var states = new ConcurrentDictionary<JobState, int>();
        string? firstError = null;
        var next = -1;
        var gc = GcPauses.Start();
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var random = new Random(1000 + w);
            while (Interlocked.Increment(ref next) < submissions)
            {
                var (ms, status) = await SubmitThenCancelAsync(silo, fleet, prefix, random.Next(fleet.Devices));
                samples.Add(ms);
                states.AddOrUpdate(status.State, 1, (_, n) => n + 1);
                if (status.State == JobState.Failed)
                {
                    Interlocked.CompareExchange(ref firstError, status.Error, null);
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
            firstError,
            gc());
    }
}

/// <summary>
/// Decision latency with Poisson arrivals at an offered rate: the achieved rate, the latency, the most submissions
/// in flight at once, and failed submissions.
/// </summary>
internal sealed record DecisionRateResult(double OfferedPerSecond, double AchievedPerSecond, LatencySummary Decision, int MaxInFlight, int Failed, string? FirstError, GcPauses Gc);

/// <summary>Decision latency at one concurrency level; submit+cancel cycles per second; how the submitted jobs stood.</summary>
internal sealed record DecisionLevelResult(int Concurrency, LatencySummary Decision, double CyclesPerSecond, Dictionary<string, int> StatesAfterSubmit, string? FirstError, GcPauses Gc);
