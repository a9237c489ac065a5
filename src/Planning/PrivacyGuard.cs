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
        var stages = job.Pipeline.Expand(job.DenoiseSteps);
        var violations = ImmutableArray.CreateBuilder<string>();
        if (!string.Equals(plan.OriginDeviceId, job.OriginDeviceId, StringComparison.Ordinal))
        {
            violations.Add($"plan returns output to '{plan.OriginDeviceId}', but the job's origin device is '{job.OriginDeviceId}'");
        }

        foreach (var segment in plan.Segments)
        {
            if (segment.FirstStage < 0 || segment.LastStage >= stages.Length || segment.FirstStage > segment.LastStage)
            {
                violations.Add($"segment [{segment.FirstStage}-{segment.LastStage}] on '{segment.NodeId}' is outside the job's stages 0..{stages.Length - 1}");
                continue;
            }

            if (string.Equals(segment.NodeId, job.OriginDeviceId, StringComparison.Ordinal))
            {
                continue;
            }

            for (var i = segment.FirstStage; i <= segment.LastStage; i++)
            {
                if (job.Privacy == PrivacyLevel.LocalOnly)
                {
                    violations.Add($"stage {i} '{stages[i].Name}' runs on '{segment.NodeId}', but LocalOnly keeps every stage on origin device '{job.OriginDeviceId}'");
                }
                else if (job.Privacy == PrivacyLevel.Strict && stages[i].TouchesPrivateInput)
                {
                    violations.Add($"stage {i} '{stages[i].Name}' touches private input and runs on '{segment.NodeId}', but Strict keeps it on origin device '{job.OriginDeviceId}'");
                }
            }
        }

        return new PrivacyCheckResult(job.Id, job.Privacy, violations.ToImmutable());
    }

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
