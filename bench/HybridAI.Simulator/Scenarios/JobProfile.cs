namespace HybridAI.Simulator.Scenarios;

/// <summary>Job arrivals and shape: diurnal Poisson per device, text-to-image with a deadline.</summary>
public sealed record JobProfile(
    double JobsPerDevicePerDay,
    double DiurnalAmplitude,
    double PeakHour,
    int DenoiseSteps,
    double DeadlineMs,
    IReadOnlyList<string>? AllowedVariants);
