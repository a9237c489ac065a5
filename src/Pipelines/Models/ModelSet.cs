namespace HybridAI.Pipelines.Models;

/// <summary>
/// The files of one text-to-image model set in the Stable Diffusion ONNX export layout:
/// text_encoder/model.onnx, unet/model.onnx, vae_decoder/model.onnx and tokenizer/{vocab.json,merges.txt}.
/// </summary>
public sealed record ModelSet(ModelVariant Variant, string Folder, int LatentSize)
{
    /// <summary>SD 1.x latent scaling factor applied before the VAE decoder.</summary>
    public const float VaeScalingFactor = 0.18215f;

    public string TextEncoderPath => Path.Combine(Folder, "text_encoder", "model.onnx");

    public string UNetPath => Path.Combine(Folder, "unet", "model.onnx");

    public string VaeDecoderPath => Path.Combine(Folder, "vae_decoder", "model.onnx");

    public string TokenizerFolder => Path.Combine(Folder, "tokenizer");

    /// <summary>A user-supplied SD 1.5 ONNX export (e.g. from optimum); SD 1.5 at 512x512 has a 64x64 latent.</summary>
    public static ModelSet FromFolder(string folder, string? variantName = null, int latentSize = 64)
    {
        var set = new ModelSet(ModelVariant.Custom(variantName ?? Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar))), Path.GetFullPath(folder), latentSize);
        foreach (string path in new[] { set.TextEncoderPath, set.UNetPath, set.VaeDecoderPath, Path.Combine(set.TokenizerFolder, "vocab.json"), Path.Combine(set.TokenizerFolder, "merges.txt") })
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"model folder '{folder}' is missing '{Path.GetRelativePath(folder, path)}' (expected the SD ONNX export layout)", path);
            }
        }

        return set;
    }
}
