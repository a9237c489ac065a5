namespace HybridAI.Simulator.Scenarios;

/// <summary>The policies compared in one run.</summary>
public enum SimPolicy
{
    Hybrid,
    CloudOnly,
    DeviceOnly,
    StaticSplit,
    Oracle,
}
