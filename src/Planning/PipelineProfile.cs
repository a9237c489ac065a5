using System.Collections.Immutable;

namespace HybridAI.Planning;

/// <summary>
/// A chain of stage templates. A <see cref="StageKind.DenoiseStep"/> template is repeated once per denoise
/// step of the job when the pipeline is expanded (see <see cref="Expand"/>).
/// </summary>
public sealed record PipelineProfile(string Name, ImmutableArray<StageProfile> Stages)
{
    /// <summary>
    /// Text-to-image: Tokenize -> TextEncode -> N x DenoiseStep -> Decode. Default sizes follow Stable Diffusion 1.5
    /// at 512x512: 77 int64 token ids, 77x768 fp32 embeddings, a 4x64x64 fp32 latent, a ~400 KB PNG.
    /// </summary>
    public static PipelineProfile TextToImage(
        long promptBytes = 512,
        long tokenIdsBytes = 77 * 8,
        long embeddingBytes = 77 * 768 * 4,
        long latentBytes = 4 * 64 * 64 * 4,
        long imageBytes = 400_000) =>
        new("text-to-image",
        [
            new StageProfile("Tokenize", StageKind.Tokenize, tokenIdsBytes, promptBytes, TouchesPrivateInput: true),
            new StageProfile("TextEncode", StageKind.TextEncode, embeddingBytes, tokenIdsBytes, TouchesPrivateInput: true),
            new StageProfile("DenoiseStep", StageKind.DenoiseStep, latentBytes, latentBytes, TouchesPrivateInput: false),
            new StageProfile("Decode", StageKind.Decode, imageBytes, latentBytes, TouchesPrivateInput: false),
        ]);

    /// <summary>How many stages a job runs: each denoise template counts <paramref name="denoiseSteps"/> times.</summary>
    public int StageCount(int denoiseSteps)
    {
        var count = 0;
        foreach (var stage in Stages)
        {
            count += stage.Kind == StageKind.DenoiseStep ? denoiseSteps : 1;
        }

        return count;
    }

    /// <summary>The stage list a job runs: denoise templates repeated <paramref name="denoiseSteps"/> times, named "DenoiseStep[k]".</summary>
    public ImmutableArray<StageProfile> Expand(int denoiseSteps)
    {
        var builder = ImmutableArray.CreateBuilder<StageProfile>();
        foreach (var stage in Stages)
        {
            if (stage.Kind != StageKind.DenoiseStep)
            {
                builder.Add(stage);
                continue;
            }

            for (var step = 0; step < denoiseSteps; step++)
            {
                builder.Add(stage with { Name = $"{stage.Name}[{step}]" });
            }
        }

        return builder.ToImmutable();
    }
}
