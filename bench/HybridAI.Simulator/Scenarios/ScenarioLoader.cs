using System.Text.Json;

namespace HybridAI.Simulator.Scenarios;

/// <summary>Reads and validates scenario JSON; every error names the file and the field.</summary>
public static class ScenarioLoader
{
    private static readonly string[] StageNames = ["Tokenize", "TextEncode", "DenoiseStep", "Decode"];

    public static Scenario Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Scenario file '{path}' does not exist.", path);
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses scenario JSON; <paramref name="sourcePath"/> names it in errors and anchors relative paths.</summary>
    public static Scenario Parse(string json, string sourcePath)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InvalidScenarioException(sourcePath, "(document)", $"is not valid JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidScenarioException(sourcePath, "(document)", "must be a JSON object.");
            }

            return Read(new JsonFields(document.RootElement, "", sourcePath), sourcePath);
        }
    }

    private static Scenario Read(JsonFields root, string sourcePath)
    {
        var latencies = root.Object("latencies");
        var derived = latencies.Has("derivedVariants")
            ? latencies.Objects("derivedVariants").Select(d => new DerivedVariant(d.String("name"), d.String("from"), d.Number("factor", 0.01, 100))).ToList()
            : [];
        var latencySource = new LatencySource(latencies.String("path"), derived);

        var devices = root.Object("devices");
        var deviceCount = (int)devices.Integer("count", 0, 10_000_000);
        var profiles = devices.Objects("profiles", 1).Select(ReadDevice).ToList();
        if (profiles.Sum(p => p.Share) <= 0)
        {
            throw new InvalidScenarioException(sourcePath, "devices.profiles", "shares sum to 0; at least one profile needs a positive share.");
        }

        var duplicate = profiles.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidScenarioException(sourcePath, "devices.profiles", $"names profile '{duplicate.Key}' twice.");
        }

        var e = root.Object("edge");
        var edge = new EdgeProfile(
            (int)e.Integer("nodesPerRegion", 0, 64),
            (int)e.Integer("slots", 1, 100_000),
            e.Number("latencyFactor", 1e-4, 1000),
            e.Strings("variants", 1),
            e.Number("pricePerSecond", 0, 100),
            e.Number("rttMs", 0, 10_000),
            e.Number("bandwidthMbps", 0.001, 1e6),
            e.Number("mtbfHours", 0.01, 1e6),
            e.Number("repairHours", 0, 1e6));

        var pools = root.Objects("cloudPools").Select(p => new CloudPoolProfile(
            p.String("name"),
            (int)p.Integer("slots", 1, 1_000_000),
            p.Number("latencyFactor", 1e-4, 1000),
            p.Strings("variants", 1),
            p.Number("pricePerSecond", 0, 100),
            p.Number("spotVolatility", 0, 0, 5),
            p.Number("priceIntervalMinutes", 15, 0.1, 1440),
            p.Number("rttMs", 0, 10_000),
            p.Number("bandwidthMbps", 0.001, 1e6))).ToList();
        if (pools.Select(p => p.Name).Distinct().Count() != pools.Count)
        {
            throw new InvalidScenarioException(sourcePath, "cloudPools", "has two pools with the same name.");
        }

        var j = root.Object("job");
        var job = new JobProfile(
            j.Number("jobsPerDevicePerDay", 0, 10_000),
            j.Number("diurnalAmplitude", 0, 1),
            j.Number("peakHour", 0, 24),
            (int)j.Integer("denoiseSteps", 1, 1000),
            j.Number("deadlineMs", 1, 1e9),
            j.Has("allowedVariants") ? j.Strings("allowedVariants", 1) : null);

        var n = root.Object("network");
        var network = new NetworkProfile(n.Number("diurnalCongestion", 0, 0.95), n.Number("jitter", 0, 2));
        var c = root.Object("churn");
        var churn = new ChurnProfile(c.Number("meanOnlineHours", 0.01, 1e6), c.Number("meanOfflineHours", 0, 1e6));
        var s = root.Object("signals");
        var signals = new SignalProfile(
            s.Number("heartbeatMs", 1, 3_600_000),
            s.Number("linkMeasureMinutes", 0.01, 1440),
            s.Number("latencyNoise", 0, 2),
            s.Number("thermalLatencyFactor", 1, 10),
            s.Number("deadlineHeadroom", 0, 0.9),
            s.Boolean("replanOnSlowProgress"),
            s.Number("latencyQuantileZ", 0, 0, 5));

        var policies = root.Has("policies")
            ? root.Strings("policies", 1).Select(name => Enum.TryParse<SimPolicy>(name, ignoreCase: true, out var policy)
                ? policy
                : throw root.Fail("policies", $"names unknown policy '{name}'; known: {string.Join(", ", Enum.GetNames<SimPolicy>())}.")).Distinct().ToList()
            : [.. Enum.GetValues<SimPolicy>()];

        return new Scenario(
            root.String("name"),
            sourcePath,
            (int)root.Integer("seed", int.MinValue, int.MaxValue),
            root.Number("durationHours", 0.01, 24 * 366),
            latencySource,
            (int)root.Integer("regions", 1, 100_000),
            deviceCount,
            profiles,
            edge,
            pools,
            job,
            network,
            churn,
            signals,
            root.Number("energyPricePerKWh", 0, 100),
            policies);
    }

    private static DeviceProfile ReadDevice(JsonFields p)
    {
        var stages = p.Strings("stages", 1);
        foreach (var stage in stages)
        {
            if (!StageNames.Contains(stage, StringComparer.Ordinal))
            {
                throw p.Fail("stages", $"names unknown stage '{stage}'; known: {string.Join(", ", StageNames)}.");
            }
        }

        var privacy = p.Object("privacy");
        var mix = new PrivacyMix(privacy.Number("standard", 0, 1), privacy.Number("strict", 0, 1), privacy.Number("localOnly", 0, 1));
        if (mix.Standard + mix.Strict + mix.LocalOnly <= 0)
        {
            throw p.Fail("privacy", "shares sum to 0.");
        }

        return new DeviceProfile(
            p.String("name"),
            p.Number("share", 0, 1e6),
            p.String("accelerator"),
            p.Number("latencyFactor", 1e-4, 1000),
            stages,
            p.Strings("variants", 1),
            p.Number("powerWatts", 0, 1000),
            p.Number("batteryWh", 0.1, 10_000),
            p.Number("idleDrainPerHour", 0, 1),
            p.Number("chargePerHour", 0, 10),
            p.Number("chargeStartHour", 0, 24),
            p.Number("chargeHours", 0, 24),
            p.Number("rttMs", 0, 10_000),
            p.Number("bandwidthMbps", 0.001, 1e6),
            p.Number("linkSpread", 0, 3),
            p.Number("thermalThrottleProbability", 0, 1),
            mix);
    }
}
