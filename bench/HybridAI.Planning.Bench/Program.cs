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

    Console.WriteLine(new PlacementPlanner().Plan(ReferenceRegion.Job(PlacementPolicy.Hybrid), candidates).Explain());
    return 0;
}

return BenchmarkResults.Run(args);
