using System.Collections.Immutable;
using HybridAI.Planning;

namespace HybridAI.Planning.Tests;

public sealed class StepNamesTests
{
    [Fact]
    public void Step_names_follow_the_template_when_plans_alternate_between_pipelines()
    {
        var planner = new PlacementPlanner(PlannerOptions.Default with { IncludeAlternatives = false });
        var renamed = PipelineProfile.TextToImage() is var profile
            ? profile with { Stages = profile.Stages.Select(s => s.Kind == StageKind.DenoiseStep ? s with { Name = "Step" } : s).ToImmutableArray() }
            : null;
        for (var round = 0; round < 3; round++)
        {
            foreach (var (pipeline, name, steps, deadlineMs) in new[] { (PipelineProfile.TextToImage(), "DenoiseStep", 20, 5000.0), (renamed!, "Step", 40, 8000.0) })
            {
                // Binding deadlines split the denoise loop, so segments start and end at named steps.
                var job = TestFleet.Job() with { Pipeline = pipeline, DenoiseSteps = steps, DeadlineMs = deadlineMs };
                var plan = planner.Plan(job, TestFleet.Candidates());
                Assert.Contains(plan.Segments, s => s.FirstStageName.StartsWith(name + "[", StringComparison.Ordinal) && s.FirstStage > 2);
                foreach (var segment in plan.Segments)
                {
                    Assert.Equal(ExpectedName(segment.FirstStage), segment.FirstStageName);
                    Assert.Equal(ExpectedName(segment.LastStage), segment.LastStageName);
                }

                string ExpectedName(int stage) => stage switch
                {
                    0 => "Tokenize",
                    1 => "TextEncode",
                    _ when stage == steps + 2 => "Decode",
                    _ => $"{name}[{stage - 2}]",
                };
            }
        }
    }
}
