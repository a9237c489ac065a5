namespace HybridAI.Pipelines.Definitions;

/// <summary>
/// One stage of a pipeline: its tensor contracts, estimated compute (FLOPs, batch 1), bytes in and out, and whether it
/// touches private input (the prompt text or token ids), which the privacy rule keeps on the origin device.
/// </summary>
public sealed record StageDefinition(
    string Name,
    string Kind,
    IReadOnlyList<TensorContract> Inputs,
    IReadOnlyList<TensorContract> Outputs,
    double EstimatedFlops,
    bool TouchesPrivateInput)
{
    public long BytesIn => Inputs.Sum(i => i.EstimatedBytes);

    public long BytesOut => Outputs.Sum(o => o.EstimatedBytes);
}
