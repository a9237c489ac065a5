using Onnx;

namespace HybridAI.Pipelines.Models;

/// <summary>CLIP-text-shaped encoder: token + position embedding, causal pre-LN transformer layers, final LayerNorm.</summary>
internal static class TextEncoderBuilder
{
    public static ModelProto Build(GeneratedModelDimensions dims, int vocabularySize, ModelPrecision precision)
    {
        const int seq = GeneratedModelDimensions.SequenceLength;
        int d = dims.TextWidth;
        var g = new OnnxGraphBuilder("text_encoder", precision, seed: 0x7E47_E4C0);
        g.Input("input_ids", TensorProto.Types.DataType.Int32, "batch", seq);
        g.Output("last_hidden_state", TensorProto.Types.DataType.Float, "batch", seq, d);

        string tokenTable = g.FloatInit("token_embedding", g.RandomNormal("token_embedding", vocabularySize * d, 1.0), vocabularySize, d);
        string positions = g.FloatInit("position_embedding", g.RandomNormal("position_embedding", seq * d, 0.5), seq, d);
        string x = g.Node("Add", [g.Node("Gather", [tokenTable, "input_ids"], OnnxGraphBuilder.Int("axis", 0)), positions]);

        var mask = new float[seq * seq];
        for (int i = 0; i < seq; i++)
        {
            for (int j = i + 1; j < seq; j++)
            {
                mask[i * seq + j] = -10000f;
            }
        }

        string causal = g.FloatInit("causal_mask", mask, seq, seq);
        for (int layer = 0; layer < dims.TextLayers; layer++)
        {
            string p = $"layers.{layer}";
            string h = g.LayerNorm(p + ".ln1", x, d);
            x = g.Node("Add", [x, g.Attention(p + ".self_attn", h, h, d, d, dims.TextHeads, seq, seq, causal)]);
            h = g.LayerNorm(p + ".ln2", x, d);
            h = g.QuickGelu(g.Linear(p + ".fc1", h, d, 4 * d, seq));
            x = g.Node("Add", [x, g.Linear(p + ".fc2", h, 4 * d, d, seq, gain: 0.5)]);
        }

        g.Identity(g.LayerNorm("final_ln", x, d), "last_hidden_state");
        return g.Build("HybridAI generated CLIP-shaped text encoder (random weights)");
    }
}
