using HybridAI.Pipelines.Tensors;

namespace HybridAI.Pipelines.Definitions;

/// <summary>What a stage expects or produces under one name: element type and shape (fixed or symbolic dims).</summary>
public sealed record TensorContract(string Name, TensorElementType ElementType, IReadOnlyList<Dimension> Shape)
{
    public static TensorContract Of(string name, TensorElementType type, params object[] dims) =>
        new(name, type, dims.Select(d => d switch
        {
            string s => Dimension.Symbolic(s),
            int i => Dimension.Fixed(i),
            long l => Dimension.Fixed(l),
            Dimension dim => dim,
            _ => throw new ArgumentException($"dimension {d} must be an int, long, symbol or Dimension"),
        }).ToArray());

    public string ShapeText => "[" + string.Join(",", Shape) + "]";

    /// <summary>Bytes of one tensor with symbolic dims taken as 1 (batch 1), for transfer estimates.</summary>
    public long EstimatedBytes => Shape.Aggregate(1L, (acc, d) => acc * (d.Size ?? 1)) * TensorElementTypes.SizeOf(ElementType);

    public bool Accepts(TensorElementType type, ReadOnlySpan<long> shape)
    {
        if (type != ElementType || shape.Length != Shape.Count)
        {
            return false;
        }

        for (int i = 0; i < shape.Length; i++)
        {
            if (!Shape[i].Accepts(shape[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => $"{Name}: {TensorElementTypes.Name(ElementType)}{ShapeText}";
}
