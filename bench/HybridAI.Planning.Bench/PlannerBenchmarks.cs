using HybridAI.Planning.Tests;
using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using HybridAI.Planning;

namespace HybridAI.Planning.Bench;

// Not sealed: BenchmarkDotNet generates a type deriving from the benchmark class.
[MemoryDiagnoser]
public class PlannerBenchmarks
{
    private readonly PlacementPlanner planner = new(PlannerOptions.Default with { IncludeAlternatives = false });
    private readonly PlacementPlanner explaining = new();
    // Boxed once: an ImmutableArray passed as IReadOnlyList would be boxed by every call.
    private readonly IReadOnlyList<CandidateNode> candidates = TestFleet.Candidates();
    private readonly PlacementJob hybrid = TestFleet.Job(PrivacyLevel.Strict, PlacementPolicy.Hybrid);
    private readonly PlacementJob hybridRelaxed = TestFleet.Job(PrivacyLevel.Strict, PlacementPolicy.Hybrid, deadlineMs: 60_000);
    private readonly PlacementJob staticSplit = TestFleet.Job(PrivacyLevel.Strict, PlacementPolicy.StaticSplit);

    [Benchmark(Baseline = true, Description = "StaticSplit")]
    public PlacementPlan StaticSplit() => planner.Plan(staticSplit, candidates);

    [Benchmark(Description = "Hybrid (5 s deadline binds)")]
    public PlacementPlan Hybrid() => planner.Plan(hybrid, candidates);

    [Benchmark(Description = "Hybrid (60 s deadline, cheapest plan on time)")]
    public PlacementPlan HybridRelaxed() => planner.Plan(hybridRelaxed, candidates);

    [Benchmark(Description = "Hybrid + alternatives (explained)")]
    public PlacementPlan HybridExplained() => explaining.Plan(hybrid, candidates);
}
