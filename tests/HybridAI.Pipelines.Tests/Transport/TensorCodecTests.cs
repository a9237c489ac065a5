using HybridAI.Pipelines.Tensors;
using HybridAI.Pipelines.Transport;

namespace HybridAI.Pipelines.Tests.Transport;

public sealed class TensorCodecTests
{
    public static TheoryData<TensorElementType> AllElementTypes()
    {
        var data = new TheoryData<TensorElementType>();
        foreach (var t in Enum.GetValues<TensorElementType>())
        {
            data.Add(t);
        }

        return data;
    }

    private static HostTensor Sample(TensorElementType type, params long[] shape)
    {
        long count = HostTensor.ElementCountOf(shape);
        var bytes = new byte[count * TensorElementTypes.SizeOf(type)];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(i * 31 + 7);
        }

        if (type == TensorElementType.Bool)
        {
            for (int i = 0; i < bytes.Length; i++) bytes[i] &= 1;
        }

        return new HostTensor(type, shape, bytes);
    }

    [Theory]
    [MemberData(nameof(AllElementTypes))]
    public void Every_element_type_round_trips_bit_exactly(TensorElementType type)
    {
        var tensor = Sample(type, 2, 3, 5);
        var (name, decoded) = TensorCodec.Decode(TensorCodec.Encode("x", tensor));
        Assert.Equal("x", name);
        Assert.Equal(type, decoded.ElementType);
        Assert.Equal(tensor.Shape, decoded.Shape);
        Assert.Equal(tensor.Data, decoded.Data);
    }

    [Fact]
    public void Scalars_and_empty_tensors_round_trip()
    {
        var scalar = HostTensor.Create<float>([3.5f]);
        Assert.Empty(TensorCodec.Decode(TensorCodec.Encode("s", scalar)).Tensor.Shape);
        var empty = new HostTensor(TensorElementType.Int64, [0, 4], []);
        Assert.Equal(new long[] { 0, 4 }, TensorCodec.Decode(TensorCodec.Encode("e", empty)).Tensor.Shape);
    }

    [Fact]
    public void A_bundle_round_trips_names_and_tensors()
    {
        var bundle = new TensorBundle
        {
            { "latent", Sample(TensorElementType.Float32, 1, 4, 8, 8) },
            { "input_ids", Sample(TensorElementType.Int32, 1, 77) },
            { "ünïcode name", Sample(TensorElementType.Float16, 3) },
        };
        var decoded = TensorCodec.DecodeBundle(TensorCodec.EncodeBundle(bundle));
        Assert.Equal(bundle.Keys, decoded.Keys);
        foreach (var (name, tensor) in bundle)
        {
            Assert.Equal(tensor.Data, decoded[name].Data);
            Assert.Equal(tensor.Shape, decoded[name].Shape);
        }
    }

    [Fact]
    public void Truncated_input_is_rejected_at_every_length()
    {
        byte[] bytes = TensorCodec.Encode("latent", Sample(TensorElementType.Float32, 2, 2));
        for (int length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<CorruptTensorException>(() => TensorCodec.Decode(bytes.AsSpan(0, length)));
        }
    }

    [Fact]
    public void A_flipped_payload_bit_fails_the_crc_check()
    {
        byte[] bytes = TensorCodec.Encode("latent", Sample(TensorElementType.Float32, 4, 4));
        bytes[^10] ^= 0x01;
        var e = Assert.Throws<CorruptTensorException>(() => TensorCodec.Decode(bytes));
        Assert.Contains("CRC32", e.Message);
        Assert.Contains("latent", e.Message);
    }

    [Fact]
    public void Bad_magic_is_rejected_with_a_message_saying_so()
    {
        byte[] bytes = TensorCodec.Encode("x", Sample(TensorElementType.UInt8, 3));
        bytes[0] = (byte)'X';
        Assert.Contains("magic", Assert.Throws<CorruptTensorException>(() => TensorCodec.Decode(bytes)).Message);
        Assert.Contains("magic", Assert.Throws<CorruptTensorException>(() => TensorCodec.DecodeBundle(bytes)).Message);
    }

    [Fact]
    public void A_corrupt_bundle_is_rejected()
    {
        var bundle = new TensorBundle { { "a", Sample(TensorElementType.Int64, 2) }, { "b", Sample(TensorElementType.Float64, 2) } };
        byte[] bytes = TensorCodec.EncodeBundle(bundle);
        byte[] flipped = (byte[])bytes.Clone();
        flipped[^1] ^= 0xFF;
        Assert.Throws<CorruptTensorException>(() => TensorCodec.DecodeBundle(flipped));
        Assert.Throws<CorruptTensorException>(() => TensorCodec.DecodeBundle(bytes.AsSpan(0, bytes.Length - 5)));
        Assert.Throws<CorruptTensorException>(() => TensorCodec.DecodeBundle([.. bytes, 0]));
    }

    [Fact]
    public void A_header_declaring_an_absurd_shape_is_rejected_without_allocating_it()
    {
        byte[] bytes = TensorCodec.Encode("big", HostTensor.FromFloats([1f, 2f], 2));
        // dims start after the 10-byte header and the 3-byte name; claim 2^40 elements
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(13), 1L << 40);
        var e = Assert.Throws<CorruptTensorException>(() => TensorCodec.Decode(bytes));
        Assert.Contains("big", e.Message);
    }

    [Fact]
    public void An_unknown_element_type_code_is_rejected()
    {
        byte[] bytes = TensorCodec.Encode("x", HostTensor.FromFloats([1f], 1));
        bytes[5] = 8; // ONNX string tensors are not carried
        Assert.Contains("element type", Assert.Throws<CorruptTensorException>(() => TensorCodec.Decode(bytes)).Message);
    }

    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
    }
}
