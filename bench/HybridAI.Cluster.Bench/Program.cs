using System.Diagnostics;
using HybridAI.Cluster.Bench;

// Cluster benchmark: one real silo in this process (Embedded, or Azure Storage on Azurite), measuring scheduler
// decision latency with a 10k-device fleet, live dispatch throughput with virtual agents, and memory per device grain.
// --allocations instead prints what one submission allocates, by type (see AllocationProfile).
// Usage: [--quick] [--decision-only] [--allocations] [--mode embedded|azure|both] [--connection <storage connection string>] [--out <folder>]
var root = RepoRoot();
BenchOptions options;
try
{
    options = BenchOptions.Parse(args, root);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

var loadAtStart = HybridAI.Bench.BenchMachine.LoadAverage();
var modes = new List<ModeResult>();
foreach (var mode in options.Modes)
{
    var scale = BenchScale.For(mode, options.Quick);
    var total = Stopwatch.StartNew();
    Console.WriteLine($"[{mode}] starting silo");
    double startSeconds;
    RegistrationResult fleet;
    var atRate = new List<DecisionRateResult>();
    var decision = new List<DecisionLevelResult>();
    await using (var silo = await BenchSilo.StartAsync(mode, options.ConnectionString, timed: false))
    {
        startSeconds = total.Elapsed.TotalSeconds;
        fleet = await Fleet.RegisterDevicesAsync(silo, "dev", BenchSilo.Region, scale.FleetDevices);
        Console.WriteLine($"[{mode}] {fleet.Devices:N0} devices: {fleet.RegistrationsPerSecond:N0} registrations/s, {fleet.CapacityReportsPerSecond:N0} capacity reports/s");

        // Serving nodes heartbeat but take no work: each decision job is cancelled right after it is submitted.
        var serving = await ServingNodes.StartAsync(silo, scale.WorkersPerPool, scale.SlotsPerWorker, counters: null);
        await DecisionLatencyPhase.WarmUpAsync(silo, fleet, "dev", scale);
        if (options.Allocations)
        {
            await AllocationProfile.RunAsync(silo, fleet, mode);
            await ServingNodes.StopAsync(serving);
            return 0;
        }

        foreach (var rate in scale.OfferedRates)
        {
            var level = await DecisionLatencyPhase.RunAtRateAsync(silo, fleet, "dev", rate, scale.SubmissionsAt(rate));
            atRate.Add(level);
            Console.WriteLine($"[{mode}] decision at {rate:N0}/s offered (open loop, {level.AchievedPerSecond:N0}/s achieved): p50 {level.Decision.P50Ms:F2} ms, p99 {level.Decision.P99Ms:F2} ms, max {level.Decision.MaxMs:F1} ms, up to {level.MaxInFlight} in flight, GC {level.Gc}, {level.Failed} failed{(level.FirstError is null ? "" : "; first error: " + level.FirstError)}");
        }

        foreach (var concurrency in scale.Concurrencies)
        {
            var level = await DecisionLatencyPhase.RunAsync(silo, fleet, "dev", concurrency, concurrency == 1 ? Math.Min(500, scale.SubmissionsPerLevel) : scale.SubmissionsPerLevel);
            decision.Add(level);
            Console.WriteLine($"[{mode}] decision, {concurrency} concurrent (closed loop): p50 {level.Decision.P50Ms:F2} ms, p99 {level.Decision.P99Ms:F2} ms, max {level.Decision.MaxMs:F1} ms, {level.CyclesPerSecond:N0} cycles/s, GC {level.Gc} ({string.Join(", ", level.StatesAfterSubmit.Select(kv => $"{kv.Key} {kv.Value}"))}){(level.FirstError is null ? "" : "; first error: " + level.FirstError)}");
        }

        await ServingNodes.StopAsync(serving);
    }

    // The call breakdown, live load and memory come from a second silo with the timing filters, and the same fleet.
    Console.WriteLine($"[{mode}] starting a timed silo for the call breakdown{(options.DecisionOnly ? "" : ", live load and memory")}");
    await using var timed = await BenchSilo.StartAsync(mode, options.ConnectionString, timed: true);
    var timedFleet = await Fleet.RegisterDevicesAsync(timed, "dev", BenchSilo.Region, scale.FleetDevices);
    var timedServing = await ServingNodes.StartAsync(timed, scale.WorkersPerPool, scale.SlotsPerWorker, counters: null);
    await DecisionLatencyPhase.WarmUpAsync(timed, timedFleet, "dev", scale);
    timed.Timings.Reset(); // the breakdown covers only the pass below
    await DecisionLatencyPhase.RunAsync(timed, timedFleet, "dev", 1, Math.Min(500, scale.SubmissionsPerLevel));
    var breakdown = timed.Timings.Snapshot();
    await ServingNodes.StopAsync(timedServing);
    foreach (var call in breakdown.Take(14))
    {
        Console.WriteLine($"    {call.Call,-52} {call.Count,8} calls  mean {call.MeanMs,8:F3} ms");
    }

    LiveLoadResult? live = null;
    DeviceMemoryResult? memory = null;
    if (!options.DecisionOnly)
    {
        live = await LiveLoadPhase.RunAsync(timed, timedFleet, "dev", scale);
        Console.WriteLine($"[{mode}] live: {live.JobsPerSecond:N1} jobs/s, {live.ItemsPerSecond:N0} items/s ({live.ItemsPerSecondPerCore:N0}/core), {live.StagesPerSecond:N0} stages/s, CPU {live.ProcessCpuPercent}%, decision p50 {live.Decision.P50Ms:F2} / p99 {live.Decision.P99Ms:F2} ms, end-to-end p50 {live.JobEndToEnd.P50Ms:F0} / p99 {live.JobEndToEnd.P99Ms:F0} ms, failed {live.FailedSubmissions}, unfinished {live.UnfinishedAfterDrain}{(live.FirstError is null ? "" : "; first error: " + live.FirstError)}");

        memory = await DeviceMemoryPhase.RunAsync(timed, scale.MemoryDevices);
        Console.WriteLine($"[{mode}] memory: {memory.DeviceActivationsAdded:N0} device grains added, {memory.HeapKbPerDevice:F2} KB heap / {memory.WorkingSetKbPerDevice:F2} KB working set each; idle CPU {memory.IdleCpuPercentBefore}% -> {memory.IdleCpuPercentAfter}%");
    }

    modes.Add(new ModeResult(mode.ToString(), mode == BenchMode.Embedded ? "in memory" : $"Azure Storage: {options.StorageDescription}", scale, fleet, decision, atRate, breakdown, live, memory, Math.Round(startSeconds, 1), Math.Round(total.Elapsed.TotalSeconds, 1)));
}

// A connection string is not echoed into the results; Azurite ports and flags are.
var shown = args.Select((a, i) => i > 0 && args[i - 1] == "--connection" ? "<connection string>" : a);
var command = "dotnet run -c Release --project bench/HybridAI.Cluster.Bench -- " + string.Join(' ', shown);
var results = new ClusterResults(
    MachineInfo.Capture(root, loadAtStart),
    options.Quick,
    options.DecisionOnly,
    command.TrimEnd(),
    new Targets(2, 1000, 20),
    modes,
    Notes(modes));
foreach (var file in ClusterReport.Write(results, options.OutputFolder))
{
    Console.WriteLine($"wrote {file}");
}

Console.WriteLine();
Console.WriteLine(ClusterReport.Markdown(results));
return 0;

static List<string> Notes(IReadOnlyList<ModeResult> modes)
{
    var notes = new List<string>
    {
        "Decision latency is measured in-process through the silo's own cluster client: no gateway hop, no network serialization. A remote client adds one loopback round trip.",
        "What one `SubmitAsync` does: verify the HMAC credential, validate, read the origin device's and the region's snapshots, plan with alternatives (cloud-only baseline etc.), write job state, enqueue the first work item. Storage per submission: job-state read on activation, 1 job-state write (Azure: a blob read and a blob write, each a round trip to Azurite). The watchdog reminder is registered on the job's first watch tick, off the submission path.",
        "Closed loop: N callers, each submitting again as soon as its previous submission returned; it saturates the silo, so at high N the latency is mostly queueing (N / throughput, Little's law). Open loop: Poisson arrivals at the offered rate, issued whatever earlier calls are doing, so submissions overlap as independent users' would (the in-flight column is the most at once). Latencies are measured in a silo without grain call filters other than the production one (a filter's presence adds an invoker object per call); the call breakdown (one caller at a time), live load and memory run in a second silo with the timing filters, after the same fleet registered again.",
        $"Jobs: Standard privacy, hybrid policy, {JobRequests.Steps} denoise steps, deadline {JobRequests.DeadlineMs} ms, checkpoint every 5 steps (so a job is about 6 work items); phone/edge/cloud latencies per stage (ms): tokenize 1/1/1, text-encode 4/2/1, denoise step 15/4/1, decode 8/3/1. Agents sleep the latency they report.",
        "Fleet devices register and report capacity once; liveness windows are set to 30 min (Nodes:SuspectAfter, Jobs:StaleAfter) so they stay plannable. Node sweep and job watch timers keep their 1 s defaults; a node grain sweeps only while it holds leases, a job watches only while it runs.",
        "Storage per work item: Embedded keeps job state and payloads (checkpoints, results) in memory, payloads in cluster-internal payload grains; AzureStorage writes a checkpoint blob and the job-state blob per item (two checkpoint slots used in turn, so no delete per item; both are deleted when the job ends). Finished jobs deactivate at once instead of idling in memory for 15 minutes.",
        "Garbage collection: as the silo runs (src/Silo/SiloGarbageCollection.props: server GC, DATAS off, gen0 budget capped at 64 MB per heap). The warm-up ends with a forced full collection, so the fleet registration's garbage is not collected inside a measured level; each level reports its collections, the time paused for them and what it allocated. Embedded mode keeps job states in arena chunks (src/Grains/Storage), so a stored state is not an object the collector promotes; AzureStorage keeps them in blobs.",
        "Per-core throughput divides by all logical cores of the process, which also runs the virtual agents and the load generator; the silo alone gets less than that.",
        "Memory per device: managed heap after forced full collections (GC.GetTotalMemory) and process working set, before and after activating the devices (registered + one capacity report each), divided by their number. Device grains are never deactivated during the run (idle collection after 15 min).",
    };
    foreach (var mode in modes)
    {
        double Mean(IReadOnlyList<CallTiming> calls, string call) => calls.FirstOrDefault(c => c.Call == call)?.MeanMs ?? double.NaN;
        var d = mode.DecisionCallBreakdown;
        notes.Add(FormattableString.Invariant(
            $"{mode.Mode}, decision one at a time (timed pass): SubmitAsync {Mean(d, "out IJobGrain.SubmitAsync"):F2} ms as the caller sees it, of which the job grain's turn is {Mean(d, "in  IJobGrain.SubmitAsync"):F2} ms; inside it the region read takes {Mean(d, "out IRegionGrain.GetServingNodesAsync"):F3} ms and the origin's snapshot {Mean(d, "out INodeGrain.GetSnapshotAsync"):F3} ms."));
        if (mode.Live is { } live)
        {
            var l = live.CallBreakdown;
            notes.Add(FormattableString.Invariant(
                $"{mode.Mode}, live load: an agent's CompleteWorkAsync waits {Mean(l, "out INodeGrain.CompleteWorkAsync"):F1} ms for a turn of {Mean(l, "in  INodeGrain.CompleteWorkAsync"):F1} ms, which awaits the job grain's OnWorkCompletedAsync ({Mean(l, "in  IJobGrain.OnWorkCompletedAsync"):F1} ms: checkpoint put, state write, re-evaluation, next dispatch). A heartbeat (ReportCapacityAsync) waits {Mean(l, "out INodeGrain.ReportCapacityAsync"):F1} ms; completions interleave on node grains, so a pool's workers do not wait for one another."));
        }
    }

    foreach (var mode in modes.Where(m => m.Mode == nameof(BenchMode.AzureStorage)))
    {
        notes.Add($"AzureStorage mode uses smaller N where each registration is a table write and each job item several blob round trips: {mode.Scale.FleetDevices:N0} fleet devices, {mode.Scale.SubmissionsPerLevel:N0} submissions per level, {mode.Scale.LiveDeviceAgents:N0} device agents, {mode.Scale.LiveInFlightJobs} jobs in flight, {mode.Scale.MemoryDevices:N0} devices for memory.");
    }

    return notes;
}

static string RepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "HybridAI.sln")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
