using HybridAI.Pipelines.Definitions;
using HybridAI.Pipelines.Tensors;

namespace HybridAI.Pipelines.Execution;

/// <summary>Checks a tensor against a contract and throws a <see cref="TensorContractException"/> naming stage, tensor and expectation.</summary>
internal static class ContractCheck
{
    public static void Check(string stage, TensorContract contract, TensorElementType type, ReadOnlySpan<long> shape, ReadOnlySpan<byte> data, bool checkFinite)
    {
        if (type != contract.ElementType)
        {
            throw new TensorContractException(stage, contract.Name,
                $"expected element type {TensorElementTypes.Name(contract.ElementType)} but got {TensorElementTypes.Name(type)}");
        }

        if (!contract.Accepts(type, shape))
        {
            throw new TensorContractException(stage, contract.Name,
                $"expected shape {contract.ShapeText} but got [{string.Join(",", shape.ToArray())}]");
        }

        if (checkFinite)
        {
            long bad = FirstNonFinite(type, data);
            if (bad >= 0)
            {
                throw new TensorContractException(stage, contract.Name, $"element {bad} is NaN or infinite; inputs must be finite");
            }
        }
    }

    /// <summary>Index of the first NaN/Inf element, or -1.</summary>
    public static long FirstNonFinite(TensorElementType type, ReadOnlySpan<byte> data)
    {
        switch (type)
        {
            case TensorElementType.Float32:
                var f = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(data);
                for (int i = 0; i < f.Length; i++)
                {
                    if (!float.IsFinite(f[i])) return i;
                }

                return -1;
            case TensorElementType.Float64:
                var d = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(data);
                for (int i = 0; i < d.Length; i++)
                {
                    if (!double.IsFinite(d[i])) return i;
                }

                return -1;
            case TensorElementType.Float16:
                var h = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Half>(data);
                for (int i = 0; i < h.Length; i++)
                {
                    if (!Half.IsFinite(h[i])) return i;
                }

                return -1;
            default:
                return -1;
        }
    }
}
