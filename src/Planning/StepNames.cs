using System.Globalization;

namespace HybridAI.Planning;

/// <summary>
/// "Name[step]" display names of repeated denoise steps, memoised per thread for the last template name seen: every
/// plan names its segments' first and last stages, and formatting those strings anew cost a tenth of a plan. The
/// strings are immutable and depend only on (name, step), so sharing them between plans changes no result.
/// </summary>
internal static class StepNames
{
    [ThreadStatic]
    private static string? template;

    [ThreadStatic]
    private static string?[]? names;

    public static string Of(string templateName, int step)
    {
        if (names is null || !string.Equals(template, templateName, StringComparison.Ordinal))
        {
            template = templateName;
            names = new string?[Math.Max(32, step + 1)];
        }
        else if (names.Length <= step)
        {
            Array.Resize(ref names, Math.Max(step + 1, names.Length * 2));
        }

        return names[step] ??= string.Concat(templateName, "[", step.ToString(CultureInfo.InvariantCulture), "]");
    }
}
