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

    public void Add(long time, long cost, int parent, int node)
    {
        if (Count == Time.Length)
        {
            var size = Count * 2;
            Time = Grow(Time, size);
            Cost = Grow(Cost, size);
            Parent = Grow(Parent, size);
            Node = Grow(Node, size);
        }

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
