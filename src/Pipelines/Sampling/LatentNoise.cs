using HybridAI.Pipelines.Randomness;

namespace HybridAI.Pipelines.Sampling;

/// <summary>The initial latent of a job: standard normal noise from the job's seed (own RNG + Box-Muller).</summary>
public static class LatentNoise
{
    public static float[] Create(ulong seed, int channels, int height, int width)
    {
        var latent = new float[channels * height * width];
        new DeterministicRandom(seed).FillNormal(latent, DdimScheduler.InitNoiseSigma);
        return latent;
    }
}
