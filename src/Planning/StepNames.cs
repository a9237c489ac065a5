using System.Globalization;

namespace HybridAI.Planning;

/// <summary>
/// "Name[step]" display names of repeated denoise steps, memoised per thread for the last template name seen: every
/// plan names its segments' first and last stages, and formatting those strings anew cost a tenth of a plan. The
/// strings are immutable and depend only on (name, step), so sharing them between plans changes no result.
/// </summary>
internal sealed class StepNames
{
    [ThreadStatic]
    private static StepNames? current;

    private string? template;
    private string?[] names = [];

    /// <summary>The calling thread's memo (a problem made in the thread's scratch keeps it, saving the thread-static lookups).</summary>
    public static StepNames ForThread() => current ??= new StepNames();

    /// <summary>The name of step <paramref name="step"/> of <paramref name="templateName"/>, from the calling thread's memo.</summary>
    public static string Of(string templateName, int step) => ForThread().Name(templateName, step);

    /// <summary>The name of step <paramref name="step"/> of <paramref name="templateName"/>; only on the memo's own thread.</summary>
    public string Name(string templateName, int step)
    {
        if (!string.Equals(template, templateName, StringComparison.Ordinal))
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
