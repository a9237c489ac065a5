using System.Text.Json;

namespace HybridAI.Simulator.Scenarios;

/// <summary>Reads typed fields from a JSON object; every failure names the field by its JSON path.</summary>
internal readonly struct JsonFields(JsonElement element, string path, string source)
{
    public string Path { get; } = path;

    public string Source { get; } = source;

    public JsonElement Element { get; } = element;

    public bool Has(string name) => Element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public JsonFields Object(string name)
    {
        var v = Required(name);
        if (v.ValueKind != JsonValueKind.Object)
        {
            throw Fail(name, $"must be an object, not {v.ValueKind}.");
        }

        return new JsonFields(v, Join(name), Source);
    }

    public IReadOnlyList<JsonFields> Objects(string name, int minCount = 0)
    {
        var v = Required(name);
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw Fail(name, $"must be an array, not {v.ValueKind}.");
        }

        var list = new List<JsonFields>();
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidScenarioException(Source, $"{Join(name)}[{i}]", $"must be an object, not {item.ValueKind}.");
            }

            list.Add(new JsonFields(item, $"{Join(name)}[{i}]", Source));
            i++;
        }

        if (list.Count < minCount)
        {
            throw Fail(name, $"has {list.Count} entries; at least {minCount} needed.");
        }

        return list;
    }

    public IReadOnlyList<string> Strings(string name, int minCount = 0)
    {
        var v = Required(name);
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw Fail(name, $"must be an array of strings, not {v.ValueKind}.");
        }

        var list = new List<string>();
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
            {
                throw Fail(name, "must contain only non-empty strings.");
            }

            list.Add(item.GetString()!);
        }

        if (list.Count < minCount)
        {
            throw Fail(name, $"has {list.Count} entries; at least {minCount} needed.");
        }

        return list;
    }

    public string String(string name)
    {
        var v = Required(name);
        if (v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()))
        {
            throw Fail(name, "must be a non-empty string.");
        }

        return v.GetString()!;
    }

    public double Number(string name, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        var v = Required(name);
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d))
        {
            throw Fail(name, $"must be a finite number, not {Describe(v)}.");
        }

        if (d < min || d > max)
        {
            throw Fail(name, $"is {d}; it must be in [{min}, {max}].");
        }

        return d;
    }

    public bool Boolean(string name)
    {
        var v = Required(name);
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Fail(name, $"must be true or false, not {Describe(v)}."),
        };
    }

    public double Number(string name, double fallback, double min, double max) => Has(name) ? Number(name, min, max) : fallback;

    public long Integer(string name, long min = long.MinValue, long max = long.MaxValue)
    {
        var v = Required(name);
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var n))
        {
            throw Fail(name, $"must be an integer, not {Describe(v)}.");
        }

        if (n < min || n > max)
        {
            throw Fail(name, n < 0 && min >= 0 ? $"is {n}; it cannot be negative." : $"is {n}; it must be in [{min}, {max}].");
        }

        return n;
    }

    public InvalidScenarioException Fail(string name, string problem) => new(Source, Join(name), problem);

    private JsonElement Required(string name)
    {
        if (!Element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            throw Fail(name, "is missing.");
        }

        return v;
    }

    private string Join(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    private static string Describe(JsonElement v) => v.ValueKind == JsonValueKind.String ? $"the string \"{v.GetString()}\"" : v.ValueKind.ToString();
}
