using System.Collections.Immutable;

namespace HybridAI.Planning;

/// <summary>
/// A validated job + candidates + checkpoint, turned into integer units (microseconds, 1e-12 money) so that sums are
/// exact and independent of order: the search and any brute force agree to the last unit.
/// Nodes are sorted by id (ordinal), which makes the result independent of the candidates' order.
/// </summary>
internal sealed class PlanningProblem
{
    public const long Infinity = long.MaxValue / 4;
    public const long NegativeInfinity = long.MinValue / 4;

    private readonly int[] stageTemplate;
    private readonly int[] optionStart;
    private readonly int[] optionCount;
    private readonly long[] optionLatencyUs;
    private readonly long[] optionCostPico;
    private readonly int[] optionVariant;
    private readonly int[] transferRow;
    private readonly long[] transferUs;

    private PlanningProblem(
        PlacementJob job,
        PlannerOptions options,
        ImmutableArray<StageProfile> stages,
        CandidateNode[] nodes,
        int origin,
        int resume,
        int source,
        long checkpointBytes,
        double startMs)
    {
        Job = job;
        Options = options;
        Stages = stages;
        Nodes = nodes;
        NodeCount = nodes.Length;
        StageCount = stages.Length;
        Origin = origin;
        Resume = resume;
        Source = source;
        CheckpointBytes = checkpointBytes;
        StartMs = startMs;
        StartUs = ToMicroseconds(startMs);
        DeadlineUs = ToMicroseconds(job.DeadlineMs);

        var k = NodeCount;
        AvailableUs = new long[k];
        LowBattery = new bool[k];
        for (var n = 0; n < k; n++)
        {
            AvailableUs[n] = StartUs + ToMicroseconds(nodes[n].Queue.EstimatedWaitMs);
            var battery = nodes[n].Battery;
            LowBattery[n] = battery is { Charging: false } && battery.Level < options.LowBatteryThreshold;
        }

        // Options per (pipeline template, node): the Pareto set of (latency, cost) over allowed variants, fastest first.
        var templates = job.Pipeline.Stages;
        stageTemplate = new int[StageCount];
        var s = 0;
        for (var t = 0; t < templates.Length; t++)
        {
            var repeat = templates[t].Kind == StageKind.DenoiseStep ? job.DenoiseSteps : 1;
            for (var r = 0; r < repeat; r++)
            {
                stageTemplate[s++] = t;
            }
        }

        optionStart = new int[templates.Length * k];
        optionCount = new int[templates.Length * k];
        var lat = new List<long>();
        var cost = new List<long>();
        var variant = new List<int>();
        var scratch = new List<(long Lat, long Cost, int Variant)>();
        for (var t = 0; t < templates.Length; t++)
        {
            for (var n = 0; n < k; n++)
            {
                scratch.Clear();
                var variants = nodes[n].Variants;
                for (var v = 0; v < variants.Length; v++)
                {
                    if (IsUsable(variants[v], templates[t].Kind))
                    {
                        var latencyUs = LatencyUs(n, v);
                        scratch.Add((latencyUs, CostPico(n, latencyUs), v));
                    }
                }

                scratch.Sort(static (a, b) => a.Lat != b.Lat ? a.Lat.CompareTo(b.Lat) : a.Cost != b.Cost ? a.Cost.CompareTo(b.Cost) : a.Variant.CompareTo(b.Variant));
                optionStart[t * k + n] = lat.Count;
                var lastCost = long.MaxValue;
                foreach (var option in scratch)
                {
                    if (option.Cost < lastCost)
                    {
                        lat.Add(option.Lat);
                        cost.Add(option.Cost);
                        variant.Add(option.Variant);
                        lastCost = option.Cost;
                    }
                }

                optionCount[t * k + n] = lat.Count - optionStart[t * k + n];
            }
        }

        optionLatencyUs = [.. lat];
        optionCostPico = [.. cost];
        optionVariant = [.. variant];

        // Transfer matrices, one per distinct byte count; row of stage i = bytes moving into stage i (index StageCount = the return).
        transferRow = new int[StageCount + 1];
        var rowBytes = new List<long>();
        for (var i = resume; i <= StageCount; i++)
        {
            var bytes = i == resume ? checkpointBytes : stages[i - 1].OutputBytes;
            var row = rowBytes.IndexOf(bytes);
            if (row < 0)
            {
                row = rowBytes.Count;
                rowBytes.Add(bytes);
            }

            transferRow[i] = row;
        }

        transferUs = new long[rowBytes.Count * k * k];
        for (var row = 0; row < rowBytes.Count; row++)
        {
            for (var a = 0; a < k; a++)
            {
                for (var b = 0; b < k; b++)
                {
                    transferUs[(row * k + a) * k + b] = TransferUs(nodes[a].Link, nodes[b].Link, rowBytes[row], a == b);
                }
            }
        }
    }

    public PlacementJob Job { get; }

    public PlannerOptions Options { get; }

    public ImmutableArray<StageProfile> Stages { get; }

    /// <summary>Candidates sorted by id (ordinal).</summary>
    public CandidateNode[] Nodes { get; }

    public int NodeCount { get; }

    public int StageCount { get; }

    public int Origin { get; }

    public int Resume { get; }

    /// <summary>Node holding the checkpoint (the origin for a fresh plan).</summary>
    public int Source { get; }

    public long CheckpointBytes { get; }

    public double StartMs { get; }

    public long StartUs { get; }

    public long DeadlineUs { get; }

    /// <summary>Absolute time (us since submission) a node has a free slot: start + queue wait estimate.</summary>
    public long[] AvailableUs { get; }

    public bool[] LowBattery { get; }

    public static PlanningProblem Create(PlacementJob job, IReadOnlyList<CandidateNode> candidates, PlanCheckpoint? checkpoint, double elapsedMs, PlannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(options);
        PlanningInputValidator.Validate(job, candidates, checkpoint is null ? elapsedMs : 0);

        var nodes = new CandidateNode[candidates.Count];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = candidates[i];
        }

        Array.Sort(nodes, static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        var origin = IndexOf(nodes, job.OriginDeviceId);
        var stages = job.Pipeline.Expand(job.DenoiseSteps);
        if (checkpoint is null)
        {
            return new PlanningProblem(job, options, stages, nodes, origin, 0, origin, stages[0].InputBytes, elapsedMs);
        }

        PlanningInputValidator.ValidateCheckpoint(checkpoint, stages.Length);
        var source = IndexOf(nodes, checkpoint.TensorNodeId);
        if (source < 0)
        {
            throw new InvalidPlanningInputException("checkpoint.TensorNodeId", $"node '{checkpoint.TensorNodeId}' is not among the candidates.");
        }

        return new PlanningProblem(job, options, stages, nodes, origin, checkpoint.ResumeStageIndex, source, checkpoint.TensorBytes, checkpoint.ElapsedMs);
    }

    public static long ToMicroseconds(double ms) => (long)Math.Round(ms * 1000.0, MidpointRounding.AwayFromZero);

    public int IndexOfNode(string id) => IndexOf(Nodes, id);

    public int OptionCount(int stage, int node) => optionCount[stageTemplate[stage] * NodeCount + node];

    public int OptionStart(int stage, int node) => optionStart[stageTemplate[stage] * NodeCount + node];

    public long OptionLatencyUs(int option) => optionLatencyUs[option];

    public long OptionCostPico(int option) => optionCostPico[option];

    /// <summary>Index into the node's <see cref="CandidateNode.Variants"/> of option <paramref name="relative"/> of (stage, node).</summary>
    public int OptionVariant(int stage, int node, int relative) => optionVariant[OptionStart(stage, node) + relative];

    /// <summary>Microseconds to move what stage <paramref name="intoStage"/> needs from node <paramref name="from"/> to <paramref name="to"/> (StageCount = the return of the output).</summary>
    public long Transfer(int intoStage, int from, int to) => transferUs[(transferRow[intoStage] * NodeCount + from) * NodeCount + to];

    public long BytesInto(int stage) => stage == Resume ? CheckpointBytes : Stages[stage - 1].OutputBytes;

    public bool IsUsable(ModelVariant variant, StageKind kind) =>
        variant.Stage == kind && (Job.AllowedVariants is null || Job.AllowedVariants.Contains(variant.Name));

    /// <summary>Execution time of a variant on a node, including the thermal throttle factor; at least 1 us.</summary>
    public long LatencyUs(int node, int variant)
    {
        var factor = Nodes[node].Battery is { ThermalThrottled: true } ? Options.ThermalLatencyFactor : 1.0;
        return Math.Max(1, ToMicroseconds(Nodes[node].Variants[variant].LatencyMs * factor));
    }

    /// <summary>Money (1e-12 units) for <paramref name="latencyUs"/> of compute on a node.</summary>
    public long CostPico(int node, long latencyUs) =>
        (long)Math.Round(latencyUs * Nodes[node].PricePerSecond * 1e6, MidpointRounding.AwayFromZero);

    /// <summary>
    /// A -> B costs RTT_A/2 + RTT_B/2 + bytes / min(bw_A, bw_B) (both links are crossed, the slower one limits);
    /// nothing moves on the same node.
    /// </summary>
    public static long TransferUs(NetworkLink a, NetworkLink b, long bytes, bool sameNode)
    {
        if (sameNode)
        {
            return 0;
        }

        var bandwidth = Math.Min(a.BandwidthBytesPerSecond, b.BandwidthBytesPerSecond);
        return ToMicroseconds((a.RttMs + b.RttMs) / 2.0 + bytes * 1000.0 / bandwidth);
    }

    /// <summary>Whether privacy pins stage <paramref name="stage"/> to the origin device.</summary>
    public bool IsPrivacyPinned(int stage) => Job.Privacy switch
    {
        PrivacyLevel.LocalOnly => true,
        PrivacyLevel.Strict => Stages[stage].TouchesPrivateInput,
        _ => false,
    };

    /// <summary>
    /// Which (stage, node) pairs a policy allows, as a flat [stage * NodeCount + node] mask.
    /// <paramref name="pool"/> is the cloud pool for CloudOnly and StaticSplit. Offline nodes and nodes without a usable
    /// variant are never allowed; a low-battery node only where the stage is pinned to it.
    /// </summary>
    public bool[] BuildMask(PlacementPolicy policy, int pool)
    {
        var k = NodeCount;
        var mask = new bool[StageCount * k];
        for (var i = Resume; i < StageCount; i++)
        {
            var privacyPinned = IsPrivacyPinned(i);
            var pinnedToOrigin = privacyPinned || policy switch
            {
                PlacementPolicy.DeviceOnly => true,
                PlacementPolicy.StaticSplit => Stages[i].Kind != StageKind.DenoiseStep,
                _ => false,
            };
            for (var n = 0; n < k; n++)
            {
                if (!Nodes[n].Online || OptionCount(i, n) == 0 || (LowBattery[n] && !pinnedToOrigin))
                {
                    continue;
                }

                mask[i * k + n] = pinnedToOrigin
                    ? n == Origin
                    : policy == PlacementPolicy.Hybrid || n == pool;
            }
        }

        return mask;
    }

    /// <summary>Simulates a full assignment (node and raw variant index per stage from Resume) and builds the plan.</summary>
    public PlacementPlan BuildPlan(PlacementPolicy policy, int[] nodeOf, int[] variantOf, ImmutableArray<PlanAlternative> alternatives)
    {
        var segments = ImmutableArray.CreateBuilder<StagePlacement>();
        var time = StartUs;
        var previous = Source;
        var totalCost = 0L;
        StageRun? open = null;
        for (var i = Resume; i < StageCount; i++)
        {
            var n = nodeOf[i];
            var v = variantOf[i];
            var transfer = Transfer(i, previous, n);
            var arrival = time + transfer;
            var start = Math.Max(arrival, AvailableUs[n]);
            var latency = LatencyUs(n, v);
            var cost = CostPico(n, latency);
            totalCost += cost;
            time = start + latency;
            var variantName = Nodes[n].Variants[v].Name;
            if (open is { } run && run.Node == n && run.Variant == variantName)
            {
                open = run with { Last = i, EndUs = time, ComputeUs = run.ComputeUs + latency, CostPico = run.CostPico + cost };
            }
            else
            {
                if (open is { } done)
                {
                    segments.Add(ToPlacement(done));
                }

                open = new StageRun(i, i, n, variantName, n == previous ? 0 : BytesInto(i), transfer, start - arrival, start, time, latency, cost);
            }

            previous = n;
        }

        segments.Add(ToPlacement(open!.Value));
        var returnUs = Transfer(StageCount, previous, Origin);
        var completion = time + returnUs;
        return new PlacementPlan(
            Job.Id,
            policy,
            Job.Privacy,
            Job.OriginDeviceId,
            segments.ToImmutable(),
            StartMs,
            Job.DeadlineMs,
            completion / 1000.0,
            totalCost / 1e12,
            previous == Origin ? 0 : Stages[StageCount - 1].OutputBytes,
            returnUs / 1000.0,
            alternatives.IsDefault ? [] : alternatives);
    }

    /// <summary>Completion (us) and cost (1e-12 units) of a full assignment, for exhaustive checks.</summary>
    public (long CompletionUs, long CostPico) Evaluate(ReadOnlySpan<int> nodeOf, ReadOnlySpan<int> variantOf)
    {
        var time = StartUs;
        var previous = Source;
        var total = 0L;
        for (var i = Resume; i < StageCount; i++)
        {
            var n = nodeOf[i];
            var latency = LatencyUs(n, variantOf[i]);
            time = Math.Max(time + Transfer(i, previous, n), AvailableUs[n]) + latency;
            total += CostPico(n, latency);
            previous = n;
        }

        return (time + Transfer(StageCount, previous, Origin), total);
    }

    private StagePlacement ToPlacement(StageRun run) => new(
        run.First,
        run.Last,
        Stages[run.First].Name,
        Stages[run.Last].Name,
        Nodes[run.Node].Id,
        Nodes[run.Node].Kind,
        run.Variant,
        run.TransferBytes,
        run.TransferUs / 1000.0,
        run.WaitUs / 1000.0,
        run.StartUs / 1000.0,
        run.EndUs / 1000.0,
        run.ComputeUs / 1000.0,
        run.CostPico / 1e12);

    private static int IndexOf(CandidateNode[] nodes, string id)
    {
        for (var i = 0; i < nodes.Length; i++)
        {
            if (string.Equals(nodes[i].Id, id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private readonly record struct StageRun(
        int First,
        int Last,
        int Node,
        string Variant,
        long TransferBytes,
        long TransferUs,
        long WaitUs,
        long StartUs,
        long EndUs,
        long ComputeUs,
        long CostPico);
}
