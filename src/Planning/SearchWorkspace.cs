namespace HybridAI.Planning;

/// <summary>
/// Scratch arrays for one search, reused by the next search on the same thread to keep planning allocation-light.
/// Holds no results between calls: every search overwrites what it reads.
/// </summary>
internal sealed class SearchWorkspace
{
    [ThreadStatic]
    private static SearchWorkspace? current;

    public long[] FastTime { get; private set; } = [];
    public long[] FastCost { get; private set; } = [];
    public int[] FastPrev { get; private set; } = [];
    public StateBound[] States { get; private set; } = [];
    public int[] CheapNext { get; private set; } = [];
    public int[] LagrangeNext { get; private set; } = [];
    public int[] Eligible { get; private set; } = [];
    public int[] EligibleStart { get; private set; } = [];
    public int[] PathNode { get; private set; } = [];
    public Part[] Parts { get; private set; } = [];
    public int[] CheapParts { get; private set; } = [];
    public LabelArena Labels { get; } = new(256);
    public MergeHead[] Heads { get; private set; } = [];

    /// <summary>nodes x nodes zeros (never written): the transfers between a node and itself.</summary>
    public long[] ZeroMatrix { get; private set; } = [];
    public ActiveState[] ActiveA { get; private set; } = [];
    public ActiveState[] ActiveB { get; private set; } = [];

    /// <summary>The calling thread's workspace, sized for <paramref name="states"/> (layers x nodes) and <paramref name="stages"/>.</summary>
    public static SearchWorkspace For(int states, int stages, int nodes)
    {
        var workspace = current ??= new SearchWorkspace();
        workspace.Ensure(states, stages, nodes);
        workspace.Labels.Clear();
        return workspace;
    }

    private void Ensure(int states, int stages, int nodes)
    {
        if (FastTime.Length < states)
        {
            FastTime = new long[states];
            FastCost = new long[states];
            FastPrev = new int[states];
            States = new StateBound[states];
            CheapNext = new int[states];
            LagrangeNext = new int[states];
        }

        if (PathNode.Length < stages)
        {
            PathNode = new int[stages];
            EligibleStart = new int[stages + 1];
        }

        if (Parts.Length < nodes)
        {
            ActiveA = new ActiveState[nodes];
            ActiveB = new ActiveState[nodes];
            Heads = new MergeHead[nodes];
            ZeroMatrix = new long[nodes * nodes];
            Parts = new Part[nodes];
            CheapParts = new int[nodes];
        }

        if (Eligible.Length < stages * nodes)
        {
            Eligible = new int[stages * nodes];
        }

        if (EligibleStart.Length < stages + 1)
        {
            EligibleStart = new int[stages + 1];
        }
    }

    /// <summary>A predecessor list being merged into a state: its next candidate label, (time, money) there, and the list's end.</summary>
    internal struct MergeHead
    {
        public long Time;
        public long Cost;
        public long Transfer;
        public int Label;
        public int End;
    }

    /// <summary>
    /// The backward pass's figures for one state, together so that a state's bounds are one read: lower bounds (A, B)
    /// on the time to finish, the exact least money, the least-money continuation's exact (A, B), W_lambda, and the
    /// Lagrangian continuation's exact (A, B) and money.
    /// </summary>
    internal struct StateBound
    {
        public long A;
        public long B;
        public long LeastCost;
        public long CheapA;
        public long CheapB;
        public double W;
        public long LagrangeA;
        public long LagrangeB;
        public long LagrangeCost;
    }

    /// <summary>
    /// What a backward-pass layer needs of one next-stage node, independent of the current node: its compute plus the
    /// time bound after it (A), least money after it (Cost), the least-money continuation's (A, B), and money +
    /// lambda x compute + W after it (Value).
    /// </summary>
    internal struct Part
    {
        public int Node;
        public long A;
        public long Cost;
        public long CheapA;
        public long CheapB;
        public double Value;

        /// <summary>Compute plus the Lagrangian continuation's A after it; that continuation's B and money from this node.</summary>
        public long LagrangeA;
        public long LagrangeB;
        public long LagrangeCost;
    }

    /// <summary>A state of the previous layer that kept labels [Start, End), with their least money + lambda x time.</summary>
    internal readonly record struct ActiveState(int Node, int Start, int End, double MinLagrange);
}
