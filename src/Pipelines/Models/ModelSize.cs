namespace HybridAI.Pipelines.Models;

/// <summary>Size of a generated Stable-Diffusion-shaped model set.</summary>
public enum ModelSize
{
    /// <summary>A few milliseconds per stage; for tests.</summary>
    Tiny,

    /// <summary>Tens to hundreds of milliseconds per UNet step on one CPU core; for benchmarks.</summary>
    Base,
}
