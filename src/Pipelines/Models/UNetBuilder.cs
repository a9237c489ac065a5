using Onnx;

namespace HybridAI.Pipelines.Models;

/// <summary>
/// SD-UNet-shaped noise predictor: sinusoidal timestep embedding, ResBlocks with group norm, a down/up level with skip
/// connections, transformer blocks (self-attention, cross-attention on the text states, feed-forward) at the lower
/// resolution, nearest-neighbour Resize upsampling. With random weights it predicts "noise = input + residual",
/// which keeps DDIM trajectories bounded so images are neither black nor saturated.
/// </summary>
internal static class UNetBuilder
{
    public static ModelProto Build(GeneratedModelDimensions dims, ModelPrecision precision)
    {
        int c = dims.UNetChannels;
        int s = dims.LatentSize;
        int half = s / 2;
        int groups = dims.Groups;
        var g = new OnnxGraphBuilder("unet", precision, seed: 0x0E7_5EED);
        g.Input("sample", TensorProto.Types.DataType.Float, "batch", GeneratedModelDimensions.LatentChannels, s, s);
        g.Input("timestep", TensorProto.Types.DataType.Int64, 1);
        g.Input("encoder_hidden_states", TensorProto.Types.DataType.Float, "batch", GeneratedModelDimensions.SequenceLength, dims.TextWidth);
        g.Output("out_sample", TensorProto.Types.DataType.Float, "batch", GeneratedModelDimensions.LatentChannels, s, s);

        string temb = TimestepEmbedding(g, c);
        int tembWidth = 4 * c;
        var ctx = new Context(g, temb, tembWidth, groups, dims);

        string h = g.Conv("conv_in", "sample", GeneratedModelDimensions.LatentChannels, c, 3, s, s);
        h = ctx.ResBlock("down0.res", h, c, c, s);
        string skip0 = h;
        h = g.Conv("down0.downsample", h, c, c, 3, half, half, stride: 2);
        h = ctx.ResBlock("down1.res", h, c, 2 * c, half);
        h = ctx.Transformer("down1.attn", h, 2 * c, half);
        string skip1 = h;

        h = ctx.ResBlock("mid.res0", h, 2 * c, 2 * c, half);
        h = ctx.Transformer("mid.attn", h, 2 * c, half);
        h = ctx.ResBlock("mid.res1", h, 2 * c, 2 * c, half);

        h = g.Node("Concat", [h, skip1], OnnxGraphBuilder.Int("axis", 1));
        h = ctx.ResBlock("up1.res", h, 4 * c, 2 * c, half);
        h = ctx.Transformer("up1.attn", h, 2 * c, half);
        h = g.Node("Resize", [h, string.Empty, g.FloatInit("up1.scales", [1f, 1f, 2f, 2f], 4)], OnnxGraphBuilder.Text("mode", "nearest"));
        h = g.Conv("up1.upsample_conv", h, 2 * c, c, 3, s, s);
        h = g.Node("Concat", [h, skip0], OnnxGraphBuilder.Int("axis", 1));
        h = ctx.ResBlock("up0.res", h, 2 * c, c, s);

        h = g.SiLU(g.GroupNorm("out.norm", h, c, groups));
        string residual = g.Conv("conv_out", h, c, GeneratedModelDimensions.LatentChannels, 3, s, s, gain: 0.3);
        g.Identity(g.Node("Add", ["sample", residual]), "out_sample");
        return g.Build("HybridAI generated SD-UNet-shaped noise predictor (random weights)");
    }

    private static string TimestepEmbedding(OnnxGraphBuilder g, int c)
    {
        int halfDim = c / 2;
        var freqs = new float[halfDim];
        for (int i = 0; i < halfDim; i++)
        {
            freqs[i] = (float)Math.Exp(-Math.Log(10000.0) * i / halfDim);
        }

        string t = g.Node("Unsqueeze", [g.Node("Cast", ["timestep"], OnnxGraphBuilder.Int("to", (long)TensorProto.Types.DataType.Float)), g.Int64Const(1)]);
        string args = g.Node("Mul", [t, g.FloatInit("time_freqs", freqs, 1, halfDim)]);
        string emb = g.Node("Concat", [g.Node("Cos", [args]), g.Node("Sin", [args])], OnnxGraphBuilder.Int("axis", 1));
        string h = g.SiLU(g.Linear("time_embedding.linear_1", emb, c, 4 * c, 1));
        return g.Linear("time_embedding.linear_2", h, 4 * c, 4 * c, 1);
    }

    private sealed class Context(OnnxGraphBuilder g, string temb, int tembWidth, int groups, GeneratedModelDimensions dims)
    {
        public string ResBlock(string name, string x, int inC, int outC, int size)
        {
            string h = g.Conv(name + ".conv1", g.SiLU(g.GroupNorm(name + ".norm1", x, inC, groups)), inC, outC, 3, size, size);
            string t = g.Linear(name + ".time_emb_proj", g.SiLU(temb), tembWidth, outC, 1);
            h = g.Node("Add", [h, g.Node("Unsqueeze", [t, g.Int64Const(2, 3)])]);
            h = g.Conv(name + ".conv2", g.SiLU(g.GroupNorm(name + ".norm2", h, outC, groups)), outC, outC, 3, size, size, gain: 0.5);
            string shortcut = inC == outC ? x : g.Conv(name + ".conv_shortcut", x, inC, outC, 1, size, size);
            return g.Node("Add", [shortcut, h]);
        }

        public string Transformer(string name, string x, int width, int size)
        {
            long tokens = (long)size * size;
            int heads = dims.UNetHeads;
            string h = g.GroupNorm(name + ".norm", x, width, groups);
            h = g.Node("Transpose", [g.Node("Reshape", [h, g.Int64Const(0, 0, -1)])], OnnxGraphBuilder.Ints("perm", 0, 2, 1));
            h = g.Linear(name + ".proj_in", h, width, width, tokens);
            string n = g.LayerNorm(name + ".ln1", h, width);
            h = g.Node("Add", [h, g.Attention(name + ".attn1", n, n, width, width, heads, tokens, tokens)]);
            n = g.LayerNorm(name + ".ln2", h, width);
            h = g.Node("Add", [h, g.Attention(name + ".attn2", n, "encoder_hidden_states", width, dims.TextWidth, heads, tokens, GeneratedModelDimensions.SequenceLength)]);
            n = g.LayerNorm(name + ".ln3", h, width);
            n = g.QuickGelu(g.Linear(name + ".ff1", n, width, 4 * width, tokens));
            h = g.Node("Add", [h, g.Linear(name + ".ff2", n, 4 * width, width, tokens, gain: 0.5)]);
            h = g.Linear(name + ".proj_out", h, width, width, tokens, gain: 0.5);
            h = g.Node("Reshape", [g.Node("Transpose", [h], OnnxGraphBuilder.Ints("perm", 0, 2, 1)), g.ShapeOf(x)]);
            return g.Node("Add", [x, h]);
        }
    }
}
