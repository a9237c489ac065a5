namespace HybridAI.Pipelines.TextToImage;

/// <summary>Names of the tensors that flow between text-to-image stages.</summary>
public static class TextToImageTensors
{
    public const string InputIds = "input_ids";
    public const string LastHiddenState = "last_hidden_state";
    public const string Latent = "latent";
    public const string ImagePng = "image_png";
}
