using System.Buffers.Binary;
using System.IO.Compression;

namespace HybridAI.Pipelines.Bench;

/// <summary>Reads back the filter-0 RGB PNGs the pipeline writes, to compare FP32 and INT8 images.</summary>
internal static class PngPixels
{
    public static byte[] Rgb(byte[] png)
    {
        int at = 8, width = 0;
        using var idat = new MemoryStream();
        while (at < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            string type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at + 8));
            }
            else if (type == "IDAT")
            {
                idat.Write(png, at + 8, length);
            }

            at += 12 + length;
        }

        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        byte[] rows = raw.ToArray();
        int stride = width * 3;
        int height = rows.Length / (stride + 1);
        var rgb = new byte[stride * height];
        for (int y = 0; y < height; y++)
        {
            Array.Copy(rows, y * (stride + 1) + 1, rgb, y * stride, stride);
        }

        return rgb;
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
