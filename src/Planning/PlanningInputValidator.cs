namespace HybridAI.Planning;

/// <summary>Boundary checks; every failure names the offending field.</summary>
internal static class PlanningInputValidator
{
    private readonly record struct FieldName(int Index)
    {
        public override string ToString() => $"candidates[{Index}]";
    }

    // The enums' values are 0 .. Count - 1 (a test checks it), so a range check is Enum.IsDefined without its lookup.
    private static readonly int PrivacyLevels = Enum.GetValues<PrivacyLevel>().Length;
    private static readonly int Policies = Enum.GetValues<PlacementPolicy>().Length;

    /// <summary>Throws <see cref="InvalidPlanningInputException"/> for the first invalid field; returns the origin device's candidate.</summary>
    public static CandidateNode Validate(PlacementJob job, CandidateNode[] candidates, double elapsedMs)
    {
        if (IsBlank(job.Id))
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
                Fail(i, static s => ($"job.Pipeline.Stages[{s}]", "is null."));
            }

            if (stage!.OutputBytes < 0)
            {
                Fail((i, stage), static s => ($"job.Pipeline.Stages[{s.i}].OutputBytes", $"is {s.stage.OutputBytes}; bytes cannot be negative."));
            }

            if (stage.InputBytes < 0)
            {
                Fail((i, stage), static s => ($"job.Pipeline.Stages[{s.i}].InputBytes", $"is {s.stage.InputBytes}; bytes cannot be negative."));
            }

            hasDenoise |= stage.Kind == StageKind.DenoiseStep;
        }

        if (hasDenoise && job.DenoiseSteps <= 0)
        {
            Fail(job, static s => ("job.DenoiseSteps", $"is {s.DenoiseSteps}; a pipeline with a denoise stage needs at least one step."));
        }

        if (job.DenoiseSteps < 0)
        {
            Fail(job, static s => ("job.DenoiseSteps", $"is {s.DenoiseSteps}; it cannot be negative."));
        }

        if (!(job.DeadlineMs >= 0) || double.IsInfinity(job.DeadlineMs))
        {
            Fail(job, static s => ("job.DeadlineMs", $"is {s.DeadlineMs}; it must be a finite number of milliseconds >= 0."));
        }

        if (!(elapsedMs >= 0) || double.IsInfinity(elapsedMs))
        {
            Fail(elapsedMs, static s => ("elapsedMs", $"is {s}; it must be finite and >= 0."));
        }

        if ((uint)job.Privacy >= (uint)PrivacyLevels)
        {
            Fail(job, static s => ("job.Privacy", $"{(int)s.Privacy} is not a privacy level."));
        }

        if ((uint)job.Policy >= (uint)Policies)
        {
            Fail(job, static s => ("job.Policy", $"{(int)s.Policy} is not a placement policy."));
        }

        if (candidates.Length == 0)
        {
            Fail("candidates", "is empty; the origin device at least must be a candidate.");
        }

        CandidateNode? origin = null;
        for (var i = 0; i < candidates.Length; i++)
        {
            var node = candidates[i];
            var field = FieldPrefix(i);
            if (node is null)
            {
                Fail(field.ToString(), "is null.");
            }

            if (IsBlank(node!.Id))
            {
                Fail(field, static s => ($"{s}.Id", "must not be empty."));
            }

            // Ids are not empty (checked above), so comparing last chars first skips most string compares.
            var id = node.Id;
            for (var j = 0; j < i; j++)
            {
                var other = candidates[j].Id;
                if (other.Length == id.Length && other[^1] == id[^1] && string.Equals(other, id, StringComparison.Ordinal))
                {
                    Fail((field, node), static s => ($"{s.field}.Id", $"'{s.node.Id}' appears twice among the candidates."));
                }
            }

            // An offline node runs nothing, so it may hold no variants: a node that has not reported since the silo
            // started is mapped as offline with none.
            if (node.Variants.IsDefault || (node.Variants.IsEmpty && node.Online))
            {
                Fail((field, node), static s => ($"{s.field}.Variants", $"node '{s.node.Id}' holds no model variants."));
            }

            for (var v = 0; v < node.Variants.Length; v++)
            {
                var variant = node.Variants[v];
                if (variant is null || IsBlank(variant.Name))
                {
                    Fail((field, v, node), static s => ($"{s.field}.Variants[{s.v}]", $"node '{s.node.Id}' has a variant without a name."));
                }

                if (!(variant!.LatencyMs > 0) || double.IsInfinity(variant.LatencyMs))
                {
                    Fail((field, v, node, variant), static s => ($"{s.field}.Variants[{s.v}].LatencyMs", $"node '{s.node.Id}' variant '{s.variant.Name}' has latency {s.variant.LatencyMs}; it must be finite and > 0."));
                }
            }

            if (node.Queue is null)
            {
                Fail((field, node), static s => ($"{s.field}.Queue", $"node '{s.node.Id}' has no queue report."));
            }

            if (node.Queue!.TotalSlots <= 0)
            {
                Fail((field, node), static s => ($"{s.field}.Queue.TotalSlots", $"node '{s.node.Id}' has {s.node.Queue.TotalSlots} slots; it needs at least 1."));
            }

            if (node.Queue.QueueLength < 0 || node.Queue.BusySlots < 0 || !(node.Queue.QueuedWorkMs >= 0) || double.IsInfinity(node.Queue.QueuedWorkMs))
            {
                Fail((field, node), static s => ($"{s.field}.Queue", $"node '{s.node.Id}' reports a negative or non-finite queue ({s.node.Queue})."));
            }

            if (node.Link is null)
            {
                Fail((field, node), static s => ($"{s.field}.Link", $"node '{s.node.Id}' has no network link."));
            }

            if (!(node.Link!.RttMs >= 0) || double.IsInfinity(node.Link.RttMs))
            {
                Fail((field, node), static s => ($"{s.field}.Link.RttMs", $"node '{s.node.Id}' has RTT {s.node.Link.RttMs}; it must be finite and >= 0."));
            }

            if (!(node.Link.BandwidthBytesPerSecond > 0) || double.IsInfinity(node.Link.BandwidthBytesPerSecond))
            {
                Fail((field, node), static s => ($"{s.field}.Link.BandwidthBytesPerSecond", $"node '{s.node.Id}' has bandwidth {s.node.Link.BandwidthBytesPerSecond}; it must be finite and > 0."));
            }

            if (!(node.PricePerSecond >= 0) || double.IsInfinity(node.PricePerSecond))
            {
                Fail((field, node), static s => ($"{s.field}.PricePerSecond", $"node '{s.node.Id}' has price {s.node.PricePerSecond}; it must be finite and >= 0."));
            }

            if (node.Battery is { } battery && !(battery.Level >= 0 && battery.Level <= 1))
            {
                Fail((field, node, battery), static s => ($"{s.field}.Battery.Level", $"node '{s.node.Id}' reports battery level {s.battery.Level}; it must be in [0, 1]."));
            }

            if (string.Equals(node.Id, job.OriginDeviceId, StringComparison.Ordinal))
            {
                origin = node;
                if (node.Kind != NodeKind.Device)
                {
                    Fail((job, node), static s => ("job.OriginDeviceId", $"'{s.job.OriginDeviceId}' is a {s.node.Kind}, not a Device."));
                }
            }
        }

        if (origin is null)
        {
            Fail((job, candidates), static s => ("job.OriginDeviceId", $"'{s.job.OriginDeviceId}' is not among the {s.candidates.Length} candidates."));
        }

        return origin;
    }

    public static void ValidateCheckpoint(PlanCheckpoint checkpoint)
    {
        if (checkpoint.ResumeStageIndex < 0)
        {
            Fail(checkpoint, static s => ("checkpoint.ResumeStageIndex", $"is {s.ResumeStageIndex}; it cannot be negative."));
        }

        if (string.IsNullOrEmpty(checkpoint.TensorNodeId))
        {
            Fail("checkpoint.TensorNodeId", "must name the node holding the checkpoint tensor.");
        }

        if (checkpoint.TensorBytes < 0)
        {
            Fail(checkpoint, static s => ("checkpoint.TensorBytes", $"is {s.TensorBytes}; bytes cannot be negative."));
        }

        if (!(checkpoint.ElapsedMs >= 0) || double.IsInfinity(checkpoint.ElapsedMs))
        {
            Fail(checkpoint, static s => ("checkpoint.ElapsedMs", $"is {s.ElapsedMs}; it must be finite and >= 0."));
        }
    }

    /// <summary>
    /// string.IsNullOrWhiteSpace, inlined for the usual name that starts with a visible char (the call per id and
    /// variant name was a tenth of the validation).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool IsBlank(string? text) => text is null || text.Length == 0 || (char.IsWhiteSpace(text[0]) && string.IsNullOrWhiteSpace(text));

    // Interpolated only when it is used in a message, so the happy path does not format strings.
    private static FieldName FieldPrefix(int index) => new(index);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string field, string problem) => throw new InvalidPlanningInputException(field, problem);

    /// <summary>
    /// Fails with the field and problem <paramref name="describe"/> words from <paramref name="state"/>. Messages with
    /// values are interpolated in these static lambdas, not in Validate: each interpolation there is a string-builder
    /// struct in Validate's frame, which the runtime zeroes on every call (1.3 KB of them, a tenth of the validation).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail<T>(T state, Func<T, (string Field, string Problem)> describe)
    {
        var (field, problem) = describe(state);
        throw new InvalidPlanningInputException(field, problem);
    }
}
