namespace HybridAI.Planning;

/// <summary>The optimum the search found: node per stage (from the resume stage; the option is the node's), in integer units.</summary>
internal sealed class SearchResult(int[] nodeOf, long completionUs, long costPico, int labels)
{
    public int[] NodeOf { get; } = nodeOf;

    public long CompletionUs { get; } = completionUs;

    public long CostPico { get; } = costPico;

    /// <summary>Labels kept during the search (a measure of its work).</summary>
    public int Labels { get; } = labels;

    /// <summary>Lexicographic objective: on time before late; on time -> cheaper then sooner; late -> sooner then cheaper.</summary>
    public bool IsBetterThan(SearchResult other, long deadlineUs)
    {
        var late = CompletionUs > deadlineUs;
        if (late != other.CompletionUs > deadlineUs)
        {
            return !late;
        }

        return late
            ? CompletionUs < other.CompletionUs || (CompletionUs == other.CompletionUs && CostPico < other.CostPico)
            : CostPico < other.CostPico || (CostPico == other.CostPico && CompletionUs < other.CompletionUs);
    }
}
