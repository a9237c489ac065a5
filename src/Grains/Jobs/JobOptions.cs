using System.ComponentModel.DataAnnotations;

namespace HybridAI.Grains.Jobs;

/// <summary>Configuration section <c>Jobs</c>.</summary>
public sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>A running job checkpoints (and may re-plan) at least after this many denoise steps.</summary>
    [Range(1, 1000)]
    public int CheckpointEverySteps { get; set; } = 5;

    /// <summary>How often a running job checks the node holding its work.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 500)]
    public int MaxSteps { get; set; } = 200;

    /// <summary>Model sizes the cluster accepts; empty means tiny and base (lists bind by appending, so no default items).</summary>
    public List<string> ModelSizes { get; set; } = [];

    public IReadOnlyList<string> AcceptedModelSizes => ModelSizes.Count > 0 ? ModelSizes : ["tiny", "base"];

    /// <summary>A node whose last heartbeat is older than this is treated as gone even if its snapshot says otherwise.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(10);
}
