using HybridAI.Contracts.Jobs;

namespace HybridAI.Grains.Jobs;

/// <summary>Checks a job request at the cluster's boundary, including the privacy rule that Strict prompts never arrive.</summary>
public static class JobRequestValidator
{
    public static void Validate(JobRequest request, JobOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.OriginDeviceId))
        {
            throw new InvalidJobException(nameof(request.OriginDeviceId), "is empty.");
        }

        if (request.Steps < 1 || request.Steps > options.MaxSteps)
        {
            throw new InvalidJobException(nameof(request.Steps), $"is {request.Steps}; 1 to {options.MaxSteps} are allowed.");
        }

        if (!options.AcceptedModelSizes.Contains(request.ModelSize, StringComparer.Ordinal))
        {
            throw new InvalidJobException(nameof(request.ModelSize), $"'{request.ModelSize}' is not one of {string.Join(", ", options.AcceptedModelSizes)}.");
        }

        if (!(request.DeadlineMs > 0) || double.IsInfinity(request.DeadlineMs))
        {
            throw new InvalidJobException(nameof(request.DeadlineMs), $"is {request.DeadlineMs}; it must be a positive number of milliseconds.");
        }

        if (!Enum.IsDefined(request.Privacy) || !Enum.IsDefined(request.Policy))
        {
            throw new InvalidJobException(nameof(request.Privacy), $"'{request.Privacy}' / policy '{request.Policy}' is not a known value.");
        }

        switch (request.Privacy)
        {
            case PrivacyLevel.LocalOnly:
                throw new InvalidJobException(nameof(request.Privacy),
                    "is LocalOnly: such jobs run entirely on the device, so its agent runs them without the cluster.");
            case PrivacyLevel.Strict:
                if (request.Prompt is not null)
                {
                    throw new InvalidJobException(nameof(request.Prompt),
                        "was sent for a Strict job; Strict prompts never leave the origin device: submit through the device's agent, which encodes the prompt locally.");
                }

                if (request.PrecomputedStages != TextToImageStages.TextEncode + 1 || request.PrecomputedInputs.Length == 0)
                {
                    throw new InvalidJobException(nameof(request.PrecomputedInputs),
                        $"must hold the text embedding the device computed (tokenize and text-encode, 2 stages); got {request.PrecomputedStages} stages and {request.PrecomputedInputs.Length} bytes.");
                }

                break;
            default:
                if (request.PrecomputedStages == 0 && string.IsNullOrWhiteSpace(request.Prompt))
                {
                    throw new InvalidJobException(nameof(request.Prompt), "is empty.");
                }

                if (request.PrecomputedStages is not (0 or 2))
                {
                    throw new InvalidJobException(nameof(request.PrecomputedStages), $"is {request.PrecomputedStages}; 0 or 2 (tokenize and text-encode done on the device) are allowed.");
                }

                if (request.PrecomputedStages > 0 && request.PrecomputedInputs.Length == 0)
                {
                    throw new InvalidJobException(nameof(request.PrecomputedInputs), "is empty although the device says it ran the first stages.");
                }

                break;
        }

        if (request.Prompt is { Length: > 4096 })
        {
            throw new InvalidJobException(nameof(request.Prompt), $"has {request.Prompt.Length} characters; at most 4096 are allowed.");
        }

        foreach (var entry in request.LocalTrace)
        {
            if (entry.NodeId != request.OriginDeviceId || entry.FirstStage < 0 || entry.LastStage >= request.PrecomputedStages || entry.FirstStage > entry.LastStage)
            {
                throw new InvalidJobException(nameof(request.LocalTrace),
                    $"entry for stages {entry.FirstStage}-{entry.LastStage} on '{entry.NodeId}' is not a stage the origin device precomputed.");
            }
        }
    }
}
