using HybridAI.Contracts.Jobs;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HybridAI.Cli.Rendering;

/// <summary>What really ran, next to what the first plan expected, and the money compared with cloud-only.</summary>
public static class TraceTable
{
    public static IRenderable Render(JobStatus status)
    {
        var planned = status.InitialPlan?.Segments ?? [];
        var table = new Table().Title("What ran").AddColumns("stages", "node", "variant", "planned on", "est. ms", "actual ms", "bytes in", "bytes out", "cost");
        foreach (var t in status.Trace)
        {
            var overlapping = planned.Where(p => p.FirstStage <= t.LastStage && t.FirstStage <= p.LastStage).ToList();
            var estimate = overlapping.Sum(p => p.EstimatedComputeMs * Overlap(p, t) / (p.LastStage - p.FirstStage + 1));
            table.AddRow(
                Markup.Escape(t.Stages), Markup.Escape(t.NodeId), Markup.Escape(t.Variant),
                Markup.Escape(string.Join(", ", overlapping.Select(p => p.NodeId).Distinct())),
                overlapping.Count == 0 ? "-" : $"{estimate:F0}", $"{t.ComputeMs:F0}", $"{t.BytesIn}", $"{t.BytesOut}", $"{t.Cost:G3}");
        }

        var elapsed = status.FinishedAt is { } end ? (end - status.SubmittedAt).TotalMilliseconds : double.NaN;
        var cost = status.Trace.Sum(t => t.Cost);
        var caption = $"finished in {elapsed:F0} ms (planned {status.InitialPlan?.EstimatedCompletionMs:F0} ms)";
        if (status.InitialPlan is { } plan && !double.IsNaN(elapsed))
        {
            caption += elapsed <= plan.DeadlineMs
                ? $", on time for the {plan.DeadlineMs:F0} ms deadline"
                : $", {elapsed - plan.DeadlineMs:F0} ms past the {plan.DeadlineMs:F0} ms deadline";
        }

        caption += $", cost {cost:G3}, re-plans {status.Replans}";
        if (status.InitialPlan?.CloudOnlyCost is { } cloud && cloud > 0)
        {
            caption += $"; cloud-only estimate {cloud:G3}: {(1 - cost / cloud) * 100:F0}% saved";
        }

        table.Caption(Markup.Escape(caption));
        return table;
    }

    private static int Overlap(PlanSegmentView p, StageTraceEntry t) =>
        Math.Min(p.LastStage, t.LastStage) - Math.Max(p.FirstStage, t.FirstStage) + 1;
}
