namespace HybridAI.Pipelines.Models;

/// <summary>A model variant a node can hold: a generated size and precision, or a named user/manifest-defined set.</summary>
public sealed record ModelVariant(string Name, ModelSize? Size, ModelPrecision? Precision)
{
    public static ModelVariant Generated(ModelSize size, ModelPrecision precision) =>
        new($"sd-{size.ToString().ToLowerInvariant()}-{precision.ToString().ToLowerInvariant()}", size, precision);

    public static ModelVariant Custom(string name) => new(name, null, null);

    public static ModelVariant TinyFp32 => Generated(ModelSize.Tiny, ModelPrecision.Fp32);

    public static ModelVariant TinyInt8 => Generated(ModelSize.Tiny, ModelPrecision.Int8);

    public static ModelVariant BaseFp32 => Generated(ModelSize.Base, ModelPrecision.Fp32);

    public static ModelVariant BaseInt8 => Generated(ModelSize.Base, ModelPrecision.Int8);

    public bool IsGenerated => Size is not null && Precision is not null;

    public override string ToString() => Name;
}
