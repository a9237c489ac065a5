namespace HybridAI.Planning;

/// <summary>
/// The calling thread's reusable tables for one <see cref="PlanningProblem"/> at a time (stage templates, options,
/// transfer matrices), so a plan allocates only what it returns plus a few small arrays. Only a problem that is dropped
/// before the thread's next one is created may use it (the planner's entry points); every table is written before it
/// is read, so nothing carries over between calls.
/// </summary>
internal sealed class ProblemScratch
{
    [ThreadStatic]
    private static ProblemScratch? current;

    private int[] stageTemplate = [];
    private int[] stageStep = [];
    private int[] optionVariant = [];
    private long[] optionLatency = [];
    private long[] optionCost = [];
    private long[][] matrices = [];

    public static ProblemScratch ForThread() => current ??= new ProblemScratch();

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

    /// <summary>Transfer matrix number <paramref name="row"/>, at least <paramref name="size"/> entries, contents stale.</summary>
    public long[] Matrix(int row, int size)
    {
        if (matrices.Length <= row)
        {
            Array.Resize(ref matrices, row + 1);
        }

        var matrix = matrices[row];
        if (matrix is null || matrix.Length < size)
        {
            matrices[row] = matrix = new long[size];
        }

        return matrix;
    }
}
