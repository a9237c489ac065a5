using System.Globalization;

namespace HybridAI.DeviceAgent.Capacity;

/// <summary>CPU load in [0, 1]: the one-minute load average over the core count, where /proc/loadavg exists.</summary>
public static class CpuLoadReader
{
    public static double Read()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            var first = text.Split(' ', 2)[0];
            return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load)
                ? Math.Clamp(load / Environment.ProcessorCount, 0, 1)
                : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
