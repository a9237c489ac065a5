using System.Collections.Immutable;
using System.Diagnostics;
using HybridAI.Planning;
using HybridAI.Simulator.Arrivals;
using HybridAI.Simulator.Fleet;
using HybridAI.Simulator.Scenarios;

namespace HybridAI.Simulator.Simulation;

/// <summary>
/// One policy over the whole period on a virtual clock. Jobs arrive (from the shared <see cref="FleetModel"/>), the real
/// <see cref="PlacementPlanner"/> places them from the candidates' reported signals, and the simulated nodes execute each
/// segment when its input arrives: every node is a FIFO multi-server queue (a device has one slot), so work accumulates
/// and later plans see the queues. Execution uses realised values (latency noise, throttling, the link's current
/// congestion and jitter, the price at execution time), so plans made from stale or average signals can be late.
/// The oracle is the same planner in Hybrid mode fed the realised values of this job and the true queue waits at
/// submission: the exact per-job money optimum with perfect knowledge of the present (not of other jobs still to come).
/// </summary>
internal sealed class PolicyRun
{
    private const double MsPerHour = 3_600_000.0;

    private readonly FleetModel fleet;
    private readonly Scenario s;
    private readonly SimPolicy policy;
    private readonly bool oracle;
    private readonly bool progressReplan;
    private readonly ImmutableArray<ModelVariant>[] reportedProfiles;
    private readonly ImmutableArray<ModelVariant>[] reportedShared;
    private readonly PlacementPlanner planner;
    private readonly PlacementPolicy plannerPolicy;
    private readonly ImmutableHashSet<string>? allowed;
    private readonly StageKind[] kinds;
    private readonly long[] inBytes;
    private readonly long returnBytes;
    private readonly SharedNode[] shared;
    private readonly Dictionary<string, int> sharedIndex = new(StringComparer.Ordinal);
    private readonly int[][] regionEdges;
    private readonly double[][] slotFreeAt;
    private readonly CandidateNode?[] cached;
    private readonly long[] cachedEpoch;
    private readonly double[] deviceFreeAt;
    private readonly float[] battery;
    private readonly double[] batteryAt;
    private readonly double energyPricePerJoule;
    private readonly List<CandidateNode> candidates = new(16);
    private readonly PriorityQueue<(int Job, int Segment, int Stage), (double Time, long Seq)> events = new();
    private readonly Dictionary<int, InFlight> inFlight = [];
    private readonly List<double> latencies = [];
    private readonly List<string> violationSamples = [];
    private readonly List<string> infeasibleSamples = [];
    private readonly double[] hourlyMoney;
    private readonly double[] hourlyGpu;
    private readonly long[] profileJobs;
    private readonly long[] profileOnTime;
    private readonly long[] profileInfeasible;
    private readonly double[] profileGpu;
    private readonly double[] profileEnergyJ;
    private readonly long[] privacyJobs = new long[3];
    private long seq;
    private long completed;
    private long infeasible;
    private long onTime;
    private long plannedLate;
    private long violations;
    private long replans;
    private long progressReplans;
    private long lost;
    private double cloudGpuSeconds;
    private double edgeSeconds;
    private double deviceSeconds;
    private double cloudMoney;
    private double edgeMoney;
    private double deviceMoney;
    private double deviceEnergyJ;
    private double maxCloudWaitMs;
    private double cloudWaitMs;
    private long cloudSegments;

    public PolicyRun(FleetModel fleet, SimPolicy policy)
    {
        this.fleet = fleet;
        s = fleet.Scenario;
        this.policy = policy;
        oracle = policy == SimPolicy.Oracle;
        progressReplan = policy == SimPolicy.Hybrid && fleet.Scenario.Signals.ReplanOnSlowProgress;
        planner = new PlacementPlanner(new PlannerOptions { IncludeAlternatives = false });
        plannerPolicy = policy switch
        {
            SimPolicy.CloudOnly => PlacementPolicy.CloudOnly,
            SimPolicy.DeviceOnly => PlacementPolicy.DeviceOnly,
            SimPolicy.StaticSplit => PlacementPolicy.StaticSplit,
            _ => PlacementPolicy.Hybrid,
        };
        allowed = s.Job.AllowedVariants is { } names ? [.. names] : null;
        var stages = fleet.Pipeline.Expand(s.Job.DenoiseSteps);
        kinds = [.. stages.Select(x => x.Kind)];
        inBytes = new long[stages.Length];
        for (var i = 0; i < stages.Length; i++)
        {
            inBytes[i] = i == 0 ? stages[0].InputBytes : stages[i - 1].OutputBytes;
        }

        returnBytes = stages[^1].OutputBytes;
        shared = [.. fleet.Edges, .. fleet.Pools];
        for (var k = 0; k < shared.Length; k++)
        {
            sharedIndex[shared[k].Id] = k;
        }

        regionEdges = new int[s.Regions][];
        for (var r = 0; r < s.Regions; r++)
        {
            regionEdges[r] = [.. Enumerable.Range(0, fleet.Edges.Length).Where(k => fleet.Edges[k].Region == r)];
        }

        slotFreeAt = [.. shared.Select(n => new double[n.Slots])];

        // What agents report: the average, or with latencyQuantileZ > 0 that quantile of the realised latency (lognormal, mean 1).
        var sigma = s.Signals.LatencyNoise;
        var quantile = s.Signals.LatencyQuantileZ > 0 ? Math.Exp(sigma * s.Signals.LatencyQuantileZ - sigma * sigma / 2) : 1.0;
        reportedProfiles = [.. fleet.ProfileTemplates.Select(t => quantile == 1.0 ? t.Variants : t.Scaled(quantile))];
        reportedShared = [.. shared.Select(n => quantile == 1.0 ? n.Template.Variants : n.Template.Scaled(quantile))];
        cached = new CandidateNode?[shared.Length];
        cachedEpoch = new long[shared.Length];
        Array.Fill(cachedEpoch, -1);
        deviceFreeAt = new double[s.DeviceCount];
        battery = [.. fleet.DeviceInitialBattery];
        batteryAt = new double[s.DeviceCount];
        energyPricePerJoule = s.EnergyPricePerKWh / 3.6e6;
        var hours = Math.Max(1, (int)Math.Ceiling(s.DurationHours));
        hourlyMoney = new double[hours];
        hourlyGpu = new double[hours];
        var profiles = s.DeviceProfiles.Count;
        profileJobs = new long[profiles];
        profileOnTime = new long[profiles];
        profileInfeasible = new long[profiles];
        profileGpu = new double[profiles];
        profileEnergyJ = new double[profiles];
    }

    public PolicyResult Run()
    {
        var clock = Stopwatch.StartNew();
        var arrivals = fleet.Arrivals;
        var next = 0;
        while (next < arrivals.Length || events.Count > 0)
        {
            if (events.TryPeek(out _, out var top) && (next >= arrivals.Length || top.Time < arrivals[next].TimeMs))
            {
                var (job, segment, stage) = events.Dequeue();
                if (stage < 0)
                {
                    Checkpoint(job, segment, -stage - 1, top.Time);
                }
                else
                {
                    Ready(job, segment, stage, top.Time);
                }
            }
            else
            {
                Arrive(next, arrivals[next]);
                next++;
            }
        }

        latencies.Sort();
        var jobs = arrivals.Length;
        return new PolicyResult(
            policy.ToString(),
            jobs,
            privacyJobs[(int)PrivacyLevel.Standard],
            privacyJobs[(int)PrivacyLevel.Strict],
            privacyJobs[(int)PrivacyLevel.LocalOnly],
            completed,
            infeasible,
            replans,
            progressReplans,
            lost,
            onTime,
            plannedLate,
            jobs == 0 ? 1 : (double)onTime / jobs,
            Percentiles.Of(latencies, 50),
            Percentiles.Of(latencies, 95),
            Percentiles.Of(latencies, 99),
            latencies.Count == 0 ? double.NaN : latencies.Average(),
            cloudGpuSeconds,
            edgeSeconds,
            deviceSeconds,
            cloudMoney + edgeMoney + deviceMoney,
            cloudMoney,
            edgeMoney,
            deviceMoney,
            deviceEnergyJ / 3.6e6,
            violations,
            violationSamples,
            infeasibleSamples,
            hourlyMoney,
            hourlyGpu,
            [.. s.DeviceProfiles.Select((p, i) => new ProfileResult(p.Name, profileJobs[i], profileOnTime[i], profileInfeasible[i], profileGpu[i], profileEnergyJ[i] / 3.6e6))],
            cloudSegments == 0 ? 0 : cloudWaitMs / cloudSegments,
            maxCloudWaitMs,
            clock.Elapsed.TotalSeconds);
    }

    private void Arrive(int index, in JobArrival arrival)
    {
        var t = arrival.TimeMs;
        var d = arrival.Device;
        var profileIndex = fleet.DeviceProfile[d];
        profileJobs[profileIndex]++;
        privacyJobs[(int)arrival.Privacy]++;
        var deviceId = DeviceId(d);
        var jitter = SplitMix.For(s.Seed, 0x1177E2, index);
        var congestion = Congestion(t);
        var trueRtt = fleet.DeviceRttMs[d] * (1 + congestion) * jitter.MeanOneLogNormal(s.Network.Jitter);
        var trueBandwidth = fleet.DeviceBandwidth[d] * (1 - congestion) * jitter.MeanOneLogNormal(s.Network.Jitter);
        var trueLink = new NetworkLink(trueRtt, trueBandwidth);

        BuildCandidates(index, d, deviceId, t, arrival.Thermal, trueLink);
        var planDeadline = oracle ? s.Job.DeadlineMs : s.Job.DeadlineMs * (1 - s.Signals.DeadlineHeadroom);
        var job = new PlacementJob($"j{index}", fleet.Pipeline, s.Job.DenoiseSteps, planDeadline, arrival.Privacy, deviceId, plannerPolicy, allowed);
        PlacementPlan plan;
        try
        {
            plan = planner.Plan(job, candidates);
        }
        catch (NoFeasiblePlanException e)
        {
            infeasible++;
            profileInfeasible[profileIndex]++;
            if (infeasibleSamples.Count < 5)
            {
                infeasibleSamples.Add($"{s.DeviceProfiles[profileIndex].Name}: {e.Message}");
            }

            return;
        }

        CheckPrivacy(plan, job);
        if (plan.CompletionMs > s.Job.DeadlineMs)
        {
            plannedLate++;
        }

        var nodes = NodesOf(plan, deviceId);
        inFlight[index] = new InFlight(job, plan, nodes, t, d, profileIndex, arrival.Thermal, trueLink);
        var first = plan.Segments[0];
        var transfer = nodes[0] < 0 ? 0 : Transfer(trueLink, shared[nodes[0]].Link, inBytes[first.FirstStage]);
        events.Enqueue((index, 0, first.FirstStage), (t + transfer, seq++));
    }

    private void BuildCandidates(int index, int d, string deviceId, double t, bool thermal, NetworkLink trueLink, bool observedDevice = false)
    {
        candidates.Clear();
        candidates.Add(DeviceCandidate(index, d, deviceId, t, thermal, trueLink, observedDevice));
        foreach (var k in regionEdges[fleet.DeviceRegion[d]])
        {
            candidates.Add(SharedCandidate(index, k, t));
        }

        for (var k = fleet.Edges.Length; k < shared.Length; k++)
        {
            candidates.Add(SharedCandidate(index, k, t));
        }
    }

    private int[] NodesOf(PlacementPlan plan, string deviceId)
    {
        var nodes = new int[plan.Segments.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = string.Equals(plan.Segments[i].NodeId, deviceId, StringComparison.Ordinal) ? -1 : sharedIndex[plan.Segments[i].NodeId];
        }

        return nodes;
    }

    /// <summary>
    /// The segment's node went down before the segment started: re-plan the rest of the job from the checkpoint (the
    /// input tensor, still on the previous node) with the planner's Replan, as the job grain does.
    /// </summary>
    private void Replan(int index, int segmentIndex, double t)
    {
        var job = inFlight[index];
        Replan(index, job.Plan.Segments[segmentIndex].FirstStage, segmentIndex == 0 ? -1 : job.Nodes[segmentIndex - 1], t, observedDevice: false);
    }

    /// <summary>Re-plans stages from <paramref name="resumeStage"/> on, the checkpoint tensor being on node <paramref name="previous"/> (-1: the device).</summary>
    private void Replan(int index, int resumeStage, int previous, double t, bool observedDevice)
    {
        var job = inFlight[index];
        var deviceId = job.Job.OriginDeviceId;
        replans++;
        BuildCandidates(index, job.Device, deviceId, t, job.Thermal, job.Link, observedDevice);
        var checkpoint = new PlanCheckpoint(resumeStage, previous < 0 ? deviceId : shared[previous].Id, inBytes[resumeStage], t - job.ArrivalMs);
        PlacementPlan plan;
        try
        {
            plan = planner.Replan(job.Job, candidates, checkpoint);
        }
        catch (NoFeasiblePlanException e)
        {
            lost++;
            if (infeasibleSamples.Count < 5)
            {
                infeasibleSamples.Add($"re-plan after outage: {e.Message}");
            }

            inFlight.Remove(index);
            return;
        }

        CheckPrivacy(plan, job.Job);
        var nodes = NodesOf(plan, deviceId);
        inFlight[index] = job with { Plan = plan, Nodes = nodes };
        var from = previous < 0 ? job.Link : shared[previous].Link;
        var to = nodes[0] < 0 ? job.Link : shared[nodes[0]].Link;
        events.Enqueue((index, 0, plan.Segments[0].FirstStage), (t + (nodes[0] == previous ? 0 : Transfer(from, to, inBytes[plan.Segments[0].FirstStage])), seq++));
    }

    private void CheckPrivacy(PlacementPlan plan, PlacementJob job)
    {
        var check = PrivacyGuard.Check(plan, job);
        if (!check.IsAllowed)
        {
            violations++;
            if (violationSamples.Count < 5)
            {
                violationSamples.Add(string.Join("; ", check.Violations));
            }
        }
    }

    /// <summary>The segment's input is on its node at <paramref name="t"/>: run stages <paramref name="fromStage"/>.. of it.</summary>
    private void Ready(int index, int segmentIndex, int fromStage, double t)
    {
        var job = inFlight[index];
        var segment = job.Plan.Segments[segmentIndex];
        var k = job.Nodes[segmentIndex];
        if (k >= 0 && !shared[k].OnlineAt(t))
        {
            Replan(index, segmentIndex, t);
            return;
        }

        // Progress check: on the device, stop after the first denoise step of the segment so the job can react to a slow run.
        var lastStage = segment.LastStage;
        var checkpointAfter = -1;
        if (progressReplan && k < 0 && !job.Checked)
        {
            for (var i = fromStage; i < segment.LastStage && checkpointAfter < 0; i++)
            {
                if (kinds[i] == StageKind.DenoiseStep)
                {
                    checkpointAfter = i;
                    lastStage = i;
                }
            }
        }

        var template = k < 0 ? fleet.ProfileTemplates[job.Profile] : shared[k].Template;
        var factor = RealisedFactor(index, k, job.Thermal);
        var compute = 0.0;
        for (var i = fromStage; i <= lastStage; i++)
        {
            compute += template.LatencyMs(kinds[i], segment.Variant) * factor;
        }

        double start;
        if (k < 0)
        {
            start = Math.Max(t, deviceFreeAt[job.Device]);
            deviceFreeAt[job.Device] = start + compute;
            AdvanceBattery(job.Device, start);
            var p = s.DeviceProfiles[job.Profile];
            var joules = compute / 1000.0 * p.PowerWatts;
            battery[job.Device] = (float)Math.Max(0, battery[job.Device] - joules / (p.BatteryWh * 3600));
            deviceSeconds += compute / 1000.0;
            deviceEnergyJ += joules;
            profileEnergyJ[job.Profile] += joules;
            Charge(start, joules * energyPricePerJoule, 0, ref deviceMoney);
        }
        else
        {
            var slots = slotFreeAt[k];
            var slot = 0;
            for (var x = 1; x < slots.Length; x++)
            {
                if (slots[x] < slots[slot])
                {
                    slot = x;
                }
            }

            start = Math.Max(t, slots[slot]);
            slots[slot] = start + compute;
            var node = shared[k];
            var seconds = compute / 1000.0;
            if (node.Kind == NodeKind.CloudPool)
            {
                cloudGpuSeconds += seconds;
                profileGpu[job.Profile] += seconds;
                maxCloudWaitMs = Math.Max(maxCloudWaitMs, start - t);
                cloudWaitMs += start - t;
                cloudSegments++;
                Charge(start, seconds * node.PriceAt(start), seconds, ref cloudMoney);
            }
            else
            {
                edgeSeconds += seconds;
                Charge(start, seconds * node.PriceAt(start), 0, ref edgeMoney);
            }
        }

        var end = start + compute;
        if (checkpointAfter >= 0)
        {
            events.Enqueue((index, segmentIndex, -(checkpointAfter + 1) - 1), (end, seq++));
            return;
        }

        var here = k < 0 ? job.Link : shared[k].Link;
        if (segmentIndex + 1 < job.Nodes.Length)
        {
            var nextNode = job.Nodes[segmentIndex + 1];
            var there = nextNode < 0 ? job.Link : shared[nextNode].Link;
            var bytes = inBytes[job.Plan.Segments[segmentIndex + 1].FirstStage];
            events.Enqueue((index, segmentIndex + 1, job.Plan.Segments[segmentIndex + 1].FirstStage), (end + Transfer(here, there, bytes), seq++));
            return;
        }

        var completion = end + (k < 0 ? 0 : Transfer(here, job.Link, returnBytes));
        var latency = completion - job.ArrivalMs;
        latencies.Add(latency);
        completed++;
        if (latency <= s.Job.DeadlineMs)
        {
            onTime++;
            profileOnTime[job.Profile]++;
        }

        inFlight.Remove(index);
    }

    /// <summary>
    /// After the first denoise step on the device: if the rest of the segment at the speed just observed would finish the
    /// job past its deadline, re-plan the remaining stages from this checkpoint (the latent on the device) with the
    /// observed speed; otherwise carry on as planned. Only the hybrid policy adapts; the baselines are fixed rules.
    /// </summary>
    private void Checkpoint(int index, int segmentIndex, int resumeStage, double t)
    {
        var job = inFlight[index] with { Checked = true };
        inFlight[index] = job;
        var segment = job.Plan.Segments[segmentIndex];
        var template = fleet.ProfileTemplates[job.Profile];
        var remaining = 0.0;
        for (var i = resumeStage; i <= segment.LastStage; i++)
        {
            remaining += template.LatencyMs(kinds[i], segment.Variant);
        }

        var projected = t + remaining * RealisedFactor(index, -1, job.Thermal) + (job.Plan.CompletionMs - segment.EndMs);
        if (projected - job.ArrivalMs <= s.Job.DeadlineMs)
        {
            Ready(index, segmentIndex, resumeStage, t);
            return;
        }

        progressReplans++;
        Replan(index, resumeStage, -1, t, observedDevice: true);
    }

    private double RealisedFactor(int index, int node, bool thermal) =>
        Noise(index, node) * (node < 0 && thermal ? s.Signals.ThermalLatencyFactor : 1.0);

    private NetworkLink LinkEstimate(int d, double t)
    {
        var measuredAt = Math.Floor(t / (s.Signals.LinkMeasureMinutes * 60_000)) * s.Signals.LinkMeasureMinutes * 60_000;
        var c = Congestion(measuredAt);
        return new NetworkLink(fleet.DeviceRttMs[d] * (1 + c), fleet.DeviceBandwidth[d] * (1 - c));
    }

    private void Charge(double tMs, double money, double gpuSeconds, ref double total)
    {
        total += money;
        var hour = Math.Min(hourlyMoney.Length - 1, (int)(tMs / MsPerHour));
        hourlyMoney[hour] += money;
        hourlyGpu[hour] += gpuSeconds;
    }

    private CandidateNode DeviceCandidate(int index, int d, string deviceId, double t, bool thermal, NetworkLink trueLink, bool observedDevice)
    {
        var profile = s.DeviceProfiles[fleet.DeviceProfile[d]];
        var template = fleet.ProfileTemplates[fleet.DeviceProfile[d]];
        AdvanceBattery(d, t);
        var status = new BatteryStatus(battery[d], Charging(d, t), thermal);
        var queue = deviceFreeAt[d] > t ? new NodeQueue(0, 1, 1, deviceFreeAt[d] - t) : NodeQueue.Idle();
        NetworkLink link;
        ImmutableArray<ModelVariant> variants;
        if (oracle)
        {
            link = trueLink;
            var thermalCorrection = thermal ? s.Signals.ThermalLatencyFactor / planner.Options.ThermalLatencyFactor : 1.0;
            variants = template.Scaled(Noise(index, -1) * thermalCorrection);
        }
        else if (observedDevice)
        {
            // Mid-job: the agent has timed this job's first denoise step, so it reports the job's real speed.
            link = LinkEstimate(d, t);
            var thermalCorrection = thermal ? s.Signals.ThermalLatencyFactor / planner.Options.ThermalLatencyFactor : 1.0;
            variants = template.Scaled(Noise(index, -1) * thermalCorrection);
        }
        else
        {
            // The agent measured its link at the start of the current measurement interval; no jitter in the estimate.
            link = LinkEstimate(d, t);
            variants = reportedProfiles[fleet.DeviceProfile[d]];
        }

        return new CandidateNode(deviceId, NodeKind.Device, Online: true, variants, queue, link, profile.PowerWatts * energyPricePerJoule, status);
    }

    private CandidateNode SharedCandidate(int index, int k, double t)
    {
        var node = shared[k];
        if (oracle)
        {
            var slots = slotFreeAt[k];
            var soonest = slots.Min();
            var busy = slots.Count(x => x > t);
            var wait = Math.Max(0, soonest - t);
            var queue = wait > 0 ? new NodeQueue(0, node.Slots, node.Slots, wait * node.Slots) : new NodeQueue(0, busy, node.Slots, 0);
            return new CandidateNode(node.Id, node.Kind, node.OnlineAt(t), node.Template.Scaled(Noise(index, k)), queue, node.Link, node.PriceAt(t));
        }

        // Reports arrive once per heartbeat: queue figures as the agent sums them (remaining work over all slots).
        var epoch = (long)(t / s.Signals.HeartbeatMs);
        if (cachedEpoch[k] != epoch || cached[k] is null)
        {
            var slots = slotFreeAt[k];
            var busy = 0;
            var work = 0.0;
            foreach (var free in slots)
            {
                if (free > t)
                {
                    busy++;
                    work += free - t;
                }
            }

            cached[k] = new CandidateNode(node.Id, node.Kind, node.OnlineAt(t), reportedShared[k], new NodeQueue(0, busy, node.Slots, work), node.Link, node.PriceAt(t));
            cachedEpoch[k] = epoch;
        }

        return cached[k]!;
    }

    /// <summary>Realised/average latency of one job on one node (-1: the origin device); the same draw for every policy.</summary>
    private double Noise(int job, int node)
    {
        var rng = SplitMix.For(s.Seed, job, node + 0x401 + 1);
        return rng.MeanOneLogNormal(s.Signals.LatencyNoise);
    }

    /// <summary>Network congestion in [0, diurnalCongestion], highest at the job peak hour.</summary>
    private double Congestion(double tMs) =>
        s.Network.DiurnalCongestion * (1 + Math.Cos(2 * Math.PI * (PoissonArrivals.HourOfDay(tMs) - s.Job.PeakHour) / 24.0)) / 2;

    private static double Transfer(NetworkLink a, NetworkLink b, long bytes) =>
        (a.RttMs + b.RttMs) / 2.0 + bytes * 1000.0 / Math.Min(a.BandwidthBytesPerSecond, b.BandwidthBytesPerSecond);

    private bool Charging(int d, double tMs)
    {
        var p = s.DeviceProfiles[fleet.DeviceProfile[d]];
        var since = (PoissonArrivals.HourOfDay(tMs) - fleet.DeviceChargeStartHour[d] + 24) % 24;
        return since < p.ChargeHours;
    }

    private void AdvanceBattery(int d, double tMs)
    {
        var from = batteryAt[d];
        if (tMs <= from)
        {
            return;
        }

        var p = s.DeviceProfiles[fleet.DeviceProfile[d]];
        var hours = (tMs - from) / MsPerHour;
        var charging = ChargingHours(fleet.DeviceChargeStartHour[d], p.ChargeHours, from / MsPerHour, tMs / MsPerHour);
        var level = battery[d] + charging * p.ChargePerHour - (hours - charging) * p.IdleDrainPerHour;
        battery[d] = (float)Math.Clamp(level, 0, 1);
        batteryAt[d] = tMs;
    }

    /// <summary>Hours of [h0, h1] spent inside the daily charging window [start, start + length).</summary>
    internal static double ChargingHours(double start, double length, double h0, double h1)
    {
        var total = 0.0;
        for (var day = Math.Floor(h0 / 24) - 1; day * 24 + start <= h1; day++)
        {
            var a = Math.Max(h0, day * 24 + start);
            var b = Math.Min(h1, day * 24 + start + length);
            total += Math.Max(0, b - a);
        }

        return total;
    }

    private static string DeviceId(int d) => string.Create(null, stackalloc char[16], $"dev-{d}");

    private sealed record InFlight(PlacementJob Job, PlacementPlan Plan, int[] Nodes, double ArrivalMs, int Device, int Profile, bool Thermal, NetworkLink Link, bool Checked = false);
}
