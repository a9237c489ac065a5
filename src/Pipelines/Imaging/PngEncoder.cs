using System.Buffers.Binary;
using System.IO.Compression;
using HybridAI.Pipelines.Transport;

namespace HybridAI.Pipelines.Imaging;

/// <summary>Minimal deterministic PNG writer: 8-bit RGB, filter 0 on every row, one zlib IDAT chunk.</summary>
public static class PngEncoder
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[] EncodeRgb(ReadOnlySpan<byte> rgb, int width, int height)
    {
        if (width <= 0 || height <= 0 || rgb.Length != width * height * 3)
        {
            throw new ArgumentException($"RGB buffer of {rgb.Length} bytes does not match {width}x{height}x3");
        }

        using var png = new MemoryStream();
        png.Write(Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: truecolour
        WriteChunk(png, "IHDR"u8, header);

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            int stride = width * 3;
            for (int y = 0; y < height; y++)
            {
                zlib.WriteByte(0);
                zlib.Write(rgb.Slice(y * stride, stride));
            }
        }

        WriteChunk(png, "IDAT"u8, compressed.ToArray());
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    /// <summary>Converts a decoder output [1,3,H,W] in [-1,1] to interleaved RGB bytes.</summary>
    public static byte[] ToRgb(ReadOnlySpan<float> chw, int width, int height)
    {
        int plane = width * height;
        var rgb = new byte[plane * 3];
        for (int c = 0; c < 3; c++)
        {
            for (int i = 0; i < plane; i++)
            {
                float v = Math.Clamp(chw[c * plane + i] / 2f + 0.5f, 0f, 1f);
                rgb[i * 3 + c] = (byte)MathF.Round(v * 255f);
            }
        }

        return rgb;
    }

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, data.Length);
        png.Write(four);
        png.Write(type);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(four, Crc32.Finish(Crc32.Append(Crc32.Append(Crc32.Start, type), data)));
        png.Write(four);
    }
}
