using System.Collections.Immutable;

namespace HybridAI.Planning;

/// <summary>Checks a plan against a job's privacy level (the job grain re-checks at dispatch).</summary>
public static class PrivacyGuard
{
    /// <summary>Lists every stage placed where the job's privacy level forbids it.</summary>
    public static PrivacyCheckResult Check(PlacementPlan plan, PlacementJob job)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(job);
        // Stage templates are walked in place: expanding the pipeline would allocate a profile per denoise step on every dispatch.
        var templates = job.Pipeline.Stages;
        var stageCount = job.Pipeline.StageCount(job.DenoiseSteps);

        var violations = ImmutableArray.CreateBuilder<string>();
        if (!string.Equals(plan.OriginDeviceId, job.OriginDeviceId, StringComparison.Ordinal))
        {
            violations.Add($"plan returns output to '{plan.OriginDeviceId}', but the job's origin device is '{job.OriginDeviceId}'");
        }

        foreach (var segment in plan.Segments)
        {
            if (segment.FirstStage < 0 || segment.LastStage >= stageCount || segment.FirstStage > segment.LastStage)
            {
                violations.Add($"segment [{segment.FirstStage}-{segment.LastStage}] on '{segment.NodeId}' is outside the job's stages 0..{stageCount - 1}");
                continue;
            }

            if (string.Equals(segment.NodeId, job.OriginDeviceId, StringComparison.Ordinal))
            {
                continue;
            }

            for (var i = segment.FirstStage; i <= segment.LastStage; i++)
            {
                var (stage, step) = StageAt(templates, job.DenoiseSteps, i);
                if (job.Privacy == PrivacyLevel.LocalOnly)
                {
                    violations.Add($"stage {i} '{Name(stage, step)}' runs on '{segment.NodeId}', but LocalOnly keeps every stage on origin device '{job.OriginDeviceId}'");
                }
                else if (job.Privacy == PrivacyLevel.Strict && stage.TouchesPrivateInput)
                {
                    violations.Add($"stage {i} '{Name(stage, step)}' touches private input and runs on '{segment.NodeId}', but Strict keeps it on origin device '{job.OriginDeviceId}'");
                }
            }
        }

        return new PrivacyCheckResult(job.Id, job.Privacy, violations.ToImmutable());
    }

    /// <summary>The template of stage <paramref name="index"/> (in range) and, for a denoise step, which step it is.</summary>
    private static (StageProfile Stage, int Step) StageAt(ImmutableArray<StageProfile> templates, int denoiseSteps, int index)
    {
        foreach (var template in templates)
        {
            var repeat = template.Kind == StageKind.DenoiseStep ? denoiseSteps : 1;
            if (index < repeat)
            {
                return (template, template.Kind == StageKind.DenoiseStep ? index : -1);
            }

            index -= repeat;
        }

        throw new ArgumentOutOfRangeException(nameof(index));
    }

    // As plans and PipelineProfile.Expand name them.
    private static string Name(StageProfile stage, int step) => step < 0 ? stage.Name : StepNames.Of(stage.Name, step);

    /// <summary>Throws <see cref="PrivacyViolationException"/> naming every violation when the plan breaks the privacy level.</summary>
    public static void EnsureAllowed(PlacementPlan plan, PlacementJob job)
    {
        var result = Check(plan, job);
        if (!result.IsAllowed)
        {
            throw new PrivacyViolationException(result);
        }
    }
}
