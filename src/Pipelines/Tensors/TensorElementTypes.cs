namespace HybridAI.Pipelines.Tensors;

/// <summary>Sizes and names of <see cref="TensorElementType"/> values.</summary>
public static class TensorElementTypes
{
    public static int SizeOf(TensorElementType type) => type switch
    {
        TensorElementType.Float32 or TensorElementType.Int32 or TensorElementType.UInt32 => 4,
        TensorElementType.Float64 or TensorElementType.Int64 or TensorElementType.UInt64 => 8,
        TensorElementType.Float16 or TensorElementType.BFloat16 or TensorElementType.Int16 or TensorElementType.UInt16 => 2,
        TensorElementType.UInt8 or TensorElementType.Int8 or TensorElementType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unsupported tensor element type"),
    };

    public static bool IsDefined(byte value) => Enum.IsDefined(typeof(TensorElementType), value);

    /// <summary>Short lower-case name used in manifests and messages (float32, int64, ...).</summary>
    public static string Name(TensorElementType type) => type.ToString().ToLowerInvariant();

    public static bool TryParse(string name, out TensorElementType type)
    {
        switch (name.Trim().ToLowerInvariant())
        {
            case "float": case "float32": type = TensorElementType.Float32; return true;
            case "double": case "float64": type = TensorElementType.Float64; return true;
            case "half": case "float16": type = TensorElementType.Float16; return true;
            case "bfloat16": type = TensorElementType.BFloat16; return true;
            case "int8": type = TensorElementType.Int8; return true;
            case "uint8": type = TensorElementType.UInt8; return true;
            case "int16": type = TensorElementType.Int16; return true;
            case "uint16": type = TensorElementType.UInt16; return true;
            case "int32": type = TensorElementType.Int32; return true;
            case "uint32": type = TensorElementType.UInt32; return true;
            case "int64": type = TensorElementType.Int64; return true;
            case "uint64": type = TensorElementType.UInt64; return true;
            case "bool": type = TensorElementType.Bool; return true;
            default: type = default; return false;
        }
    }
}
