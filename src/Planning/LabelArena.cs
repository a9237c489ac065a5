namespace HybridAI.Planning;

/// <summary>Growable column storage for search labels (time, money, parent label, node).</summary>
internal sealed class LabelArena(int capacity)
{
    public long[] Time { get; private set; } = new long[capacity];

    public long[] Cost { get; private set; } = new long[capacity];

    public int[] Parent { get; private set; } = new int[capacity];

    public int[] Node { get; private set; } = new int[capacity];

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    /// <summary>After writing labels straight into the columns (room made by <see cref="EnsureRoom"/>).</summary>
    public void SetCount(int count) => Count = count;

    /// <summary>Makes room for <paramref name="more"/> labels, so that the next adds need no growth check.</summary>
    public void EnsureRoom(int more)
    {
        if (Count + more > Time.Length)
        {
            var size = Math.Max(Count + more, Time.Length * 2);
            Time = Grow(Time, size);
            Cost = Grow(Cost, size);
            Parent = Grow(Parent, size);
            Node = Grow(Node, size);
        }
    }

    public void Add(long time, long cost, int parent, int node)
    {
        EnsureRoom(1);
        Time[Count] = time;
        Cost[Count] = cost;
        Parent[Count] = parent;
        Node[Count] = node;
        Count++;
    }

    private static T[] Grow<T>(T[] items, int size)
    {
        var grown = new T[size];
        Array.Copy(items, grown, items.Length);
        return grown;
    }
}
