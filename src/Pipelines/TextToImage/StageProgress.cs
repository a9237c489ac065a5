namespace HybridAI.Pipelines.TextToImage;

/// <summary>Progress of a running stage; for denoise, CompletedSteps counts steps of the whole job done so far.</summary>
public sealed record StageProgress(string Stage, int CompletedSteps, int TotalSteps, TimeSpan Elapsed);
