namespace HybridAI.Planning;

/// <summary>Where a job resumes from when it is re-planned.</summary>
/// <param name="ResumeStageIndex">Index (in the expanded stage list) of the first stage still to run; earlier stages are done.</param>
/// <param name="TensorNodeId">Candidate node id the checkpoint tensor is served from (its link figures price the move).</param>
/// <param name="TensorBytes">Size of the checkpoint tensor.</param>
/// <param name="ElapsedMs">Milliseconds since submission already spent; plan times continue from here.</param>
public sealed record PlanCheckpoint(int ResumeStageIndex, string TensorNodeId, long TensorBytes, double ElapsedMs);
