namespace HybridAI.Pipelines.Models;

/// <summary>Architecture sizes of a generated model set.</summary>
internal sealed record GeneratedModelDimensions(
    int VocabularyMerges,
    int TextWidth,
    int TextLayers,
    int TextHeads,
    int UNetChannels,
    int UNetHeads,
    int Groups,
    int LatentSize,
    int[] VaeChannels)
{
    public const int SequenceLength = 77;
    public const int LatentChannels = 4;

    /// <summary>The VAE upsamples by 2 per stage; three stages give SD's factor of 8.</summary>
    public int ImageSize => LatentSize * 8;

    public static GeneratedModelDimensions For(ModelSize size) => size switch
    {
        ModelSize.Tiny => new(VocabularyMerges: 300, TextWidth: 32, TextLayers: 1, TextHeads: 2, UNetChannels: 16, UNetHeads: 2, Groups: 4, LatentSize: 8, VaeChannels: [16, 8, 8, 8]),
        ModelSize.Base => new(VocabularyMerges: 600, TextWidth: 256, TextLayers: 2, TextHeads: 4, UNetChannels: 128, UNetHeads: 4, Groups: 16, LatentSize: 32, VaeChannels: [128, 64, 32, 16]),
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, "unknown model size"),
    };
}
