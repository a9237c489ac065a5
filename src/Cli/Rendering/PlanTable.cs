using HybridAI.Contracts.Jobs;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HybridAI.Cli.Rendering;

/// <summary>A plan as a table: stage range, node, variant, estimated start/end/compute and cost, then the totals, the cloud-only baseline and the best alternative.</summary>
public static class PlanTable
{
    public static IRenderable Render(PlanView plan, string title)
    {
        var table = new Table().Title($"{title} ({plan.Policy})").AddColumns("stages", "node", "kind", "variant", "est. start ms", "est. end ms", "est. compute ms", "est. cost");
        foreach (var s in plan.Segments)
        {
            table.AddRow(
                Markup.Escape(s.Stages), Markup.Escape(s.NodeId), s.NodeKind, Markup.Escape(s.Variant),
                $"{s.EstimatedStartMs:F0}", $"{s.EstimatedEndMs:F0}", $"{s.EstimatedComputeMs:F0}", $"{s.EstimatedCost:G3}");
        }

        var late = plan.IsLate ? "[red]late[/]" : "[green]on time[/]";
        var baseline = plan.CloudOnlyCost is { } cloud
            ? $"; cloud-only would cost {cloud:G3} and finish at {plan.CloudOnlyCompletionMs:F0} ms"
            : "; no cloud-only alternative (privacy or no pool)";
        if (plan.Alternatives.FirstOrDefault(a => a.Name == plan.BestAlternative) is { } best && best.Name != nameof(PlacementPolicy.CloudOnly))
        {
            baseline += $"; best alternative {best.Name} would cost {best.EstimatedCost:G3} and finish at {best.EstimatedCompletionMs:F0} ms";
        }

        table.Caption($"estimated {plan.EstimatedCompletionMs:F0} ms for a {plan.DeadlineMs:F0} ms deadline ({late}), cost {plan.EstimatedCost:G3}{Markup.Escape(baseline)}");
        return table;
    }
}
