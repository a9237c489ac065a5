using HybridAI.Contracts.Jobs;

namespace HybridAI.Grains.Jobs;

/// <summary>A job grain's durable state. Large bytes live in the payload store under the keys named here.</summary>
[GenerateSerializer, Alias("hybridai.JobRecord")]
public sealed class JobRecord
{
    [Id(0)] public JobRequest? Request { get; set; }

    [Id(1)] public JobState State { get; set; }

    [Id(2)] public DateTimeOffset SubmittedAt { get; set; }

    [Id(3)] public DateTimeOffset? FinishedAt { get; set; }

    [Id(4)] public string? Error { get; set; }

    [Id(5)] public PlanView? Plan { get; set; }

    /// <summary>The planned node and variant of every remaining stage range, from <see cref="CompletedStages"/> on.</summary>
    [Id(6)] public List<PlannedRange> Ranges { get; set; } = [];

    /// <summary>Stages done: the next stage to run.</summary>
    [Id(7)] public int CompletedStages { get; set; }

    /// <summary>Key of the tensor bundle the next stage starts from (empty before the first stage).</summary>
    [Id(8)] public string? CheckpointKey { get; set; }

    [Id(9)] public string? CheckpointNodeId { get; set; }

    [Id(10)] public long CheckpointBytes { get; set; }

    [Id(11)] public DispatchedItem? Current { get; set; }

    [Id(12)] public int Sequence { get; set; }

    [Id(13)] public List<StageTraceEntry> Trace { get; set; } = [];

    [Id(14)] public string? ResultKey { get; set; }

    [Id(15)] public long ResultBytes { get; set; }

    [Id(16)] public int Replans { get; set; }

    [Id(17)] public string Region { get; set; } = "";

    [Id(18)] public PlanView? InitialPlan { get; set; }

    /// <summary>Whether the watchdog reminder was registered (only jobs that outlive their first watch tick get one).</summary>
    [Id(19)] public bool WatchdogRegistered { get; set; }
}

/// <summary>One planned stage range: where and with which variant.</summary>
[GenerateSerializer, Immutable, Alias("hybridai.PlannedRange")]
public sealed record PlannedRange(
    [property: Id(0)] int FirstStage,
    [property: Id(1)] int LastStage,
    [property: Id(2)] string NodeId,
    [property: Id(3)] Contracts.Nodes.NodeKind NodeKind,
    [property: Id(4)] string Variant,
    [property: Id(5)] double EstimatedComputeMsPerStage);

/// <summary>The work item in flight: which node holds it and what it covers.</summary>
[GenerateSerializer, Immutable, Alias("hybridai.DispatchedItem")]
public sealed record DispatchedItem(
    [property: Id(0)] string WorkItemId,
    [property: Id(1)] string NodeId,
    [property: Id(2)] Contracts.Nodes.NodeKind NodeKind,
    [property: Id(3)] int FirstStage,
    [property: Id(4)] int LastStage,
    [property: Id(5)] string Variant,
    [property: Id(6)] DateTimeOffset DispatchedAt,
    [property: Id(7)] long BytesIn,
    [property: Id(8)] double EstimatedComputeMs);
