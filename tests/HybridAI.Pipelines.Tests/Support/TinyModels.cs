using HybridAI.Pipelines.Models;

namespace HybridAI.Pipelines.Tests.Support;

/// <summary>Tiny generated model sets in the shared cache (generated once per machine, reused across runs).</summary>
internal static class TinyModels
{
    public static ModelSet Fp32 => GeneratedModelCache.GetOrCreate(ModelSize.Tiny, ModelPrecision.Fp32);

    public static ModelSet Int8 => GeneratedModelCache.GetOrCreate(ModelSize.Tiny, ModelPrecision.Int8);
}
