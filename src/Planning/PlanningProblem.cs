using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Globalization;

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

    /// <summary>Defined stage kinds (0 .. KindCount - 1), for tables indexed by kind.</summary>
    private const int KindCount = (int)StageKind.Decode + 1;

    private readonly int[] stageTemplate;
    private readonly int[] stageStep;
    private readonly int[] optionVariant;
    private readonly long[] optionLatencyUs;
    private readonly long[] optionCostPico;
    private readonly int[] templateTransferRow;
    private readonly long[] transferRowBytes;

    // Per transfer matrix: every entry filled, or (bit n) node n's row and column (the matrix is symmetric). Only
    // these say what a matrix holds: one taken from the scratch has stale entries.
    private readonly bool[] transferFull;
    private readonly ulong[] transferStars;
    private readonly long[]?[] transferMatrices;

    private PlanningProblem(
        PlacementJob job,
        PlannerOptions options,
        CandidateNode[] nodes,
        int origin,
        int resume,
        int source,
        string sourceId,
        long? checkpointBytes,
        double startMs,
        ProblemScratch? scratch)
    {
        Job = job;
        Options = options;
        Nodes = nodes;
        NodeCount = nodes.Length;
        var templates = job.Pipeline.Stages;
        var stageCount = job.Pipeline.StageCount(job.DenoiseSteps);
        StageCount = stageCount;
        if (resume >= stageCount)
        {
            throw new InvalidPlanningInputException("checkpoint.ResumeStageIndex", $"is {resume}; the job has stages 0..{stageCount - 1}.");
        }

        Origin = origin;
        Resume = resume;
        Source = source;
        if (source < 0)
        {
            throw new InvalidPlanningInputException("checkpoint.TensorNodeId", $"node '{sourceId}' is not among the candidates.");
        }

        StartMs = startMs;
        StartUs = ToMicroseconds(startMs);
        DeadlineUs = ToMicroseconds(job.DeadlineMs);

        (stageTemplate, stageStep) = scratch?.Stages(stageCount) ?? (new int[stageCount], new int[stageCount]);
        for (int t = 0, s = 0; t < templates.Length; t++)
        {
            var repeat = templates[t].Kind == StageKind.DenoiseStep ? job.DenoiseSteps : 1;
            for (var r = 0; r < repeat; r++, s++)
            {
                stageTemplate[s] = t;
                stageStep[s] = templates[t].Kind == StageKind.DenoiseStep ? r : -1;
            }
        }

        CheckpointBytes = checkpointBytes ?? templates[0].InputBytes;

        var k = NodeCount;
        var (availableUs, lowBattery, dominated, dominatedByPool) = scratch?.NodeTables(k) ?? (new long[k], new bool[k], new bool[k], new bool[k]);
        for (var n = 0; n < k; n++)
        {
            availableUs[n] = StartUs + ToMicroseconds(nodes[n].Queue.EstimatedWaitMs);
            var battery = nodes[n].Battery;
            lowBattery[n] = battery is { Charging: false } && battery.Level < options.LowBatteryThreshold;
        }

        AvailableUs = availableUs;
        LowBattery = lowBattery;

        // One option per (pipeline template, node): the fastest usable variant (ties: the first). Money is compute time x
        // the node's price, so on one node a slower variant is never cheaper and the fastest dominates every other.
        TemplateCount = templates.Length;
        var optionCount = templates.Length * k;
        (optionVariant, optionLatencyUs, optionCostPico) = scratch?.Options(optionCount) ?? (new int[optionCount], new long[optionCount], new long[optionCount]);
        FillOptions(nodes, templates, job.AllowedVariants, options.ThermalLatencyFactor, optionVariant, optionLatencyUs, optionCostPico);

        // Transfer matrices, one per distinct byte count: row 0 for the checkpoint, then per template output (the bytes
        // moving into a stage are its predecessor's output; into StageCount, the return). A matrix is filled when a
        // stage that reads it is first asked for (policies that pin stages never read some).
        (templateTransferRow, transferRowBytes, transferFull, transferStars, transferMatrices) = scratch?.Transfers(templates.Length)
            ?? (new int[templates.Length], new long[templates.Length + 1], new bool[templates.Length + 1], new ulong[templates.Length + 1], new long[]?[templates.Length + 1]);
        transferRowBytes[0] = CheckpointBytes;
        var rows = 1;
        for (var t = 0; t < templates.Length; t++)
        {
            var bytes = templates[t].OutputBytes;
            var row = transferRowBytes.AsSpan(0, rows).IndexOf(bytes);
            if (row < 0)
            {
                row = rows;
                transferRowBytes[rows++] = bytes;
            }

            templateTransferRow[t] = row;
        }

        transferFull.AsSpan(0, rows).Clear();
        transferStars.AsSpan(0, rows).Clear();

        dominated.AsSpan(0, k).Clear();
        dominatedByPool.AsSpan(0, k).Clear();
        Dominated = dominated;
        DominatedByPool = dominatedByPool;
        FindDominated();
    }

    public PlacementJob Job { get; }

    public PlannerOptions Options { get; }

    /// <summary>Candidates sorted by id (ordinal).</summary>
    public CandidateNode[] Nodes { get; }

    public int NodeCount { get; }

    public int StageCount { get; }

    /// <summary>Templates in the pipeline (rows of the option tables).</summary>
    public int TemplateCount { get; }

    public int Origin { get; }

    public int Resume { get; }

    /// <summary>Node holding the checkpoint (the origin for a fresh plan).</summary>
    public int Source { get; }

    public long CheckpointBytes { get; }

    public double StartMs { get; }

    public long StartUs { get; }

    public long DeadlineUs { get; }

    /// <summary>Absolute time (us since submission) a node has a free slot: start + queue wait estimate (per node; the
    /// per-node tables may be longer than <see cref="NodeCount"/>).</summary>
    public long[] AvailableUs { get; }

    public bool[] LowBattery { get; }

    /// <summary>
    /// Node is dominated: another online node is at least as fast and as cheap for every stage kind, free no later,
    /// with no worse RTT and bandwidth (ties: the lower id wins). Swapping it for the dominating node never makes a plan
    /// later or dearer, so the search can skip it without losing the optimum. Never set for the origin or the checkpoint node.
    /// </summary>
    public bool[] Dominated { get; }

    /// <summary>Like <see cref="Dominated"/>, by a cloud pool: such a pool need not be tried by single-pool policies.</summary>
    public bool[] DominatedByPool { get; }


    /// <summary>Latency (us) of the option per [template row + node] (see <see cref="TemplateRow"/>).</summary>
    public long[] OptionLatencies => optionLatencyUs;

    /// <summary>Money (1e-12 units) of the option per [template row + node].</summary>
    public long[] OptionCosts => optionCostPico;

    /// <summary>The template profile of stage <paramref name="stage"/> (its name is the template's).</summary>
    public StageProfile Stage(int stage) => Job.Pipeline.Stages[stageTemplate[stage]];

    /// <summary>Display name: the template's, with "[step]" for repeated denoise steps.</summary>
    public string StageName(int stage) => stageStep[stage] < 0
        ? Stage(stage).Name
        : StepNames.Of(Stage(stage).Name, stageStep[stage]);

    /// <summary>Index into the option tables for stage <paramref name="stage"/>: add the node index.</summary>
    public int TemplateRow(int stage) => stageTemplate[stage] * NodeCount;

    /// <summary>The [from * NodeCount + to] matrix (us) for what moves into <paramref name="intoStage"/> (StageCount: the return).</summary>
    public long[] TransferMatrix(int intoStage)
    {
        var row = TransferRow(intoStage);
        return transferFull[row] ? transferMatrices[row]! : FillTransferMatrix(row);
    }

    /// <summary>
    /// Like <see cref="TransferMatrix"/>, but only the entries from and to <paramref name="node"/> need be filled: for a
    /// stage whose data comes from one node (after a pinned stage) or goes to one (the return to the origin).
    /// </summary>
    public long[] TransferMatrixAround(int intoStage, int node)
    {
        var row = TransferRow(intoStage);
        return transferFull[row] || (transferStars[row] & StarBit(node)) != 0 ? transferMatrices[row]! : FillStar(row, node);
    }

    public static PlanningProblem Create(PlacementJob job, IReadOnlyList<CandidateNode> candidates, PlanCheckpoint? checkpoint, double elapsedMs, PlannerOptions options) =>
        Create(job, candidates, checkpoint, elapsedMs, options, null);

    /// <summary>
    /// Like <see cref="Create(PlacementJob, IReadOnlyList{CandidateNode}, PlanCheckpoint?, double, PlannerOptions)"/>; with
    /// <paramref name="scratch"/>, the tables live in it, so the problem must be dropped before the thread's next one is made.
    /// </summary>
    public static PlanningProblem Create(PlacementJob job, IReadOnlyList<CandidateNode> candidates, PlanCheckpoint? checkpoint, double elapsedMs, PlannerOptions options, ProblemScratch? scratch)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(options);
        // One copy in the caller's order (validation names candidates by their index), then sorted in place.
        var nodes = scratch?.Nodes(candidates.Count) ?? new CandidateNode[candidates.Count];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = candidates[i];
        }

        var originNode = PlanningInputValidator.Validate(job, nodes, checkpoint is null ? elapsedMs : 0);
        if (checkpoint is not null)
        {
            PlanningInputValidator.ValidateCheckpoint(checkpoint);
        }

        // Sorted by ordinal id (insertion sort: a handful of nodes, no delegate).
        for (var i = 1; i < nodes.Length; i++)
        {
            var node = nodes[i];
            var at = i;
            while (at > 0 && string.CompareOrdinal(nodes[at - 1].Id, node.Id) > 0)
            {
                nodes[at] = nodes[at - 1];
                at--;
            }

            nodes[at] = node;
        }

        // The validator found the origin's candidate; ids are unique, so it is found again by reference.
        var origin = 0;
        while (!ReferenceEquals(nodes[origin], originNode))
        {
            origin++;
        }

        return checkpoint is null
            ? new PlanningProblem(job, options, nodes, origin, 0, origin, job.OriginDeviceId, null, elapsedMs, scratch)
            : new PlanningProblem(job, options, nodes, origin, checkpoint.ResumeStageIndex, IndexOf(nodes, checkpoint.TensorNodeId), checkpoint.TensorNodeId, checkpoint.TensorBytes, checkpoint.ElapsedMs, scratch);
    }

    public static long ToMicroseconds(double ms) => RoundAwayFromZero(ms * 1000.0);

    public int IndexOfNode(string id) => IndexOf(Nodes, id);

    /// <summary>Whether the node holds a usable variant for the stage.</summary>
    public bool HasOption(int stage, int node) => optionVariant[stageTemplate[stage] * NodeCount + node] >= 0;

    /// <summary>Index into the node's <see cref="CandidateNode.Variants"/> of the variant the stage runs with there.</summary>
    public int OptionVariant(int stage, int node) => optionVariant[stageTemplate[stage] * NodeCount + node];

    /// <summary>Microseconds to move what stage <paramref name="intoStage"/> needs from node <paramref name="from"/> to <paramref name="to"/> (StageCount = the return of the output).</summary>
    public long Transfer(int intoStage, int from, int to)
    {
        if (from == to)
        {
            return 0;
        }

        var row = TransferRow(intoStage);
        var filled = transferFull[row] || (transferStars[row] & (StarBit(from) | StarBit(to))) != 0;
        return (filled ? transferMatrices[row]! : FillStar(row, from))[from * NodeCount + to];
    }

    public long BytesInto(int stage) => stage == Resume ? CheckpointBytes : Stage(stage - 1).OutputBytes;

    /// <summary>Execution time of a variant on a node, including the thermal throttle factor; at least 1 us.</summary>
    public long LatencyUs(int node, int variant)
    {
        return VariantLatencyUs(Nodes[node].Variants[variant], LatencyFactor(Nodes[node], Options.ThermalLatencyFactor));
    }

    /// <summary>What a node's latencies are multiplied by: the throttle factor while it reports thermal throttling.</summary>
    private static double LatencyFactor(CandidateNode node, double thermalFactor) => node.Battery is { ThermalThrottled: true } ? thermalFactor : 1.0;

    /// <summary>A variant's latency (us) at a thermal factor; at least 1 us. The one formula for the option tables and <see cref="LatencyUs"/>.</summary>
    private static long VariantLatencyUs(ModelVariant variant, double factor) => Math.Max(1, ToMicroseconds(variant.LatencyMs * factor));

    /// <summary>Money (1e-12 units) for <paramref name="latencyUs"/> of compute on a node.</summary>
    public long CostPico(int node, long latencyUs) =>
        RoundAwayFromZero(latencyUs * Nodes[node].PricePerSecond * 1e6);

    /// <summary>
    /// A -> B costs RTT_A/2 + RTT_B/2 + bytes / min(bw_A, bw_B) (both links are crossed, the slower one limits);
    /// nothing moves on the same node.
    /// </summary>
    /// <summary>
    /// Math.Round(x, MidpointRounding.AwayFromZero) as the runtime computes it (truncate x + the largest double below 0.5,
    /// with x's sign), without the mode dispatch: this runs a few hundred times per plan.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long RoundAwayFromZero(double x) => (long)Math.Truncate(x + Math.CopySign(0.49999999999999994, x));

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
        PrivacyLevel.Strict => Stage(stage).TouchesPrivateInput,
        _ => false,
    };

    /// <summary>
    /// Which nodes a policy allows for each stage from Resume, as compact lists nodes[start[i] .. start[i + 1])
    /// (<paramref name="start"/> holds StageCount + 1 entries, <paramref name="nodes"/> StageCount x NodeCount).
    /// <paramref name="pool"/> is the cloud pool for CloudOnly and StaticSplit. Offline nodes and nodes without a usable
    /// variant are never allowed; a low-battery node only where the stage is pinned to it. False when a stage has none.
    /// </summary>
    public bool AllowedNodes(PlacementPolicy policy, int pool, int[] nodes, int[] start)
    {
        var k = NodeCount;
        var templates = Job.Pipeline.Stages;
        var count = 0;
        var everyStage = true;
        var rowTemplate = -1;
        var rowStart = 0;
        var rowLength = 0;
        for (var i = Resume; i < StageCount; i++)
        {
            start[i] = count;
            var t = stageTemplate[i];
            if (t == rowTemplate)
            {
                // Eligibility depends only on the stage's template: a run of equal templates copies the first list.
                Array.Copy(nodes, rowStart, nodes, count, rowLength);
                count += rowLength;
                continue;
            }

            rowTemplate = t;
            var privacyPinned = Job.Privacy switch
            {
                PrivacyLevel.LocalOnly => true,
                PrivacyLevel.Strict => templates[t].TouchesPrivateInput,
                _ => false,
            };
            var pinnedToOrigin = privacyPinned || policy switch
            {
                PlacementPolicy.DeviceOnly => true,
                PlacementPolicy.StaticSplit => templates[t].Kind != StageKind.DenoiseStep,
                _ => false,
            };
            for (var n = 0; n < k; n++)
            {
                var allowed = !(!Nodes[n].Online || optionVariant[t * k + n] < 0 || (LowBattery[n] && !pinnedToOrigin) || (policy == PlacementPolicy.Hybrid && Dominated[n]))
                    && (pinnedToOrigin ? n == Origin : policy == PlacementPolicy.Hybrid || n == pool);
                if (allowed)
                {
                    nodes[count++] = n;
                }
            }

            rowStart = start[i];
            rowLength = count - rowStart;
            everyStage &= rowLength > 0;
        }

        start[StageCount] = count;
        return everyStage;
    }

    /// <summary>
    /// Simulates a full assignment (node and raw variant index per stage from Resume) and builds the plan;
    /// <paramref name="variantOf"/> null: each stage runs the option's variant on its node (the search's choices).
    /// </summary>
    public PlacementPlan BuildPlan(PlacementPolicy policy, int[] nodeOf, int[]? variantOf, ImmutableArray<PlanAlternative> alternatives)
    {
        // Consecutive stages on a node with equally named variants form one segment (also across stage kinds).
        var segmentCount = 1;
        for (var i = Resume + 1; i < StageCount; i++)
        {
            if (StartsSegment(i, nodeOf, variantOf))
            {
                segmentCount++;
            }
        }

        var segments = new StagePlacement[segmentCount];
        var segment = 0;
        var time = StartUs;
        var previous = Source;
        var totalCost = 0L;
        var run = default(StageRun);
        for (var i = Resume; i < StageCount; i++)
        {
            var n = nodeOf[i];
            var option = stageTemplate[i] * NodeCount + n;
            var v = variantOf?[i] ?? optionVariant[option];
            var transfer = n == previous ? 0 : Transfer(i, previous, n);
            var arrival = time + transfer;
            var start = Math.Max(arrival, AvailableUs[n]);

            // The planner's choices are the option tables' variants; Evaluate may pass any variant.
            var isOption = v == optionVariant[option];
            var latency = isOption ? optionLatencyUs[option] : LatencyUs(n, v);
            var cost = isOption ? optionCostPico[option] : CostPico(n, latency);
            totalCost += cost;
            time = start + latency;
            if (i > Resume && !StartsSegment(i, nodeOf, variantOf))
            {
                run.Last = i;
                run.EndUs = time;
                run.ComputeUs += latency;
                run.CostPico += cost;
            }
            else
            {
                if (i > Resume)
                {
                    segments[segment++] = ToPlacement(run);
                }

                run = new StageRun
                {
                    First = i,
                    Last = i,
                    Node = n,
                    Variant = Nodes[n].Variants[v].Name,
                    TransferBytes = n == previous ? 0 : BytesInto(i),
                    TransferUs = transfer,
                    WaitUs = start - arrival,
                    StartUs = start,
                    EndUs = time,
                    ComputeUs = latency,
                    CostPico = cost,
                };
            }

            previous = n;
        }

        segments[segment] = ToPlacement(run);
        var returnUs = Transfer(StageCount, previous, Origin);
        var completion = time + returnUs;
        return new PlacementPlan(
            Job.Id,
            policy,
            Job.Privacy,
            Job.OriginDeviceId,
            ImmutableCollectionsMarshal.AsImmutableArray(segments),
            StartMs,
            Job.DeadlineMs,
            completion / 1000.0,
            totalCost / 1e12,
            previous == Origin ? 0 : Stage(StageCount - 1).OutputBytes,
            returnUs / 1000.0,
            alternatives.IsDefault ? [] : alternatives);
    }

    /// <summary>
    /// Whether stage <paramref name="i"/> (after Resume) starts a segment: it runs on another node than the stage before,
    /// or with a differently named variant. The same variant index on the same node is the same name, so names are
    /// compared only where the indices differ (e.g. two stage kinds' variants that share a name).
    /// </summary>
    private bool StartsSegment(int i, int[] nodeOf, int[]? variantOf)
    {
        var n = nodeOf[i];
        if (n != nodeOf[i - 1])
        {
            return true;
        }

        var v = variantOf?[i] ?? optionVariant[stageTemplate[i] * NodeCount + n];
        var before = variantOf?[i - 1] ?? optionVariant[stageTemplate[i - 1] * NodeCount + n];
        var variants = Nodes[n].Variants;
        return v != before && !string.Equals(variants[v].Name, variants[before].Name, StringComparison.Ordinal);
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

    /// <summary>
    /// The fastest usable variant per (template, node), with its latency and money; -1 where there is none (ties: the
    /// first). Templates of one stage kind share it, so one pass over a node's variants keeps the fastest per kind.
    /// </summary>
    private static void FillOptions(CandidateNode[] nodes, ImmutableArray<StageProfile> templates, ImmutableHashSet<string>? allowed, double thermalFactor, int[] optionVariant, long[] optionLatencyUs, long[] optionCostPico)
    {
        var k = nodes.Length;
        var fastest = default(PerKind<int>);
        var fastestUs = default(PerKind<long>);
        for (var n = 0; n < k; n++)
        {
            var node = nodes[n];
            var factor = LatencyFactor(node, thermalFactor);
            ((Span<int>)fastest).Fill(-1);
            var variants = node.Variants;
            for (var v = 0; v < variants.Length; v++)
            {
                var variant = variants[v];
                var kind = (uint)variant.Stage;
                if (kind >= KindCount || (allowed is not null && !IsAllowed(allowed, variant.Name)))
                {
                    continue; // a kind outside the enum is looked up per template below
                }

                var latency = VariantLatencyUs(variant, factor);
                if (fastest[(int)kind] < 0 || latency < fastestUs[(int)kind])
                {
                    fastest[(int)kind] = v;
                    fastestUs[(int)kind] = latency;
                }
            }

            for (var t = 0; t < templates.Length; t++)
            {
                var kind = (uint)templates[t].Kind;
                var (best, bestUs) = kind < KindCount
                    ? (fastest[(int)kind], fastestUs[(int)kind])
                    : FastestOfKind(variants, templates[t].Kind, allowed, factor);
                var option = t * k + n;
                optionVariant[option] = best;
                if (best >= 0)
                {
                    optionLatencyUs[option] = bestUs;
                    optionCostPico[option] = RoundAwayFromZero(bestUs * node.PricePerSecond * 1e6);
                }
            }
        }
    }

    /// <summary>The quality floor's check, out of line: inlined, the hash set's lookup would crowd FillOptions' loop.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsAllowed(ImmutableHashSet<string> allowed, string name) => allowed.Contains(name);

    /// <summary>Like FillOptions' pass, for a stage kind outside the enum (the inputs do not check kinds): only variants of that value match.</summary>
    private static (int Variant, long LatencyUs) FastestOfKind(ImmutableArray<ModelVariant> variants, StageKind kind, ImmutableHashSet<string>? allowed, double factor)
    {
        var best = -1;
        var bestUs = 0L;
        for (var v = 0; v < variants.Length; v++)
        {
            if (variants[v].Stage != kind || (allowed is not null && !allowed.Contains(variants[v].Name)))
            {
                continue;
            }

            var latency = VariantLatencyUs(variants[v], factor);
            if (best < 0 || latency < bestUs)
            {
                best = v;
                bestUs = latency;
            }
        }

        return (best, bestUs);
    }

    /// <summary>
    /// Symmetric (the sum of the RTTs and the slower bandwidth do not depend on the direction), 0 on the diagonal.
    /// bytes / min(bw_A, bw_B) is one of the two nodes' own quotients, so k divisions per matrix suffice (bit-identical
    /// to <see cref="TransferUs"/>, which the tests compare with this table).
    /// </summary>
    private long[] FillTransferMatrix(int row)
    {
        var k = NodeCount;
        var bytes = transferRowBytes[row];
        Span<double> quotient = k <= 128 ? stackalloc double[k] : new double[k];
        Span<double> rtt = k <= 128 ? stackalloc double[k] : new double[k];
        Span<double> bandwidth = k <= 128 ? stackalloc double[k] : new double[k];
        for (var n = 0; n < k; n++)
        {
            var link = Nodes[n].Link;
            rtt[n] = link.RttMs;
            bandwidth[n] = link.BandwidthBytesPerSecond;
            quotient[n] = bytes * 1000.0 / link.BandwidthBytesPerSecond;
        }

        var table = Matrix(row);
        for (var a = 0; a < k; a++)
        {
            table[a * k + a] = 0;
            for (var b = a + 1; b < k; b++)
            {
                var slower = bandwidth[a] <= bandwidth[b] ? quotient[a] : quotient[b];
                table[a * k + b] = table[b * k + a] = ToMicroseconds((rtt[a] + rtt[b]) / 2.0 + slower);
            }
        }

        transferFull[row] = true;
        return table;
    }

    /// <summary>Fills node <paramref name="a"/>'s row and column of a matrix, with the same arithmetic as <see cref="FillTransferMatrix"/>.</summary>
    private long[] FillStar(int row, int a)
    {
        var k = NodeCount;
        if (k > 64)
        {
            return FillTransferMatrix(row); // the star bits cover 64 nodes
        }

        var bytes = transferRowBytes[row];
        var table = transferStars[row] == 0 ? Matrix(row) : transferMatrices[row]!;
        var linkA = Nodes[a].Link;
        table[a * k + a] = 0;
        for (var b = 0; b < k; b++)
        {
            if (b == a)
            {
                continue;
            }

            var linkB = Nodes[b].Link;
            var slower = linkA.BandwidthBytesPerSecond <= linkB.BandwidthBytesPerSecond
                ? bytes * 1000.0 / linkA.BandwidthBytesPerSecond
                : bytes * 1000.0 / linkB.BandwidthBytesPerSecond;
            table[a * k + b] = table[b * k + a] = ToMicroseconds((linkA.RttMs + linkB.RttMs) / 2.0 + slower);
        }

        transferStars[row] |= StarBit(a);
        return table;
    }

    /// <summary>
    /// Room for matrix <paramref name="row"/>, contents stale (the fills write every entry they cover, the diagonal's
    /// zeros too): the scratch's matrix, or a new one where there is none of the size yet.
    /// </summary>
    private long[] Matrix(int row)
    {
        var size = NodeCount * NodeCount;
        var table = transferMatrices[row];
        if (table is null || table.Length < size)
        {
            transferMatrices[row] = table = new long[size];
        }

        return table;
    }

    private static ulong StarBit(int node) => node < 64 ? 1UL << node : 0;

    private int TransferRow(int intoStage) => intoStage == Resume ? 0 : templateTransferRow[stageTemplate[intoStage - 1]];

    private StagePlacement ToPlacement(StageRun run) => new(
        run.First,
        run.Last,
        StageName(run.First),
        StageName(run.Last),
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

    private void FindDominated()
    {
        var k = NodeCount;
        Span<double> rtt = k <= 128 ? stackalloc double[k] : new double[k];
        Span<double> bandwidth = k <= 128 ? stackalloc double[k] : new double[k];
        for (var n = 0; n < k; n++)
        {
            rtt[n] = Nodes[n].Link.RttMs;
            bandwidth[n] = Nodes[n].Link.BandwidthBytesPerSecond;
        }

        for (var x = 0; x < k; x++)
        {
            if (x == Origin || x == Source || !Nodes[x].Online)
            {
                continue; // never skipped
            }

            for (var y = 0; y < k && !(Dominated[x] && DominatedByPool[x]); y++)
            {
                // y must be online, free no later, with no worse link, and not be kept for pinned stages only.
                if (y == x || !Nodes[y].Online || (LowBattery[y] && !LowBattery[x]) || AvailableUs[y] > AvailableUs[x] || rtt[y] > rtt[x] || bandwidth[y] < bandwidth[x])
                {
                    continue;
                }

                var strictly = AvailableUs[y] < AvailableUs[x] || rtt[y] < rtt[x] || bandwidth[y] > bandwidth[x];
                if (OptionsCover(y, x, ref strictly) && (strictly || y < x))
                {
                    // Identical nodes: the lower id (index) stays.
                    Dominated[x] = true;
                    DominatedByPool[x] |= Nodes[y].Kind == NodeKind.CloudPool;
                }
            }
        }
    }

    /// <summary>Whether y's option is at least as fast and as cheap as x's for every template x can run; notes a strict gain.</summary>
    private bool OptionsCover(int y, int x, ref bool strictly)
    {
        var k = NodeCount;
        for (var t = 0; t < TemplateCount; t++)
        {
            if (optionVariant[t * k + x] < 0)
            {
                strictly |= optionVariant[t * k + y] >= 0;
                continue;
            }

            var ly = optionLatencyUs[t * k + y];
            var lx = optionLatencyUs[t * k + x];
            var cy = optionCostPico[t * k + y];
            var cx = optionCostPico[t * k + x];
            if (optionVariant[t * k + y] < 0 || ly > lx || cy > cx)
            {
                return false;
            }

            strictly |= ly < lx || cy < cx;
        }

        return true;
    }

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

    /// <summary>The segment being built: consecutive stages on one node with one variant.</summary>
    private struct StageRun
    {
        public int First;
        public int Last;
        public int Node;
        public string Variant;
        public long TransferBytes;
        public long TransferUs;
        public long WaitUs;
        public long StartUs;
        public long EndUs;
        public long ComputeUs;
        public long CostPico;
    }

    /// <summary>One entry per defined stage kind, on the stack.</summary>
    [InlineArray(KindCount)]
    private struct PerKind<T>
    {
        private T element;
    }
}
