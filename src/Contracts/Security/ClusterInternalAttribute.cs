namespace HybridAI.Contracts.Security;

/// <summary>
/// Marks a grain method that only grains inside the cluster may call: job grains dispatch work to node queues, node
/// grains report results to job grains. Clients (agents, the CLI, anyone with a gateway address) are refused, so a
/// client cannot queue work on a node or post a forged result to a job.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class ClusterInternalAttribute : Attribute;
