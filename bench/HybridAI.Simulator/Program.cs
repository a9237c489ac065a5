using System.Diagnostics;
using HybridAI.Simulator;
using HybridAI.Simulator.Latencies;
using HybridAI.Simulator.Reports;
using HybridAI.Simulator.Scenarios;
using HybridAI.Simulator.Simulation;

// Usage: HybridAI.Simulator [--scenario <file>] [--quick] [--latencies <file>] [--devices <n>] [--out <dir>] [--sweep-headroom 0.1,0.2]
try
{
    var options = SimulatorOptions.Parse(args);
    var scenario = ScenarioLoader.Load(options.ScenarioPath);
    if (options.Quick)
    {
        scenario = scenario with { Name = scenario.Name + "-quick", DeviceCount = Math.Min(scenario.DeviceCount, 2_000), Regions = Math.Min(scenario.Regions, 2) };
    }

    if (options.Devices is { } devices)
    {
        // Same fleet, more of it: regions (with their edge servers) and cloud pool slots grow with the device count.
        var scale = scenario.DeviceCount == 0 ? 1.0 : (double)devices / scenario.DeviceCount;
        scenario = scenario with
        {
            Name = $"{scenario.Name}-{devices}-devices",
            DeviceCount = devices,
            Regions = Math.Max(1, (int)Math.Round(scenario.Regions * scale)),
            CloudPools = [.. scenario.CloudPools.Select(p => p with { Slots = Math.Max(1, (int)Math.Ceiling(p.Slots * scale)) })],
        };
    }

    var latencyPath = options.LatenciesPath ?? Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.ScenarioPath))!, scenario.Latencies.Path));
    var latencies = LatencyFileReader.Read(latencyPath, scenario.Latencies);
    if (options.LatenciesOrigin is { } origin)
    {
        latencies = new MeasuredLatencies(latencies.Source, latencies.LatencyMs, [$"snapshot of {origin}", .. latencies.Notes]);
    }
    Console.WriteLine($"Scenario {scenario.Name}: {scenario.DeviceCount:N0} devices, {scenario.DurationHours} h, seed {scenario.Seed}; latencies from {latencyPath}");
    var machine = MachineInfo.Capture();
    if (options.SourceCommit is { } built)
    {
        // run-benchmarks.sh builds a clean copy of this commit, so the working tree's state says nothing about the binary.
        machine = machine with { GitCommit = $"{built} (built from a clean copy of that commit)" };
    }
    // The default scenario writes bench/results/simulator.*; any other (or --quick) adds its name: simulator.<name>.*
    var suffix = scenario.Name == "default" ? "" : scenario.Name;
    var stem = suffix.Length == 0 ? "simulator" : $"simulator.{suffix}";
    if (options.SweepHeadroom is { } headrooms)
    {
        foreach (var file in HeadroomSweep.Run(scenario, latencies, headrooms, options.SweepQuantiles ?? [scenario.Signals.LatencyQuantileZ], machine, options.OutputDirectory, stem))
        {
            Console.WriteLine($"wrote {file}");
        }

        return 0;
    }

    var result = FleetSimulator.Run(scenario, latencies);
    Directory.CreateDirectory(options.OutputDirectory);
    var written = ResultWriter.WriteAll(result, machine, options.OutputDirectory, stem, svgPrefix: suffix.Length == 0 ? "sim-" : $"sim-{suffix}-");
    Console.WriteLine(MarkdownReport.Table(result));
    Console.WriteLine($"Simulated {result.Jobs:N0} jobs x {result.Policies.Count} policies in {result.WallSeconds:F1} s wall ({machine.Cores} cores).");
    foreach (var file in written)
    {
        Console.WriteLine($"wrote {file}");
    }

    return 0;
}
catch (Exception e) when (e is InvalidScenarioException or LatenciesUnavailableException or FileNotFoundException or ArgumentException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
