using System.Collections.Concurrent;
using System.Text;

namespace HybridAI.Grains.Tests;

/// <summary>Records, for every HybridAI grain call the silo receives, the text of its arguments (strings and UTF-8 decoded bytes, nested).</summary>
public sealed class CallSpy : IIncomingGrainCallFilter
{
    private readonly ConcurrentQueue<(string Method, string Text)> _calls = new();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType?.Namespace?.StartsWith("HybridAI", StringComparison.Ordinal) != true)
        {
            await context.Invoke(); // Orleans' own system calls (storage, membership) carry no application data
            return;
        }

        var text = new StringBuilder();
        for (var i = 0; i < context.Request.GetArgumentCount(); i++)
        {
            Append(text, context.Request.GetArgument(i), depth: 0);
        }

        _calls.Enqueue((context.InterfaceMethod?.Name ?? "?", text.ToString()));
        await context.Invoke();
    }

    /// <summary>The methods of the calls whose arguments contained <paramref name="needle"/>.</summary>
    public IReadOnlyList<string> CallsContaining(string needle) =>
        _calls.Where(c => c.Text.Contains(needle, StringComparison.Ordinal)).Select(c => c.Method).ToList();

    public int CallCount(string method) => _calls.Count(c => c.Method == method);

    private static void Append(StringBuilder text, object? value, int depth)
    {
        if (value is null || depth > 4)
        {
            return;
        }

        switch (value)
        {
            case string s:
                text.Append(s).Append('\n');
                return;
            case byte[] bytes:
                text.Append(Encoding.UTF8.GetString(bytes)).Append('\n');
                return;
            case System.Collections.IEnumerable items:
                foreach (var item in items)
                {
                    Append(text, item, depth + 1);
                }

                return;
        }

        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is Guid or DateTimeOffset or TimeSpan or decimal)
        {
            return;
        }

        foreach (var property in type.GetProperties())
        {
            if (property.GetIndexParameters().Length == 0)
            {
                Append(text, property.GetValue(value), depth + 1);
            }
        }
    }
}
