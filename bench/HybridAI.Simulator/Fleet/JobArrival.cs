using HybridAI.Planning;

namespace HybridAI.Simulator.Fleet;

/// <summary>One submitted job: when, from which device, its privacy level and whether the device is throttled at the time.</summary>
public readonly record struct JobArrival(double TimeMs, int Device, PrivacyLevel Privacy, bool Thermal);
