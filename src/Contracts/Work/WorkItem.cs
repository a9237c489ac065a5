namespace HybridAI.Contracts.Work;

/// <summary>A contiguous range of a job's stages to run on one node, with the tensors it starts from.</summary>
/// <param name="WorkItemId">Unique per dispatch: "{job}/{sequence}"; completions name it, so duplicates are recognised.</param>
/// <param name="FirstStage">First stage index (0 = tokenize, 1 = text-encode, 2..2+Steps-1 = denoise steps, 2+Steps = decode).</param>
/// <param name="LastStage">Last stage index, inclusive.</param>
/// <param name="Steps">The job's total denoise steps (the sampler's schedule depends on it).</param>
/// <param name="ModelSize">Generated model size the job uses ("tiny", "base") or a manifest's name.</param>
/// <param name="Variant">The model variant the plan chose, e.g. "base-int8".</param>
/// <param name="Inputs">Tensor bundle in the transport format, or empty at stage 0.</param>
/// <param name="Prompt">The prompt, only for Standard-privacy work that starts at tokenize; never for Strict or LocalOnly.</param>
/// <param name="EstimatedComputeMs">The plan's compute estimate; leases last a multiple of it.</param>
[GenerateSerializer, Immutable, Alias("hybridai.WorkItem")]
public sealed record WorkItem(
    [property: Id(0)] string WorkItemId,
    [property: Id(1)] Guid JobId,
    [property: Id(2)] int FirstStage,
    [property: Id(3)] int LastStage,
    [property: Id(4)] int Steps,
    [property: Id(5)] long Seed,
    [property: Id(6)] string ModelSize,
    [property: Id(7)] string Variant,
    [property: Id(8)] byte[] Inputs,
    [property: Id(9)] string? Prompt,
    [property: Id(10)] double EstimatedComputeMs);
