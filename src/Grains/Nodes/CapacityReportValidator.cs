using HybridAI.Contracts.Nodes;

namespace HybridAI.Grains.Nodes;

/// <summary>Rejects capacity reports the planner could not trust: wrong node, impossible numbers.</summary>
public static class CapacityReportValidator
{
    public static void Validate(CapacityReport report, string workerId)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.NodeId != workerId)
        {
            Fail(report, $"it is for '{report.NodeId}' but was sent by '{workerId}'");
        }

        if (report.TotalSlots < 1 || report.BusySlots < 0 || report.BusySlots > report.TotalSlots || report.QueueLength < 0)
        {
            Fail(report, $"slots are inconsistent (busy {report.BusySlots} of {report.TotalSlots}, queue {report.QueueLength})");
        }

        RequireFinite(report, nameof(report.RttMs), report.RttMs);
        RequireFinite(report, nameof(report.PricePerSecond), report.PricePerSecond);
        RequireFinite(report, nameof(report.CpuLoad), report.CpuLoad);
        if (!(report.BandwidthBytesPerSecond > 0) || double.IsInfinity(report.BandwidthBytesPerSecond))
        {
            Fail(report, $"bandwidth {report.BandwidthBytesPerSecond} B/s is not positive");
        }

        if (report.Power is { } power && power.BatteryLevel is < 0 or > 1 or double.NaN)
        {
            Fail(report, $"battery level {power.BatteryLevel} is outside [0, 1]");
        }

        if (report.Variants.IsDefaultOrEmpty)
        {
            Fail(report, "it lists no stage variants");
        }

        foreach (var v in report.Variants)
        {
            if (string.IsNullOrWhiteSpace(v.Variant) || !(v.LatencyMs > 0) || double.IsInfinity(v.LatencyMs) || v.OutputBytes < 0)
            {
                Fail(report, $"variant '{v.Variant}' of {v.Stage} has latency {v.LatencyMs} ms and output {v.OutputBytes} bytes");
            }
        }
    }

    private static void RequireFinite(CapacityReport report, string field, double value)
    {
        if (value < 0 || !double.IsFinite(value))
        {
            Fail(report, $"{field} is {value}");
        }
    }

    private static void Fail(CapacityReport report, string problem) =>
        throw new ArgumentException($"Capacity report of '{report.NodeId}' rejected: {problem}.", nameof(report));
}
