namespace HybridAI.Contracts.Jobs;

[GenerateSerializer, Alias("hybridai.JobState")]
public enum JobState
{
    Submitted = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
    Cancelled = 4,
}
