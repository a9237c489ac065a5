using System.Runtime.InteropServices;

namespace HybridAI.Pipelines.Tensors;

/// <summary>A dense tensor in host memory: element type, shape and the raw little-endian payload.</summary>
public sealed class HostTensor
{
    public HostTensor(TensorElementType elementType, long[] shape, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        long count = ElementCountOf(shape);
        long expected = count * TensorElementTypes.SizeOf(elementType);
        if (expected != data.LongLength)
        {
            throw new ArgumentException(
                $"payload is {data.LongLength} bytes but shape [{string.Join(",", shape)}] of {TensorElementTypes.Name(elementType)} needs {expected}",
                nameof(data));
        }

        ElementType = elementType;
        Shape = shape;
        Data = data;
    }

    public TensorElementType ElementType { get; }

    public long[] Shape { get; }

    /// <summary>Raw payload; owned by this tensor.</summary>
    public byte[] Data { get; }

    public long ElementCount => ElementCountOf(Shape);

    public static long ElementCountOf(ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (long d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException("tensor dimensions must be non-negative", nameof(shape));
            }

            count = checked(count * d);
        }

        return count;
    }

    public static HostTensor Create<T>(ReadOnlySpan<T> values, params long[] shape)
        where T : unmanaged
    {
        return new HostTensor(ElementTypeOf<T>(), shape, MemoryMarshal.AsBytes(values).ToArray());
    }

    public static HostTensor FromFloats(float[] values, params long[] shape) => Create<float>(values, shape);

    public static HostTensor FromInt32(int[] values, params long[] shape) => Create<int>(values, shape);

    public static HostTensor FromBytes(byte[] values) => new(TensorElementType.UInt8, [values.LongLength], values);

    /// <summary>View the payload as elements of T (T must match the element type's size).</summary>
    public Span<T> AsSpan<T>()
        where T : unmanaged
    {
        if (Marshal.SizeOf<T>() != TensorElementTypes.SizeOf(ElementType))
        {
            throw new InvalidOperationException($"cannot view a {TensorElementTypes.Name(ElementType)} tensor as {typeof(T).Name}");
        }

        return MemoryMarshal.Cast<byte, T>(Data.AsSpan());
    }

    public T[] ToArray<T>()
        where T : unmanaged => AsSpan<T>().ToArray();

    public string ShapeText => "[" + string.Join(",", Shape) + "]";

    public override string ToString() => $"{TensorElementTypes.Name(ElementType)}{ShapeText}";

    public static TensorElementType ElementTypeOf<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return TensorElementType.Float32;
        if (typeof(T) == typeof(double)) return TensorElementType.Float64;
        if (typeof(T) == typeof(int)) return TensorElementType.Int32;
        if (typeof(T) == typeof(long)) return TensorElementType.Int64;
        if (typeof(T) == typeof(byte)) return TensorElementType.UInt8;
        if (typeof(T) == typeof(sbyte)) return TensorElementType.Int8;
        if (typeof(T) == typeof(short)) return TensorElementType.Int16;
        if (typeof(T) == typeof(ushort)) return TensorElementType.UInt16;
        if (typeof(T) == typeof(uint)) return TensorElementType.UInt32;
        if (typeof(T) == typeof(ulong)) return TensorElementType.UInt64;
        if (typeof(T) == typeof(bool)) return TensorElementType.Bool;
        if (typeof(T) == typeof(Half)) return TensorElementType.Float16;
        throw new NotSupportedException($"no tensor element type for {typeof(T).Name}");
    }
}
