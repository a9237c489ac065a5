using System.Diagnostics;
using HybridAI.Planning;
using HybridAI.Planning.Bench;

if (args.Contains("--quick"))
{
    // Stopwatch smoke run: prints plans/s and the plan, no BenchmarkDotNet.
    var planner = new PlacementPlanner(PlannerOptions.Default with { IncludeAlternatives = false });
    var candidates = ReferenceRegion.Candidates();
    foreach (var policy in new[] { PlacementPolicy.Hybrid, PlacementPolicy.StaticSplit })
    {
        var job = ReferenceRegion.Job(policy);
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
        var job = ReferenceRegion.Job(PlacementPolicy.Hybrid);
        var problem = PlanningProblem.Create(job, candidates, null, 0, PlannerOptions.Default);
        var mask = problem.BuildMask(PlacementPolicy.Hybrid, -1);
        Console.WriteLine($"labels: {PlacementSearch.Run(problem, mask)!.Labels}");
        Time("create", () => PlanningProblem.Create(job, candidates, null, 0, PlannerOptions.Default));
        Time("mask", () => problem.BuildMask(PlacementPolicy.Hybrid, -1));
        Time("search", () => PlacementSearch.Run(problem, mask));
    }

    Console.WriteLine(new PlacementPlanner().Plan(ReferenceRegion.Job(PlacementPolicy.Hybrid), candidates).Explain());
    return 0;
}

return BenchmarkResults.Run(args);

static void Time(string name, Func<object?> action)
{
    for (var i = 0; i < 5000; i++)
    {
        action();
    }

    var watch = Stopwatch.StartNew();
    var count = 0;
    while (watch.ElapsedMilliseconds < 1000)
    {
        action();
        count++;
    }

    Console.WriteLine($"{name}: {watch.Elapsed.TotalMilliseconds * 1e6 / count:N0} ns");
}
