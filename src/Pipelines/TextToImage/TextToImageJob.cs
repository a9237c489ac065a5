namespace HybridAI.Pipelines.TextToImage;

/// <summary>
/// One text-to-image request. The image size follows the model set's latent size (8x). Classifier-free guidance is
/// not implemented: the UNet runs with batch 1 on the prompt alone.
/// </summary>
public sealed record TextToImageJob(string Prompt, ulong Seed, int Steps = 20)
{
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Prompt);
        if (Steps < 1 || Steps > Sampling.DdimScheduler.TrainSteps)
        {
            throw new ArgumentOutOfRangeException(nameof(Steps), Steps, $"steps must be between 1 and {Sampling.DdimScheduler.TrainSteps}");
        }
    }
}
