using System.Globalization;
using System.Text.Json;
using HybridAI.Planning;
using HybridAI.Simulator.Scenarios;

namespace HybridAI.Simulator.Latencies;

/// <summary>
/// Reads the pipelines benchmark's bench/results/pipelines.json: <c>stages[]</c> with <c>variant</c> ("sd-base-int8") and
/// median <c>tokenizeMs</c>, <c>textEncodeMs</c>, <c>denoiseStepMs</c>, <c>decodeMs</c> (one intra-op thread on the
/// benchmark machine). Variant names drop the "sd-" prefix ("base-int8"); derived variants from the scenario are added.
/// </summary>
public static class LatencyFileReader
{
    private static readonly (string Field, StageKind Stage)[] Fields =
    [
        ("tokenizeMs", StageKind.Tokenize),
        ("textEncodeMs", StageKind.TextEncode),
        ("denoiseStepMs", StageKind.DenoiseStep),
        ("decodeMs", StageKind.Decode),
    ];

    public static MeasuredLatencies Read(string path, LatencySource adjustments)
    {
        if (!File.Exists(path))
        {
            throw new LatenciesUnavailableException(path, "does not exist.");
        }

        var found = new Dictionary<(StageKind, string), double>();
        var notes = new List<string>();
        var c = CultureInfo.InvariantCulture;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("stages", out var stages) || stages.ValueKind != JsonValueKind.Array)
            {
                throw new LatenciesUnavailableException(path, "has no 'stages' array (expected the schema of bench/HybridAI.Pipelines.Bench).");
            }

            var i = 0;
            foreach (var entry in stages.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("variant", out var v) || v.ValueKind != JsonValueKind.String)
                {
                    throw new LatenciesUnavailableException(path, $"field 'stages[{i}].variant' is missing or not a string.");
                }

                var variant = Normalise(v.GetString()!);
                foreach (var (field, stage) in Fields)
                {
                    if (entry.TryGetProperty(field, out var ms) && ms.ValueKind == JsonValueKind.Number && ms.GetDouble() > 0 && double.IsFinite(ms.GetDouble()))
                    {
                        found[(stage, variant)] = ms.GetDouble();
                    }
                    else
                    {
                        notes.Add($"{stage} {variant}: no positive '{field}' in stages[{i}], variant not offered for that stage");
                    }
                }

                i++;
            }

            if (root.TryGetProperty("machine", out var machine) && machine.ValueKind == JsonValueKind.Object)
            {
                notes.Insert(0, $"measured on: {machine.GetRawText().Replace("\n", " ", StringComparison.Ordinal).Replace("  ", "", StringComparison.Ordinal)}");
            }
        }
        catch (JsonException e)
        {
            throw new LatenciesUnavailableException(path, $"is not valid JSON ({e.Message}).");
        }

        if (found.Count == 0)
        {
            throw new LatenciesUnavailableException(path, "holds no positive stage latency.");
        }

        foreach (var d in adjustments.DerivedVariants)
        {
            foreach (var (_, stage) in Fields)
            {
                if (found.TryGetValue((stage, d.From), out var ms) && !found.ContainsKey((stage, d.Name)))
                {
                    found[(stage, d.Name)] = ms * d.Factor;
                    notes.Add(string.Create(c, $"{stage} {d.Name}: not measured, derived as {d.From} x {d.Factor} (scenario latencies.derivedVariants)"));
                }
            }
        }

        return new MeasuredLatencies(path, found, notes);
    }

    private static string Normalise(string variant) => variant.StartsWith("sd-", StringComparison.OrdinalIgnoreCase) ? variant[3..] : variant;
}
