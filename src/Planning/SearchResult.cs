namespace HybridAI.Planning;

/// <summary>The optimum the search found: node and option per stage (from the resume stage), in integer units.</summary>
internal sealed class SearchResult(int[] nodeOf, int[] optionOf, long completionUs, long costPico, int labels)
{
    public int[] NodeOf { get; } = nodeOf;

    /// <summary>Option index relative to the (stage, node) option list.</summary>
    public int[] OptionOf { get; } = optionOf;

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
