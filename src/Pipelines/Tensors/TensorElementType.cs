namespace HybridAI.Pipelines.Tensors;

/// <summary>Element types a pipeline tensor may carry; numeric values match ONNX TensorProto.DataType.</summary>
public enum TensorElementType : byte
{
    Float32 = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    Bool = 9,
    Float16 = 10,
    Float64 = 11,
    UInt32 = 12,
    UInt64 = 13,
    BFloat16 = 16,
}
