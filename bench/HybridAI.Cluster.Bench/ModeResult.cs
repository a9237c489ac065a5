namespace HybridAI.Cluster.Bench;

/// <summary>Everything measured in one storage mode; live load and memory are null in a --decision-only run.</summary>
internal sealed record ModeResult(
    string Mode,
    string Storage,
    BenchScale Scale,
    RegistrationResult Fleet,
    IReadOnlyList<DecisionLevelResult> Decision,
    IReadOnlyList<DecisionRateResult> DecisionAtRate,
    IReadOnlyList<CallTiming> DecisionCallBreakdown,
    LiveLoadResult? Live,
    DeviceMemoryResult? Memory,
    double StartSeconds,
    double TotalSeconds);

/// <summary>The file bench/results/cluster.json.</summary>
internal sealed record ClusterResults(MachineInfo Machine, bool Quick, bool DecisionOnly, string Command, Targets Targets, IReadOnlyList<ModeResult> Modes, IReadOnlyList<string> Notes);

internal sealed record Targets(double DecisionP99Ms, double ItemsPerSecondPerCore, double KbPerDeviceGrain);
