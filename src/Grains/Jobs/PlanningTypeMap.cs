using HybridAI.Contracts.Jobs;
using HybridAI.Contracts.Nodes;
using Planning = HybridAI.Planning;

namespace HybridAI.Grains.Jobs;

/// <summary>The one place where the contracts' enums meet the planner's: the planner must not depend on Orleans messages.</summary>
public static class PlanningTypeMap
{
    public static Planning.StageKind Map(StageKind kind) => kind switch
    {
        StageKind.Tokenize => Planning.StageKind.Tokenize,
        StageKind.TextEncode => Planning.StageKind.TextEncode,
        StageKind.DenoiseStep => Planning.StageKind.DenoiseStep,
        StageKind.Decode => Planning.StageKind.Decode,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown stage kind"),
    };

    public static Planning.NodeKind Map(NodeKind kind) => kind switch
    {
        NodeKind.Device => Planning.NodeKind.Device,
        NodeKind.EdgeNode => Planning.NodeKind.EdgeNode,
        NodeKind.CloudPool => Planning.NodeKind.CloudPool,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown node kind"),
    };

    public static NodeKind Map(Planning.NodeKind kind) => kind switch
    {
        Planning.NodeKind.Device => NodeKind.Device,
        Planning.NodeKind.EdgeNode => NodeKind.EdgeNode,
        Planning.NodeKind.CloudPool => NodeKind.CloudPool,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown node kind"),
    };

    public static Planning.PrivacyLevel Map(PrivacyLevel level) => level switch
    {
        PrivacyLevel.LocalOnly => Planning.PrivacyLevel.LocalOnly,
        PrivacyLevel.Strict => Planning.PrivacyLevel.Strict,
        PrivacyLevel.Standard => Planning.PrivacyLevel.Standard,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown privacy level"),
    };

    public static Planning.PlacementPolicy Map(PlacementPolicy policy) => policy switch
    {
        PlacementPolicy.Hybrid => Planning.PlacementPolicy.Hybrid,
        PlacementPolicy.CloudOnly => Planning.PlacementPolicy.CloudOnly,
        PlacementPolicy.DeviceOnly => Planning.PlacementPolicy.DeviceOnly,
        PlacementPolicy.StaticSplit => Planning.PlacementPolicy.StaticSplit,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "unknown policy"),
    };

    public static PlacementPolicy Map(Planning.PlacementPolicy policy) => policy switch
    {
        Planning.PlacementPolicy.Hybrid => PlacementPolicy.Hybrid,
        Planning.PlacementPolicy.CloudOnly => PlacementPolicy.CloudOnly,
        Planning.PlacementPolicy.DeviceOnly => PlacementPolicy.DeviceOnly,
        Planning.PlacementPolicy.StaticSplit => PlacementPolicy.StaticSplit,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "unknown policy"),
    };
}
