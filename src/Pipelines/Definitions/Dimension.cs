namespace HybridAI.Pipelines.Definitions;

/// <summary>A tensor dimension: a fixed size, or a symbol (e.g. "batch") that any size satisfies.</summary>
public readonly record struct Dimension(long? Size, string? Symbol)
{
    public static Dimension Fixed(long size) => new(size, null);

    public static Dimension Symbolic(string symbol) => new(null, symbol);

    public bool IsFixed => Size is not null;

    public bool Accepts(long actual) => Size is null ? actual >= 0 : Size == actual;

    public override string ToString() => Size?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Symbol ?? "?";
}
