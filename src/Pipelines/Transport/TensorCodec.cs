using System.Buffers.Binary;
using System.Text;
using HybridAI.Pipelines.Tensors;

namespace HybridAI.Pipelines.Transport;

/// <summary>
/// Compact binary wire format for tensors moving between machines.
/// Tensor: "HTEN" | version u8 | dtype u8 | rank u8 | reserved u8 | nameLen u16 | name utf8 | dims i64[rank] | payloadLen i64 | payload | crc32 u32.
/// Bundle: "HBND" | version u8 | count u32 | tensors... | crc32 u32 (over everything before it). All integers little-endian.
/// </summary>
public static class TensorCodec
{
    public const byte Version = 1;
    public const int MaxRank = 16;
    private static readonly byte[] TensorMagic = "HTEN"u8.ToArray();
    private static readonly byte[] BundleMagic = "HBND"u8.ToArray();

    public static byte[] Encode(string name, HostTensor tensor)
    {
        using var stream = new MemoryStream();
        Write(stream, name, tensor);
        return stream.ToArray();
    }

    public static (string Name, HostTensor Tensor) Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new SpanReader(bytes);
        var result = Read(ref reader);
        if (reader.Remaining != 0)
        {
            throw new CorruptTensorException($"{reader.Remaining} unexpected trailing bytes after tensor '{result.Name}'");
        }

        return result;
    }

    public static byte[] EncodeBundle(TensorBundle bundle)
    {
        using var stream = new MemoryStream();
        stream.Write(BundleMagic);
        stream.WriteByte(Version);
        Span<byte> count = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(count, (uint)bundle.Count);
        stream.Write(count);
        foreach (var (name, tensor) in bundle)
        {
            Write(stream, name, tensor);
        }

        AppendCrc(stream);
        return stream.ToArray();
    }

    public static TensorBundle DecodeBundle(ReadOnlySpan<byte> bytes)
    {
        var reader = new SpanReader(bytes);
        ReadOnlySpan<byte> magic = reader.Take(4, "bundle magic");
        if (!magic.SequenceEqual(BundleMagic))
        {
            throw new CorruptTensorException($"bad bundle magic 0x{Convert.ToHexString(magic)} (expected \"HBND\")");
        }

        byte version = reader.Take(1, "bundle version")[0];
        if (version != Version)
        {
            throw new CorruptTensorException($"unsupported bundle version {version} (this build reads {Version})");
        }

        uint count = BinaryPrimitives.ReadUInt32LittleEndian(reader.Take(4, "bundle count"));
        var bundle = new TensorBundle();
        for (uint i = 0; i < count; i++)
        {
            var (name, tensor) = Read(ref reader);
            if (bundle.ContainsKey(name))
            {
                throw new CorruptTensorException($"bundle contains tensor '{name}' twice");
            }

            bundle.Add(name, tensor);
        }

        int crcAt = reader.Position;
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(reader.Take(4, "bundle CRC32"));
        uint actual = Crc32.Compute(bytes[..crcAt]);
        if (stored != actual)
        {
            throw new CorruptTensorException($"bundle CRC32 mismatch: stored 0x{stored:X8}, computed 0x{actual:X8}");
        }

        if (reader.Remaining != 0)
        {
            throw new CorruptTensorException($"{reader.Remaining} unexpected trailing bytes after bundle");
        }

        return bundle;
    }

    private static void Write(MemoryStream stream, string name, HostTensor tensor)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (tensor.Shape.Length > MaxRank)
        {
            throw new ArgumentException($"tensor '{name}' has rank {tensor.Shape.Length}; the wire format allows at most {MaxRank}");
        }

        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        if (nameBytes.Length > ushort.MaxValue)
        {
            throw new ArgumentException("tensor name is too long", nameof(name));
        }

        long start = stream.Position;
        Span<byte> header = stackalloc byte[10];
        TensorMagic.CopyTo(header);
        header[4] = Version;
        header[5] = (byte)tensor.ElementType;
        header[6] = (byte)tensor.Shape.Length;
        header[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], (ushort)nameBytes.Length);
        stream.Write(header);
        stream.Write(nameBytes);
        Span<byte> eight = stackalloc byte[8];
        foreach (long d in tensor.Shape)
        {
            BinaryPrimitives.WriteInt64LittleEndian(eight, d);
            stream.Write(eight);
        }

        BinaryPrimitives.WriteInt64LittleEndian(eight, tensor.Data.LongLength);
        stream.Write(eight);
        stream.Write(tensor.Data);
        uint crc = Crc32.Compute(stream.GetBuffer().AsSpan((int)start, (int)(stream.Position - start)));
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(four, crc);
        stream.Write(four);
    }

    private static (string Name, HostTensor Tensor) Read(ref SpanReader reader)
    {
        int start = reader.Position;
        ReadOnlySpan<byte> header = reader.Take(10, "tensor header");
        if (!header[..4].SequenceEqual(TensorMagic))
        {
            throw new CorruptTensorException($"bad tensor magic 0x{Convert.ToHexString(header[..4])} (expected \"HTEN\")");
        }

        if (header[4] != Version)
        {
            throw new CorruptTensorException($"unsupported tensor version {header[4]} (this build reads {Version})");
        }

        byte dtype = header[5];
        if (!TensorElementTypes.IsDefined(dtype))
        {
            throw new CorruptTensorException($"unknown tensor element type code {dtype}");
        }

        int rank = header[6];
        if (rank > MaxRank)
        {
            throw new CorruptTensorException($"tensor rank {rank} exceeds the maximum {MaxRank}");
        }

        int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
        string name;
        try
        {
            name = new UTF8Encoding(false, true).GetString(reader.Take(nameLength, "tensor name"));
        }
        catch (DecoderFallbackException)
        {
            throw new CorruptTensorException("tensor name is not valid UTF-8");
        }

        var shape = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            shape[i] = BinaryPrimitives.ReadInt64LittleEndian(reader.Take(8, $"dimension {i} of '{name}'"));
            if (shape[i] < 0)
            {
                throw new CorruptTensorException($"tensor '{name}' has negative dimension {shape[i]}");
            }
        }

        var elementType = (TensorElementType)dtype;
        long payloadLength = BinaryPrimitives.ReadInt64LittleEndian(reader.Take(8, $"payload length of '{name}'"));
        long expected;
        try
        {
            expected = checked(HostTensor.ElementCountOf(shape) * TensorElementTypes.SizeOf(elementType));
        }
        catch (OverflowException)
        {
            throw new CorruptTensorException($"tensor '{name}' shape overflows");
        }

        if (payloadLength != expected)
        {
            throw new CorruptTensorException(
                $"tensor '{name}' declares {payloadLength} payload bytes but {TensorElementTypes.Name(elementType)}[{string.Join(",", shape)}] needs {expected}");
        }

        if (payloadLength > reader.Remaining)
        {
            throw new CorruptTensorException($"tensor '{name}' is truncated: payload needs {payloadLength} bytes, {reader.Remaining} left");
        }

        byte[] payload = reader.Take((int)payloadLength, $"payload of '{name}'").ToArray();
        int crcAt = reader.Position;
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(reader.Take(4, $"CRC32 of '{name}'"));
        uint actual = Crc32.Compute(reader.Slice(start, crcAt - start));
        if (stored != actual)
        {
            throw new CorruptTensorException($"tensor '{name}' CRC32 mismatch: stored 0x{stored:X8}, computed 0x{actual:X8}");
        }

        return (name, new HostTensor(elementType, shape, payload));
    }

    private static void AppendCrc(MemoryStream stream)
    {
        uint crc = Crc32.Compute(stream.GetBuffer().AsSpan(0, (int)stream.Position));
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(four, crc);
        stream.Write(four);
    }

    private ref struct SpanReader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public int Position { get; private set; }

        public readonly int Remaining => _bytes.Length - Position;

        public ReadOnlySpan<byte> Take(int count, string what)
        {
            if (count < 0 || count > Remaining)
            {
                throw new CorruptTensorException($"input is truncated: {what} needs {count} bytes at offset {Position}, {Remaining} left");
            }

            var span = _bytes.Slice(Position, count);
            Position += count;
            return span;
        }

        public readonly ReadOnlySpan<byte> Slice(int start, int length) => _bytes.Slice(start, length);
    }
}
