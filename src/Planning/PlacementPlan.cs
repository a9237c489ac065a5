using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace HybridAI.Planning;

/// <summary>
/// Where each stage range of a job runs, with estimated times (ms since submission) and money.
/// Times and money are exact for the planner's model: it works in whole microseconds and in 1e-12 money units.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="Policy">Policy that produced the plan.</param>
/// <param name="Privacy">Privacy level the plan honours.</param>
/// <param name="OriginDeviceId">Device that receives the output.</param>
/// <param name="Segments">Stage ranges in stage order; the first one starts at the resume stage.</param>
/// <param name="PlanStartMs">When the plan starts (elapsed ms at planning time).</param>
/// <param name="DeadlineMs">The job's deadline.</param>
/// <param name="CompletionMs">When the output is back on the origin device.</param>
/// <param name="TotalCost">Money for all compute in the plan.</param>
/// <param name="ReturnTransferBytes">Bytes of the final output moved back to the origin device (0 when it ends there).</param>
/// <param name="ReturnTransferMs">Time of that move.</param>
/// <param name="Alternatives">Other plans this one was compared with (other policies, the fastest plan).</param>
public sealed record PlacementPlan(
    string JobId,
    PlacementPolicy Policy,
    PrivacyLevel Privacy,
    string OriginDeviceId,
    ImmutableArray<StagePlacement> Segments,
    double PlanStartMs,
    double DeadlineMs,
    double CompletionMs,
    double TotalCost,
    long ReturnTransferBytes,
    double ReturnTransferMs,
    ImmutableArray<PlanAlternative> Alternatives)
{
    /// <summary>True when the plan misses the deadline (then it is the plan that finishes soonest).</summary>
    public bool IsLate => CompletionMs > DeadlineMs;

    /// <summary>Milliseconds past the deadline, 0 when on time.</summary>
    public double LatenessMs => Math.Max(0, CompletionMs - DeadlineMs);

    /// <summary>Nodes and stage ranges, e.g. "phone[0-1] -> pool-a[2-21] -> phone[22]" (a node's consecutive segments merged).</summary>
    public string Route
    {
        get
        {
            var route = new StringBuilder();
            for (var i = 0; i < Segments.Length; i++)
            {
                var first = Segments[i].FirstStage;
                while (i + 1 < Segments.Length && Segments[i + 1].NodeId == Segments[i].NodeId)
                {
                    i++;
                }

                var last = Segments[i].LastStage;
                route.Append(route.Length == 0 ? "" : " -> ").Append(Segments[i].NodeId)
                    .Append(first == last ? $"[{first}]" : $"[{first}-{last}]");
            }

            return route.ToString();
        }
    }

    /// <summary>Id of the node that runs stage <paramref name="stage"/> (an index in the expanded stage list).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The plan does not contain the stage (e.g. it was completed before a re-plan).</exception>
    public string NodeOfStage(int stage)
    {
        foreach (var segment in Segments)
        {
            if (stage >= segment.FirstStage && stage <= segment.LastStage)
            {
                return segment.NodeId;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(stage), stage, $"The plan for job '{JobId}' does not place stage {stage}.");
    }

    /// <summary>The alternative that would have been chosen next: on-time before late, then cheaper, then sooner.</summary>
    public PlanAlternative? BestAlternative
    {
        get
        {
            PlanAlternative? best = null;
            foreach (var alternative in Alternatives)
            {
                if (best is null || IsBetter(alternative, best))
                {
                    best = alternative;
                }
            }

            return best;
        }
    }

    /// <summary>The plan summarised as an alternative to another plan.</summary>
    public PlanAlternative Summarise(string name) => new(name, Route, CompletionMs, TotalCost, IsLate);

    /// <summary>A readable table of the plan, its totals and the alternatives it was compared with.</summary>
    public string Explain()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Plan for job '{JobId}' (policy {Policy}, privacy {Privacy}, origin {OriginDeviceId})");
        text.AppendLine(c, $"{"#",2}  {"stages",-36} {"node",-14} {"kind",-9} {"variant",-11} {"in bytes",10} {"in ms",9} {"wait ms",9} {"start ms",10} {"end ms",10} {"compute ms",10} {"cost",12}");
        for (var i = 0; i < Segments.Length; i++)
        {
            var s = Segments[i];
            var stages = s.FirstStage == s.LastStage
                ? $"{s.FirstStage} {s.FirstStageName}"
                : $"{s.FirstStage}-{s.LastStage} {s.FirstStageName}..{s.LastStageName}";
            text.AppendLine(c, $"{i + 1,2}  {stages,-36} {s.NodeId,-14} {s.NodeKind,-9} {s.Variant,-11} {s.TransferInBytes,10} {s.TransferInMs,9:F1} {s.QueueWaitMs,9:F1} {s.StartMs,10:F1} {s.EndMs,10:F1} {s.ComputeMs,10:F1} {s.Cost,12:G6}");
        }

        text.AppendLine(c, $"Return to {OriginDeviceId}: {ReturnTransferBytes} bytes in {ReturnTransferMs:F1} ms");
        var status = IsLate ? $"LATE by {LatenessMs:F1} ms" : $"on time, {DeadlineMs - CompletionMs:F1} ms to spare";
        text.AppendLine(c, $"Completion {CompletionMs:F1} ms (deadline {DeadlineMs:F1} ms, {status}); total cost {TotalCost:G6}");
        if (!Alternatives.IsEmpty)
        {
            text.AppendLine("Compared with:");
            foreach (var a in Alternatives)
            {
                var late = a.IsLate ? "late" : "on time";
                text.AppendLine(c, $"  {a.Name,-12} completion {a.CompletionMs,10:F1} ms ({late,-7}) cost {a.TotalCost,12:G6}  (cost {a.TotalCost - TotalCost:+0.######;-0.######;0}, time {a.CompletionMs - CompletionMs:+0.0;-0.0;0} ms)  {a.Route}");
            }

            var best = BestAlternative!;
            text.AppendLine(c, $"Best alternative: {best.Name} at cost {best.TotalCost:G6}, completion {best.CompletionMs:F1} ms");
        }

        return text.ToString();
    }

    public override string ToString() => Explain();

    private static bool IsBetter(PlanAlternative a, PlanAlternative b)
    {
        if (a.IsLate != b.IsLate)
        {
            return !a.IsLate;
        }

        return a.IsLate
            ? a.CompletionMs < b.CompletionMs || (a.CompletionMs == b.CompletionMs && a.TotalCost < b.TotalCost)
            : a.TotalCost < b.TotalCost || (a.TotalCost == b.TotalCost && a.CompletionMs < b.CompletionMs);
    }
}
