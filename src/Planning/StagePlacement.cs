namespace HybridAI.Planning;

/// <summary>A contiguous stage range [FirstStage, LastStage] run on one node with one variant.</summary>
/// <param name="FirstStage">Index of the first stage in the expanded stage list.</param>
/// <param name="LastStage">Index of the last stage (inclusive).</param>
/// <param name="FirstStageName">Name of the first stage.</param>
/// <param name="LastStageName">Name of the last stage.</param>
/// <param name="NodeId">Node that runs the range.</param>
/// <param name="NodeKind">Kind of that node.</param>
/// <param name="Variant">Model variant used for every stage of the range.</param>
/// <param name="TransferInBytes">Bytes moved onto the node before the range starts (0 when already there).</param>
/// <param name="TransferInMs">Time that move takes.</param>
/// <param name="QueueWaitMs">Time waiting for a slot after the input arrived.</param>
/// <param name="StartMs">Estimated start, ms since submission.</param>
/// <param name="EndMs">Estimated end, ms since submission.</param>
/// <param name="ComputeMs">Compute time of the range.</param>
/// <param name="Cost">Money for the range's compute.</param>
public sealed record StagePlacement(
    int FirstStage,
    int LastStage,
    string FirstStageName,
    string LastStageName,
    string NodeId,
    NodeKind NodeKind,
    string Variant,
    long TransferInBytes,
    double TransferInMs,
    double QueueWaitMs,
    double StartMs,
    double EndMs,
    double ComputeMs,
    double Cost)
{
    public int StageCount => LastStage - FirstStage + 1;
}
