namespace HybridAI.Pipelines.TextToImage;

/// <summary>A unit of text-to-image work that one node runs: tokenize, text-encode, a half-open range of denoise steps, or decode.</summary>
public abstract record TextToImageStage
{
    private TextToImageStage()
    {
    }

    /// <summary>Stable name used in pipeline definitions, progress and errors.</summary>
    public abstract string Name { get; }

    /// <summary>Prompt -> <c>input_ids</c>. Touches the private prompt.</summary>
    public sealed record Tokenize : TextToImageStage
    {
        public override string Name => "tokenize";
    }

    /// <summary><c>input_ids</c> -> <c>last_hidden_state</c>. Touches private token ids.</summary>
    public sealed record TextEncode : TextToImageStage
    {
        public override string Name => "text_encode";
    }

    /// <summary>Steps [FromStep, ToStep) of 0..Steps-1: (<c>latent</c>, absent at step 0) + <c>last_hidden_state</c> -> <c>latent</c>.</summary>
    public sealed record Denoise(int FromStep, int ToStep) : TextToImageStage
    {
        public override string Name => $"denoise[{FromStep},{ToStep})";
    }

    /// <summary><c>latent</c> -> <c>image_png</c> (VAE decode and PNG encoding).</summary>
    public sealed record Decode : TextToImageStage
    {
        public override string Name => "decode";
    }
}
