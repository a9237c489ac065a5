using System.Diagnostics;
using Orleans.Runtime;

namespace HybridAI.Cluster.Bench;

/// <summary>
/// Memory per device grain: managed heap (after full collections) and working set before and after activating
/// registered devices (each registered and one capacity report), divided by their number; and the process CPU the
/// idle silo burns before and after (every node grain sweeps its leases and liveness on a 1 s timer).
/// </summary>
internal static class DeviceMemoryPhase
{
    public static async Task<DeviceMemoryResult> RunAsync(BenchSilo silo, int devices)
    {
        var idleBefore = await IdleCpuPercentAsync();
        var activationsBefore = await DeviceActivationsAsync(silo);
        var (heap0, ws0) = Measure();
        var registration = await Fleet.RegisterDevicesAsync(silo, "mem", "bench-memory", devices);
        var (heap1, ws1) = Measure();
        var activationsAfter = await DeviceActivationsAsync(silo);
        var idleAfter = await IdleCpuPercentAsync();
        var added = activationsAfter - activationsBefore;
        return new DeviceMemoryResult(
            devices,
            added,
            Math.Round((heap1 - heap0) / 1024.0 / devices, 2),
            Math.Round((ws1 - ws0) / 1024.0 / devices, 2),
            Math.Round(heap1 / 1048576.0),
            Math.Round(ws1 / 1048576.0),
            registration.RegistrationsPerSecond,
            registration.CapacityReportsPerSecond,
            activationsBefore,
            idleBefore,
            idleAfter);
    }

    private static (long Heap, long WorkingSet) Measure()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    private static async Task<double> IdleCpuPercentAsync()
    {
        await Task.Delay(1000);
        using var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await Task.Delay(5000);
        process.Refresh();
        return Math.Round((process.TotalProcessorTime - cpu0).TotalSeconds / watch.Elapsed.TotalSeconds / Environment.ProcessorCount * 100, 1);
    }

    private static async Task<int> DeviceActivationsAsync(BenchSilo silo)
    {
        var statistics = await silo.Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains("DeviceGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }
}

/// <summary>Bytes per device grain (KB), absolute heap and working set after (MB), and idle CPU (% of all cores) before and after.</summary>
internal sealed record DeviceMemoryResult(
    int Devices,
    int DeviceActivationsAdded,
    double HeapKbPerDevice,
    double WorkingSetKbPerDevice,
    double HeapMbAfter,
    double WorkingSetMbAfter,
    double RegistrationsPerSecond,
    double CapacityReportsPerSecond,
    int DeviceActivationsBefore,
    double IdleCpuPercentBefore,
    double IdleCpuPercentAfter);
