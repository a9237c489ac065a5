using System.Collections.Immutable;
using HybridAI.Planning;
using HybridAI.Simulator.Arrivals;
using HybridAI.Simulator.Latencies;
using HybridAI.Simulator.Scenarios;

namespace HybridAI.Simulator.Fleet;

/// <summary>
/// Everything exogenous to the policies, built once from the seed: devices and their links, edge outages, spot prices and
/// the job arrivals (device churn decides which arrivals happen: an offline device submits nothing). Every policy runs on
/// exactly these, so differences between policies come from their decisions alone.
/// </summary>
public sealed class FleetModel
{
    private FleetModel(Scenario scenario, MeasuredLatencies latencies)
    {
        Scenario = scenario;
        Latencies = latencies;
    }

    public Scenario Scenario { get; }

    public MeasuredLatencies Latencies { get; }

    public NodeTemplate[] ProfileTemplates { get; private set; } = [];

    public int[] DeviceProfile { get; private set; } = [];

    public int[] DeviceRegion { get; private set; } = [];

    public double[] DeviceRttMs { get; private set; } = [];

    public double[] DeviceBandwidth { get; private set; } = [];

    public double[] DeviceChargeStartHour { get; private set; } = [];

    public float[] DeviceInitialBattery { get; private set; } = [];

    public SharedNode[] Edges { get; private set; } = [];

    public SharedNode[] Pools { get; private set; } = [];

    public JobArrival[] Arrivals { get; private set; } = [];

    /// <summary>Arrivals that would have come from devices that were offline at the time.</summary>
    public long SuppressedArrivals { get; private set; }

    public PipelineProfile Pipeline { get; } = PipelineProfile.TextToImage();

    public static FleetModel Build(Scenario scenario, MeasuredLatencies latencies)
    {
        var fleet = new FleetModel(scenario, latencies);
        fleet.BuildNodes();
        fleet.BuildDevices();
        fleet.BuildArrivals();
        return fleet;
    }

    private void BuildNodes()
    {
        var s = Scenario;
        ProfileTemplates = [.. s.DeviceProfiles.Select(p => Template(p.Stages.Select(Enum.Parse<StageKind>), p.Variants, p.LatencyFactor))];
        var allStages = Enum.GetValues<StageKind>();
        var edges = new List<SharedNode>();
        var edgeTemplate = Template(allStages, s.Edge.Variants, s.Edge.LatencyFactor);
        for (var r = 0; r < s.Regions; r++)
        {
            for (var e = 0; e < s.Edge.NodesPerRegion; e++)
            {
                var index = edges.Count;
                edges.Add(new SharedNode($"edge-{r}-{e}", NodeKind.EdgeNode, r, s.Edge.Slots, edgeTemplate, Link(s.Edge.RttMs, s.Edge.BandwidthMbps), s.Edge.PricePerSecond, [], 1, Outages(index)));
            }
        }

        Edges = [.. edges];
        Pools = [.. s.CloudPools.Select((p, i) => new SharedNode(
            p.Name,
            NodeKind.CloudPool,
            -1,
            p.Slots,
            Template(allStages, p.Variants, p.LatencyFactor),
            Link(p.RttMs, p.BandwidthMbps),
            p.PricePerSecond,
            SpotPrices(p, i),
            p.PriceIntervalMinutes * 60_000,
            []))];
    }

    private NodeTemplate Template(IEnumerable<StageKind> stages, IReadOnlyList<string> variants, double factor)
    {
        var list = ImmutableArray.CreateBuilder<ModelVariant>();
        foreach (var stage in stages)
        {
            foreach (var variant in variants)
            {
                if (Latencies.TryGet(stage, variant, out var ms))
                {
                    list.Add(new ModelVariant(stage, variant, ms * factor));
                }
            }
        }

        return new NodeTemplate(list.ToImmutable());
    }

    private static NetworkLink Link(double rttMs, double mbps) => new(rttMs, mbps * 125_000.0);

    private (double, double)[] Outages(int edgeIndex)
    {
        var e = Scenario.Edge;
        var rng = SplitMix.For(Scenario.Seed, 0x0ED6E, edgeIndex);
        var outages = new List<(double, double)>();
        var t = rng.Exponential(e.MtbfHours * 3_600_000);
        while (t < Scenario.DurationMs && e.RepairHours > 0)
        {
            var end = t + rng.Exponential(e.RepairHours * 3_600_000);
            outages.Add((t, end));
            t = end + rng.Exponential(e.MtbfHours * 3_600_000);
        }

        return [.. outages];
    }

    /// <summary>Spot price: mean-reverting random walk in log price around the list price, re-set every interval.</summary>
    private double[] SpotPrices(CloudPoolProfile p, int poolIndex)
    {
        if (p.SpotVolatility == 0)
        {
            return [];
        }

        var rng = SplitMix.For(Scenario.Seed, 0x5B07, poolIndex);
        var intervals = (int)Math.Ceiling(Scenario.DurationMs / (p.PriceIntervalMinutes * 60_000)) + 1;
        var prices = new double[intervals];
        var x = 0.0;
        for (var i = 0; i < intervals; i++)
        {
            x = 0.8 * x + p.SpotVolatility * rng.Normal();
            prices[i] = p.PricePerSecond * Math.Exp(x);
        }

        return prices;
    }

    private void BuildDevices()
    {
        var s = Scenario;
        var n = s.DeviceCount;
        DeviceProfile = new int[n];
        DeviceRegion = new int[n];
        DeviceRttMs = new double[n];
        DeviceBandwidth = new double[n];
        DeviceChargeStartHour = new double[n];
        DeviceInitialBattery = new float[n];
        var shares = s.DeviceProfiles.Select(p => p.Share).ToArray();
        var total = shares.Sum();
        for (var d = 0; d < n; d++)
        {
            var rng = SplitMix.For(s.Seed, 0xDE71CE, d);
            var u = rng.NextDouble() * total;
            var profile = 0;
            while (profile < shares.Length - 1 && u >= shares[profile])
            {
                u -= shares[profile];
                profile++;
            }

            var p = s.DeviceProfiles[profile];
            DeviceProfile[d] = profile;
            DeviceRegion[d] = rng.NextInt(s.Regions);
            var quality = rng.MeanOneLogNormal(p.LinkSpread);
            DeviceRttMs[d] = p.RttMs / quality;
            DeviceBandwidth[d] = p.BandwidthMbps * 125_000.0 * quality;
            DeviceChargeStartHour[d] = (p.ChargeStartHour + 1.5 * rng.Normal() + 24) % 24;
            DeviceInitialBattery[d] = (float)(0.3 + 0.7 * rng.NextDouble());
        }
    }

    private void BuildArrivals()
    {
        var s = Scenario;
        var j = s.Job;
        var meanPerMs = s.DeviceCount * j.JobsPerDevicePerDay / 86_400_000.0;
        var rng = SplitMix.For(s.Seed, 0xA221);
        var times = PoissonArrivals.Generate(t => PoissonArrivals.Diurnal(t, meanPerMs, j.DiurnalAmplitude, j.PeakHour), meanPerMs * (1 + j.DiurnalAmplitude), s.DurationMs, ref rng);

        // Device churn as an alternating renewal process per device, advanced lazily in arrival order.
        var online = new bool[s.DeviceCount];
        var nextToggle = new double[s.DeviceCount];
        var churn = new SplitMix[s.DeviceCount];
        var onMs = s.Churn.MeanOnlineHours * 3_600_000;
        var offMs = s.Churn.MeanOfflineHours * 3_600_000;
        for (var d = 0; d < s.DeviceCount; d++)
        {
            churn[d] = SplitMix.For(s.Seed, 0xC4024, d);
            online[d] = churn[d].NextDouble() * (onMs + offMs) < onMs;
            nextToggle[d] = churn[d].Exponential(online[d] ? onMs : Math.Max(offMs, 1e-9));
        }

        var arrivals = new List<JobArrival>(times.Count);
        var privacyShares = s.DeviceProfiles.Select(p => p.Privacy).ToArray();
        for (var i = 0; i < times.Count; i++)
        {
            var t = times[i];
            var device = rng.NextInt(s.DeviceCount);
            while (nextToggle[device] <= t)
            {
                online[device] = !online[device] || offMs == 0;
                nextToggle[device] += churn[device].Exponential(online[device] ? onMs : Math.Max(offMs, 1e-9));
            }

            var u = rng.NextDouble();
            var thermal = rng.NextDouble();
            if (!online[device])
            {
                SuppressedArrivals++;
                continue;
            }

            var p = s.DeviceProfiles[DeviceProfile[device]];
            var mix = privacyShares[DeviceProfile[device]];
            u *= mix.Standard + mix.Strict + mix.LocalOnly;
            var privacy = u < mix.Standard ? PrivacyLevel.Standard : u < mix.Standard + mix.Strict ? PrivacyLevel.Strict : PrivacyLevel.LocalOnly;
            arrivals.Add(new JobArrival(t, device, privacy, thermal < p.ThermalThrottleProbability));
        }

        Arrivals = [.. arrivals];
    }
}
