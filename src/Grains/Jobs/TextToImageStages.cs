namespace HybridAI.Grains.Jobs;

/// <summary>Stage indexes of a text-to-image job: 0 tokenize, 1 text-encode, 2..2+steps-1 denoise, 2+steps decode.</summary>
public static class TextToImageStages
{
    public const int Tokenize = 0;
    public const int TextEncode = 1;
    public const int FirstDenoise = 2;

    public static int Count(int steps) => steps + 3;

    public static string Name(int stage, int steps) => stage switch
    {
        Tokenize => "Tokenize",
        TextEncode => "TextEncode",
        _ when stage == steps + 2 => "Decode",
        _ => $"DenoiseStep[{stage - FirstDenoise}]",
    };

    public static string Describe(int first, int last, int steps) =>
        first == last ? Name(first, steps) : $"{Name(first, steps)}..{Name(last, steps)}";

    /// <summary>
    /// Where the work item starting at <paramref name="start"/> ends inside a range ending at <paramref name="rangeEnd"/>:
    /// after text-encode, after every <paramref name="checkpointEvery"/> denoise steps, or at the range's end, so the
    /// job checkpoints at least that often.
    /// </summary>
    public static int ItemEnd(int start, int rangeEnd, int checkpointEvery)
    {
        var boundary = start <= TextEncode
            ? TextEncode
            : FirstDenoise - 1 + ((start - FirstDenoise) / checkpointEvery + 1) * checkpointEvery;
        return Math.Min(rangeEnd, boundary);
    }
}
