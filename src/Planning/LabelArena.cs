namespace HybridAI.Planning;

/// <summary>
/// Growable storage for search labels. One array of structs: the search reads a label's time and money together and
/// writes all four fields at once, so one array (one base and one bound) serves where four columns needed four.
/// </summary>
internal sealed class LabelArena(int capacity)
{
    public Label[] Items { get; private set; } = new Label[capacity];

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    /// <summary>After writing labels straight into <see cref="Items"/> (room made by <see cref="EnsureRoom"/>).</summary>
    public void SetCount(int count) => Count = count;

    /// <summary>Makes room for <paramref name="more"/> labels, so that the next writes need no growth check.</summary>
    public void EnsureRoom(int more)
    {
        if (Count + more > Items.Length)
        {
            var grown = new Label[Math.Max(Count + more, Items.Length * 2)];
            Array.Copy(Items, grown, Count);
            Items = grown;
        }
    }

    public void Add(long time, long cost, int parent, int node)
    {
        EnsureRoom(1);
        Items[Count++] = new Label(time, cost, parent, node);
    }

    /// <summary>A Pareto label: reached at <c>Time</c> having spent <c>Cost</c>, from label <c>Parent</c>, on <c>Node</c>.</summary>
    internal readonly record struct Label(long Time, long Cost, int Parent, int Node);
}
