using System.Collections.Concurrent;
using System.Reflection;
using HybridAI.Contracts.Security;

namespace HybridAI.Grains.Security;

/// <summary>
/// Refuses calls to <see cref="ClusterInternalAttribute"/> methods that do not come from a grain: the caller must be
/// an activation in the cluster, not a client.
/// </summary>
public sealed class ClusterInternalCallGuard : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, bool> Internal = new();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (IsInternal(context.InterfaceMethod) && !FromGrain(context.SourceId))
        {
            throw new UnauthorizedAccessException(
                $"{context.InterfaceName}.{context.MethodName} is internal to the cluster: only grains may call it, and this call came from a client.");
        }

        return context.Invoke();
    }

    private static bool IsInternal(MethodInfo? method) =>
        method is not null && Internal.GetOrAdd(method, m => m.IsDefined(typeof(ClusterInternalAttribute), inherit: true));

    private static bool FromGrain(GrainId? source) => source is { } id && !id.IsDefault && !GrainTypePrefix.IsClient(id);
}
