using System.Buffers.Binary;
using System.IO.Compression;

namespace HybridAI.Pipelines.Tests.Support;

/// <summary>Reads the 8-bit RGB, filter-0 PNGs the pipeline writes (enough to compare images); shared with the pipelines benchmark.</summary>
internal static class PngReader
{
    public static (int Width, int Height, byte[] Rgb) Read(byte[] png)
    {
        if (!png.AsSpan(0, Math.Min(8, png.Length)).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            throw new InvalidDataException("Not a PNG: the signature is missing.");
        }

        int at = 8, width = 0, height = 0;
        using var idat = new MemoryStream();
        while (at < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            string type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            at += 12 + length;
        }

        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        byte[] rows = raw.ToArray();
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            if (rows[y * (width * 3 + 1)] != 0)
            {
                throw new InvalidDataException($"Row {y} uses PNG filter {rows[y * (width * 3 + 1)]}; the pipeline writes filter 0 only.");
            }

            Array.Copy(rows, y * (width * 3 + 1) + 1, rgb, y * width * 3, width * 3);
        }

        return (width, height, rgb);
    }

    public static double Psnr(byte[] a, byte[] b)
    {
        double mse = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            mse += d * d;
        }

        mse /= a.Length;
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
    }
}
