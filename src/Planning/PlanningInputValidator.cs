namespace HybridAI.Planning;

/// <summary>Boundary checks; every failure names the offending field.</summary>
internal static class PlanningInputValidator
{
    private readonly record struct FieldName(int Index)
    {
        public override string ToString() => $"candidates[{Index}]";
    }

    public static void Validate(PlacementJob job, CandidateNode[] candidates, double elapsedMs)
    {
        if (string.IsNullOrWhiteSpace(job.Id))
        {
            Fail("job.Id", "must not be empty.");
        }

        if (job.Pipeline is null || job.Pipeline.Stages.IsDefaultOrEmpty)
        {
            Fail("job.Pipeline.Stages", "the pipeline has no stages.");
        }

        var hasDenoise = false;
        for (var i = 0; i < job.Pipeline!.Stages.Length; i++)
        {
            var stage = job.Pipeline.Stages[i];
            if (stage is null)
            {
                Fail($"job.Pipeline.Stages[{i}]", "is null.");
            }

            if (stage!.OutputBytes < 0)
            {
                Fail($"job.Pipeline.Stages[{i}].OutputBytes", $"is {stage.OutputBytes}; bytes cannot be negative.");
            }

            if (stage.InputBytes < 0)
            {
                Fail($"job.Pipeline.Stages[{i}].InputBytes", $"is {stage.InputBytes}; bytes cannot be negative.");
            }

            hasDenoise |= stage.Kind == StageKind.DenoiseStep;
        }

        if (hasDenoise && job.DenoiseSteps <= 0)
        {
            Fail("job.DenoiseSteps", $"is {job.DenoiseSteps}; a pipeline with a denoise stage needs at least one step.");
        }

        if (job.DenoiseSteps < 0)
        {
            Fail("job.DenoiseSteps", $"is {job.DenoiseSteps}; it cannot be negative.");
        }

        if (!(job.DeadlineMs >= 0) || double.IsInfinity(job.DeadlineMs))
        {
            Fail("job.DeadlineMs", $"is {job.DeadlineMs}; it must be a finite number of milliseconds >= 0.");
        }

        if (!(elapsedMs >= 0) || double.IsInfinity(elapsedMs))
        {
            Fail("elapsedMs", $"is {elapsedMs}; it must be finite and >= 0.");
        }

        if (!Enum.IsDefined(job.Privacy))
        {
            Fail("job.Privacy", $"{(int)job.Privacy} is not a privacy level.");
        }

        if (!Enum.IsDefined(job.Policy))
        {
            Fail("job.Policy", $"{(int)job.Policy} is not a placement policy.");
        }

        if (candidates.Length == 0)
        {
            Fail("candidates", "is empty; the origin device at least must be a candidate.");
        }

        var originFound = false;
        for (var i = 0; i < candidates.Length; i++)
        {
            var node = candidates[i];
            var field = FieldPrefix(i);
            if (node is null)
            {
                Fail(field.ToString(), "is null.");
            }

            if (string.IsNullOrWhiteSpace(node!.Id))
            {
                Fail($"{field}.Id", "must not be empty.");
            }

            for (var j = 0; j < i; j++)
            {
                if (string.Equals(candidates[j].Id, node.Id, StringComparison.Ordinal))
                {
                    Fail($"{field}.Id", $"'{node.Id}' appears twice among the candidates.");
                }
            }

            // An offline node runs nothing, so it may hold no variants: a node that has not reported since the silo
            // started is mapped as offline with none.
            if (node.Variants.IsDefault || (node.Variants.IsEmpty && node.Online))
            {
                Fail($"{field}.Variants", $"node '{node.Id}' holds no model variants.");
            }

            for (var v = 0; v < node.Variants.Length; v++)
            {
                var variant = node.Variants[v];
                if (variant is null || string.IsNullOrWhiteSpace(variant.Name))
                {
                    Fail($"{field}.Variants[{v}]", $"node '{node.Id}' has a variant without a name.");
                }

                if (!(variant!.LatencyMs > 0) || double.IsInfinity(variant.LatencyMs))
                {
                    Fail($"{field}.Variants[{v}].LatencyMs", $"node '{node.Id}' variant '{variant.Name}' has latency {variant.LatencyMs}; it must be finite and > 0.");
                }
            }

            if (node.Queue is null)
            {
                Fail($"{field}.Queue", $"node '{node.Id}' has no queue report.");
            }

            if (node.Queue!.TotalSlots <= 0)
            {
                Fail($"{field}.Queue.TotalSlots", $"node '{node.Id}' has {node.Queue.TotalSlots} slots; it needs at least 1.");
            }

            if (node.Queue.QueueLength < 0 || node.Queue.BusySlots < 0 || !(node.Queue.QueuedWorkMs >= 0) || double.IsInfinity(node.Queue.QueuedWorkMs))
            {
                Fail($"{field}.Queue", $"node '{node.Id}' reports a negative or non-finite queue ({node.Queue}).");
            }

            if (node.Link is null)
            {
                Fail($"{field}.Link", $"node '{node.Id}' has no network link.");
            }

            if (!(node.Link!.RttMs >= 0) || double.IsInfinity(node.Link.RttMs))
            {
                Fail($"{field}.Link.RttMs", $"node '{node.Id}' has RTT {node.Link.RttMs}; it must be finite and >= 0.");
            }

            if (!(node.Link.BandwidthBytesPerSecond > 0) || double.IsInfinity(node.Link.BandwidthBytesPerSecond))
            {
                Fail($"{field}.Link.BandwidthBytesPerSecond", $"node '{node.Id}' has bandwidth {node.Link.BandwidthBytesPerSecond}; it must be finite and > 0.");
            }

            if (!(node.PricePerSecond >= 0) || double.IsInfinity(node.PricePerSecond))
            {
                Fail($"{field}.PricePerSecond", $"node '{node.Id}' has price {node.PricePerSecond}; it must be finite and >= 0.");
            }

            if (node.Battery is { } battery && !(battery.Level >= 0 && battery.Level <= 1))
            {
                Fail($"{field}.Battery.Level", $"node '{node.Id}' reports battery level {battery.Level}; it must be in [0, 1].");
            }

            if (string.Equals(node.Id, job.OriginDeviceId, StringComparison.Ordinal))
            {
                originFound = true;
                if (node.Kind != NodeKind.Device)
                {
                    Fail("job.OriginDeviceId", $"'{job.OriginDeviceId}' is a {node.Kind}, not a Device.");
                }
            }
        }

        if (!originFound)
        {
            Fail("job.OriginDeviceId", $"'{job.OriginDeviceId}' is not among the {candidates.Length} candidates.");
        }
    }

    public static void ValidateCheckpoint(PlanCheckpoint checkpoint)
    {
        if (checkpoint.ResumeStageIndex < 0)
        {
            Fail("checkpoint.ResumeStageIndex", $"is {checkpoint.ResumeStageIndex}; it cannot be negative.");
        }

        if (string.IsNullOrEmpty(checkpoint.TensorNodeId))
        {
            Fail("checkpoint.TensorNodeId", "must name the node holding the checkpoint tensor.");
        }

        if (checkpoint.TensorBytes < 0)
        {
            Fail("checkpoint.TensorBytes", $"is {checkpoint.TensorBytes}; bytes cannot be negative.");
        }

        if (!(checkpoint.ElapsedMs >= 0) || double.IsInfinity(checkpoint.ElapsedMs))
        {
            Fail("checkpoint.ElapsedMs", $"is {checkpoint.ElapsedMs}; it must be finite and >= 0.");
        }
    }

    // Interpolated only when it is used in a message, so the happy path does not format strings.
    private static FieldName FieldPrefix(int index) => new(index);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string field, string problem) => throw new InvalidPlanningInputException(field, problem);
}
