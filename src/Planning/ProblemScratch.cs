namespace HybridAI.Planning;

/// <summary>
/// The calling thread's reusable tables for one <see cref="PlanningProblem"/> at a time (the sorted candidates, stage
/// templates, per-node figures, options, transfer matrices), so a plan allocates little more than what it returns.
/// Only a problem that is dropped before the thread's next one is created may use it (the planner's entry points).
/// Tables may be longer than the problem needs and hold stale entries: the problem writes every entry it reads.
/// </summary>
internal sealed class ProblemScratch
{
    [ThreadStatic]
    private static ProblemScratch? current;

    private CandidateNode[] nodes = [];
    private int[] stageTemplate = [];
    private int[] stageStep = [];
    private long[] availableUs = [];
    private bool[] lowBattery = [];
    private bool[] dominated = [];
    private bool[] dominatedByPool = [];
    private int[] optionVariant = [];
    private long[] optionLatency = [];
    private long[] optionCost = [];
    private int[] templateTransferRow = [];
    private long[] transferRowBytes = [];
    private bool[] transferFull = [];
    private ulong[] transferStars = [];
    private long[]?[] matrices = [];

    public static ProblemScratch ForThread() => current ??= new ProblemScratch();

    /// <summary>
    /// An array of exactly <paramref name="count"/> entries for the sorted candidates (its length is the node count).
    /// It keeps the thread's last candidates reachable until the next plan overwrites them: a few small records.
    /// </summary>
    public CandidateNode[] Nodes(int count)
    {
        if (nodes.Length != count)
        {
            nodes = new CandidateNode[count];
        }

        return nodes;
    }

    /// <summary>Two tables of at least <paramref name="stages"/> entries: template and denoise step per stage.</summary>
    public (int[] Template, int[] Step) Stages(int stages)
    {
        if (stageTemplate.Length < stages)
        {
            stageTemplate = new int[stages];
            stageStep = new int[stages];
        }

        return (stageTemplate, stageStep);
    }

    /// <summary>Four tables of at least <paramref name="count"/> entries: slot-free time, low battery and the two dominance flags per node.</summary>
    public (long[] AvailableUs, bool[] LowBattery, bool[] Dominated, bool[] DominatedByPool) NodeTables(int count)
    {
        if (availableUs.Length < count)
        {
            availableUs = new long[count];
            lowBattery = new bool[count];
            dominated = new bool[count];
            dominatedByPool = new bool[count];
        }

        return (availableUs, lowBattery, dominated, dominatedByPool);
    }

    /// <summary>Three tables of at least <paramref name="options"/> entries: variant, latency and money per option.</summary>
    public (int[] Variant, long[] Latency, long[] Cost) Options(int options)
    {
        if (optionVariant.Length < options)
        {
            optionVariant = new int[options];
            optionLatency = new long[options];
            optionCost = new long[options];
        }

        return (optionVariant, optionLatency, optionCost);
    }

    /// <summary>
    /// The transfer tables for <paramref name="templates"/> templates (at most templates + 1 distinct byte counts): the
    /// row per template's output, then per row its bytes, fill state and matrix. The matrices keep their stale contents
    /// and may be too small or missing: the problem replaces those it needs (see <c>PlanningProblem.Matrix</c>).
    /// </summary>
    public (int[] TemplateRow, long[] RowBytes, bool[] Full, ulong[] Stars, long[]?[] Matrices) Transfers(int templates)
    {
        if (templateTransferRow.Length < templates)
        {
            templateTransferRow = new int[templates];
            transferRowBytes = new long[templates + 1];
            transferFull = new bool[templates + 1];
            transferStars = new ulong[templates + 1];
            Array.Resize(ref matrices, templates + 1);
        }

        return (templateTransferRow, transferRowBytes, transferFull, transferStars, matrices);
    }
}
