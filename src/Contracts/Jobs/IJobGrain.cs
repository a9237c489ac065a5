using HybridAI.Contracts.Security;
using HybridAI.Contracts.Work;

namespace HybridAI.Contracts.Jobs;

/// <summary>One text-to-image job, keyed by its id: plans, dispatches, checkpoints, re-plans and keeps the result.</summary>
public interface IJobGrain : IGrainWithGuidKey
{
    /// <summary>Submits the job for its origin device, whose credential must accompany it. Submitting the same job twice returns its status.</summary>
    Task<JobStatus> SubmitAsync(NodeCredential origin, JobRequest request);

    Task<JobStatus> GetStatusAsync();

    /// <summary>The PNG once the job completed; otherwise an <see cref="InvalidOperationException"/> saying why not.</summary>
    Task<byte[]> GetResultAsync();

    Task CancelAsync(NodeCredential origin);

    /// <summary>Called by node grains when a work item completed.</summary>
    [ClusterInternal]
    Task OnWorkCompletedAsync(WorkResult result);

    /// <summary>Called by node grains when an agent could not run a work item; the job fails with the error.</summary>
    [ClusterInternal]
    Task OnWorkFailedAsync(string workItemId, string nodeId, string error);
}
