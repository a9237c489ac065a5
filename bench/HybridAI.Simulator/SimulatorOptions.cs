namespace HybridAI.Simulator;

/// <summary>Command-line options.</summary>
public sealed record SimulatorOptions(string ScenarioPath, bool Quick, string? LatenciesPath, int? Devices, string OutputDirectory, IReadOnlyList<double>? SweepHeadroom = null, string? LatenciesOrigin = null, string? SourceCommit = null, IReadOnlyList<double>? SweepQuantiles = null)
{
    public static SimulatorOptions Parse(IReadOnlyList<string> args)
    {
        var scenario = "bench/scenarios/default.json";
        var quick = false;
        string? latencies = null;
        int? devices = null;
        var output = "bench/results";
        IReadOnlyList<double>? sweep = null;
        string? origin = null;
        string? commit = null;
        IReadOnlyList<double>? quantiles = null;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"option '{args[i]}' needs a value.");
            switch (args[i])
            {
                case "--scenario": scenario = Value(); break;
                case "--quick": quick = true; break;
                case "--latencies": latencies = Value(); break;
                case "--devices":
                    devices = int.TryParse(Value(), out var n) && n >= 0 ? n : throw new ArgumentException("--devices needs a non-negative integer.");
                    break;
                case "--out": output = Value(); break;
                case "--latencies-origin": origin = Value(); break;
                case "--source-commit": commit = Value(); break;
                case "--sweep-quantile":
                    quantiles = [.. Value().Split(',').Select(x => double.TryParse(x, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var z) && z >= 0 && z <= 5
                        ? z
                        : throw new ArgumentException($"--sweep-quantile needs comma-separated z values in [0, 5], not '{x}'."))];
                    break;
                case "--sweep-headroom":
                    sweep = [.. Value().Split(',').Select(x => double.TryParse(x, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var h) && h >= 0 && h < 1
                        ? h
                        : throw new ArgumentException($"--sweep-headroom needs comma-separated fractions in [0, 1), not '{x}'."))];
                    break;
                default: throw new ArgumentException($"unknown option '{args[i]}'. Usage: [--scenario <file>] [--quick] [--latencies <file>] [--devices <n>] [--out <dir>] [--sweep-headroom 0.1,0.2] [--latencies-origin <text>] [--source-commit <sha>] [--sweep-quantile 0,1.28]");
            }
        }

        return new SimulatorOptions(scenario, quick, latencies, devices, output, sweep, origin, commit, quantiles);
    }
}
