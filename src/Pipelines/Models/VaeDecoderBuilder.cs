using Onnx;

namespace HybridAI.Pipelines.Models;

/// <summary>SD-VAE-decoder-shaped upsampler: conv_in, ResBlocks, a mid self-attention, three 2x nearest Resize + conv stages, norm, conv_out to RGB.</summary>
internal static class VaeDecoderBuilder
{
    public static ModelProto Build(GeneratedModelDimensions dims, ModelPrecision precision)
    {
        int s = dims.LatentSize;
        int[] ch = dims.VaeChannels;
        int groups = dims.Groups;
        var g = new OnnxGraphBuilder("vae_decoder", precision, seed: 0x0A3_DEC0);
        g.Input("latent_sample", TensorProto.Types.DataType.Float, "batch", GeneratedModelDimensions.LatentChannels, s, s);
        g.Output("sample", TensorProto.Types.DataType.Float, "batch", 3, 8 * s, 8 * s);

        string h = g.Conv("conv_in", "latent_sample", GeneratedModelDimensions.LatentChannels, ch[0], 3, s, s, gain: 0.3);
        h = ResBlock(g, "mid.res0", h, ch[0], s, groups);
        string n = g.GroupNorm("mid.attn.norm", h, ch[0], groups);
        long tokens = (long)s * s;
        n = g.Node("Transpose", [g.Node("Reshape", [n, g.Int64Const(0, 0, -1)])], OnnxGraphBuilder.Ints("perm", 0, 2, 1));
        n = g.Attention("mid.attn", n, n, ch[0], ch[0], 1, tokens, tokens);
        h = g.Node("Add", [h, g.Node("Reshape", [g.Node("Transpose", [n], OnnxGraphBuilder.Ints("perm", 0, 2, 1)), g.ShapeOf(h)])]);

        int size = s;
        for (int level = 1; level < ch.Length; level++)
        {
            size *= 2;
            h = g.Node("Resize", [h, string.Empty, g.FloatInit($"up{level}.scales", [1f, 1f, 2f, 2f], 4)], OnnxGraphBuilder.Text("mode", "nearest"));
            h = g.Conv($"up{level}.conv", h, ch[level - 1], ch[level], 3, size, size);
            h = ResBlock(g, $"up{level}.res", h, ch[level], size, groups);
        }

        h = g.SiLU(g.GroupNorm("out.norm", h, ch[^1], groups));
        g.Identity(g.Conv("conv_out", h, ch[^1], 3, 3, size, size, gain: 0.8), "sample");
        return g.Build("HybridAI generated SD-VAE-decoder-shaped model (random weights)");
    }

    private static string ResBlock(OnnxGraphBuilder g, string name, string x, int c, int size, int groups)
    {
        string h = g.Conv(name + ".conv1", g.SiLU(g.GroupNorm(name + ".norm1", x, c, groups)), c, c, 3, size, size);
        h = g.Conv(name + ".conv2", g.SiLU(g.GroupNorm(name + ".norm2", h, c, groups)), c, c, 3, size, size, gain: 0.5);
        return g.Node("Add", [x, h]);
    }
}
