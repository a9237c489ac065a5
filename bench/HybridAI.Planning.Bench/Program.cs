using HybridAI.Planning.Tests;
using System.Diagnostics;
using HybridAI.Planning;
using HybridAI.Planning.Bench;

if (args.Contains("--loop"))
{
    // Profiling aid: Plan in a loop for 8 s, or a given number of times (run under perf: DOTNET_PerfMapEnabled=1 for
    // perf record; the difference of perf stat's instruction counts between two counts is a noise-free cost per plan).
    var limit = args.Length > 1 && long.TryParse(args[^1], out var parsed) ? parsed : long.MaxValue;
    var loopPlanner = new PlacementPlanner(PlannerOptions.Default with { IncludeAlternatives = false });
    var loopCandidates = TestFleet.Candidates();
    var loopJob = TestFleet.Job(PrivacyLevel.Strict, PlacementPolicy.Hybrid);
    var loopWatch = Stopwatch.StartNew();
    var loops = 0;
    var secondStart = 0L;
    var secondLoops = 0;
    var perSecond = new List<string>();
    while (limit == long.MaxValue ? loopWatch.ElapsedMilliseconds < 8000 : loops < limit)
    {
        loopPlanner.Plan(loopJob, loopCandidates);
        loops++;
        if (loopWatch.ElapsedMilliseconds - secondStart >= 1000)
        {
            perSecond.Add($"{(loops - secondLoops) * 1000.0 / (loopWatch.ElapsedMilliseconds - secondStart):N0}");
            secondStart = loopWatch.ElapsedMilliseconds;
            secondLoops = loops;
        }
    }

    // Per-second rates show whether a slow run is slow throughout (the process's code) or in phases (the machine).
    Console.WriteLine($"{loops / loopWatch.Elapsed.TotalSeconds:N0} plans/s; per second: {string.Join(" ", perSecond)}");
    return 0;
}

if (args.Contains("--phases"))
{
    // Short A/B aid: only the search on a fixed problem and the full Plan call (min batch), for side-by-side runs.
    var phaseJob = TestFleet.Job(PrivacyLevel.Strict, PlacementPolicy.Hybrid);
    var phaseCandidates = TestFleet.Candidates();
    var phaseProblem = PlanningProblem.Create(phaseJob, phaseCandidates, null, 0, PlannerOptions.Default);
    var phasePlanner = new PlacementPlanner(PlannerOptions.Default with { IncludeAlternatives = false });
    var relaxedProblem = PlanningProblem.Create(TestFleet.Job(PrivacyLevel.Strict, PlacementPolicy.Hybrid, 60_000), phaseCandidates, null, 0, PlannerOptions.Default);
    Console.WriteLine($"relaxed labels: {PlacementSearch.Run(relaxedProblem, PlacementPolicy.Hybrid, -1)!.Labels}");
    Time("search relaxed", () => PlacementSearch.Run(relaxedProblem, PlacementPolicy.Hybrid, -1));
    Time("create", () => PlanningProblem.Create(phaseJob, phaseCandidates, null, 0, PlannerOptions.Default));
    Time("search", () => PlacementSearch.Run(phaseProblem, PlacementPolicy.Hybrid, -1));
    Time("create+search", () => PlacementSearch.Run(PlanningProblem.Create(phaseJob, phaseCandidates, null, 0, PlannerOptions.Default), PlacementPolicy.Hybrid, -1));
    Time("plan hybrid", () => phasePlanner.Plan(phaseJob, phaseCandidates));
    Time("plan static", () => phasePlanner.Plan(TestFleet.Job(PrivacyLevel.Strict, PlacementPolicy.StaticSplit), phaseCandidates));
    var before = GC.GetAllocatedBytesForCurrentThread();
    for (var i = 0; i < 1000; i++)
    {
        phasePlanner.Plan(phaseJob, phaseCandidates);
    }

    Console.WriteLine($"allocated: {(GC.GetAllocatedBytesForCurrentThread() - before) / 1000} B/plan hybrid");
    return 0;
}

if (args.Contains("--quick"))
{
    // Stopwatch smoke run: prints plans/s and the plan, no BenchmarkDotNet.
    var planner = new PlacementPlanner(PlannerOptions.Default with { IncludeAlternatives = false });
    var candidates = TestFleet.Candidates();
    foreach (var policy in new[] { PlacementPolicy.Hybrid, PlacementPolicy.StaticSplit })
    {
        var job = TestFleet.Job(PrivacyLevel.Strict, policy);
        for (var i = 0; i < 20_000; i++)
        {
            planner.Plan(job, candidates);
        }

        var watch = Stopwatch.StartNew();
        var count = 0;
        while (watch.ElapsedMilliseconds < 2000)
        {
            planner.Plan(job, candidates);
            count++;
        }

        Console.WriteLine($"{policy}: {count / watch.Elapsed.TotalSeconds:N0} plans/s");
    }

    {
        var job = TestFleet.Job(PrivacyLevel.Strict, PlacementPolicy.Hybrid);
        var problem = PlanningProblem.Create(job, candidates, null, 0, PlannerOptions.Default);
        var result = PlacementSearch.Run(problem, PlacementPolicy.Hybrid, -1)!;
        var variants = new int[problem.StageCount];
        for (var i = 0; i < variants.Length; i++)
        {
            variants[i] = problem.OptionVariant(i, result.NodeOf[i]);
        }

        Console.WriteLine($"labels: {result.Labels}");
        Time("create", () => PlanningProblem.Create(job, candidates, null, 0, PlannerOptions.Default));
        Time("search (allowed nodes, bounds, labels)", () => PlacementSearch.Run(problem, PlacementPolicy.Hybrid, -1));
        var candidateArray = candidates.ToArray();
        Time("validate", () => { PlanningInputValidator.Validate(job, candidateArray, 0); return null; });
        Time("toplan", () => problem.BuildPlan(PlacementPolicy.Hybrid, result.NodeOf, variants, []));
        var planner0 = new PlacementPlanner(PlannerOptions.Default with { IncludeAlternatives = false });
        var explaining = new PlacementPlanner();
        Time("plan hybrid", () => planner0.Plan(job, candidates));
        Time("plan hybrid relaxed", () => planner0.Plan(TestFleet.Job(PrivacyLevel.Strict, PlacementPolicy.Hybrid, 60_000), candidates));
        Time("plan static", () => planner0.Plan(TestFleet.Job(PrivacyLevel.Strict, PlacementPolicy.StaticSplit), candidates));
        Time("plan explained", () => explaining.Plan(job, candidates));
        foreach (var policy in new[] { PlacementPolicy.CloudOnly, PlacementPolicy.DeviceOnly, PlacementPolicy.StaticSplit })
        {
            Time($"solve {policy}", () => PlacementPlanner.Solve(problem, policy));
        }
    }

    Console.WriteLine(new PlacementPlanner().Plan(TestFleet.Job(PrivacyLevel.Strict, PlacementPolicy.Hybrid), candidates).Explain());
    return 0;
}

return BenchmarkResults.Run(args);

static void Time(string name, Func<object?> action)
{
    for (var i = 0; i < 5000; i++)
    {
        action();
    }

    // Minimum over batches of 50 calls: robust against other processes on the shared box.
    var best = double.MaxValue;
    var total = Stopwatch.StartNew();
    while (total.ElapsedMilliseconds < 1000)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < 50; i++)
        {
            action();
        }

        best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalNanoseconds / 50);
    }

    Console.WriteLine($"{name}: {best:N0} ns (min batch)");
}
