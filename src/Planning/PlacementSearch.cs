using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HybridAI.Planning;

/// <summary>
/// Exact search for the plan with the least money that completes by the deadline (ties: sooner), or, when nothing
/// can, the soonest plan (ties: cheaper).
/// <para>
/// Model: a stage on node m starts at max(previous end + transfer, m's slot-free time) and takes the node's option
/// latency; money is additive. For a fixed continuation the completion is max(t + A, B) of the time t a state is
/// reached, so it is monotone in t, and a state is (stage, node).
/// </para>
/// <para>
/// Steps: (0) when a least-money plan (a cheapest node at every stage) can be on time, the soonest of them is found by
/// a single-label pass over the cheapest nodes and, if on time, is the optimum. (1) lambda for a Lagrangian bound from
/// the per-stage fastest and cheapest choices (any lambda >= 0 is a valid bound). (2) One backward pass gives, per state, the exact least money to finish, lower bounds (A, B) on the
/// time to finish, the least-money continuation with its exact (A, B), and W_lambda (least money + lambda x additive
/// time to finish) with its continuation. (3) The least-money plan and the Lagrangian path are the first incumbents
/// when on time; when neither is, a single-label forward pass gives the soonest completion T_min and the effective
/// deadline is max(deadline, T_min), so the late case is the same problem. (4) A forward label-setting pass keeps per
/// state the Pareto set of (time, money) labels; a label is dropped when its time bound misses the deadline or a money
/// bound (exact least money, or the Lagrangian bound) cannot beat the incumbent; finishing a kept label along the
/// least-money or the Lagrangian continuation may give a new incumbent. Dropped labels can only lead to plans no
/// better than the incumbent, so the result is the optimum.
/// </para>
/// </summary>
internal static class PlacementSearch
{
    private const long Inf = PlanningProblem.Infinity;
    private const long NegInf = PlanningProblem.NegativeInfinity;

    /// <summary>The policy's optimum with <paramref name="pool"/> as its cloud pool (see <see cref="PlanningProblem.AllowedNodes"/>); null when some stage has no allowed node.</summary>
    public static SearchResult? Run(PlanningProblem p, PlacementPolicy policy, int pool)
    {
        var k = p.NodeCount;
        var stages = p.StageCount;
        var resume = p.Resume;
        var layers = stages - resume + 1; // layer 0: the checkpoint; layer L: after stage resume + L - 1
        var ws = SearchWorkspace.For(layers * k, stages + 1, k);
        if (!p.AllowedNodes(policy, pool, ws.Eligible, ws.EligibleStart))
        {
            return null;
        }

        var eligible = ws.Eligible;
        var eligibleStart = ws.EligibleStart;
        var forced = true;
        for (var i = resume; i < stages && forced; i++)
        {
            forced = eligibleStart[i + 1] - eligibleStart[i] == 1;
        }

        var bestNode = new int[stages];
        if (forced)
        {
            // One allowed node per stage (DeviceOnly, single-pool baselines under privacy pins): the plan is simulated.
            for (var i = resume; i < stages; i++)
            {
                bestNode[i] = eligible[eligibleStart[i]];
            }

            var (forcedCompletion, forcedCost) = Simulate(p, bestNode);
            return new SearchResult(bestNode, forcedCompletion, forcedCost, stages - resume);
        }

        // Every plan with the least money takes a cheapest node at every stage. When such plans can be on time at all
        // (their compute alone fits), the soonest of them is one single-label pass over the cheapest nodes; if it is on
        // time it is the optimum (least money, then soonest), and no bounds or labels are needed.
        var lambda = EstimateLambda(p, ws, out var cheapestComputeUs);
        if (p.StartUs + cheapestComputeUs <= p.DeadlineUs)
        {
            var (cheapCompletion, cheapCost) = Soonest(p, ws, layers, bestNode, cheapestOnly: true);
            if (cheapCompletion <= p.DeadlineUs)
            {
                return new SearchResult(bestNode, cheapCompletion, cheapCost, stages - resume);
            }
        }

        Bounds(p, ws, layers, lambda);

        // First incumbents: the least-money plan and the Lagrangian path, if on time. When neither is, the soonest
        // completion T_min is needed (a single-label forward pass): the effective deadline max(deadline, T_min) turns the
        // late case into the same problem.
        ref readonly var sourceBound = ref ws.States[p.Source];
        var cheapestCompletion = Math.Max(p.StartUs + sourceBound.CheapA, sourceBound.CheapB);
        long pathCost = 0, pathCompletion = Inf;
        var pathNode = ws.PathNode;
        if (lambda > 0)
        {
            WriteContinuation(p, ws.LagrangeNext, 0, p.Source, pathNode);
            (pathCompletion, pathCost) = Simulate(p, pathNode);
        }

        var incumbent = new Incumbent { Cost = long.MaxValue, Time = long.MaxValue };
        var deadline = p.DeadlineUs;
        if (cheapestCompletion > deadline && pathCompletion > deadline)
        {
            (incumbent.Time, incumbent.Cost) = Soonest(p, ws, layers, bestNode, cheapestOnly: false);
            deadline = Math.Max(deadline, incumbent.Time);
        }

        if (incumbent.TryImprove(sourceBound.LeastCost, cheapestCompletion, deadline))
        {
            WriteContinuation(p, ws.CheapNext, 0, p.Source, bestNode);
        }

        if (incumbent.TryImprove(pathCost, pathCompletion, deadline))
        {
            Array.Copy(pathNode, resume, bestNode, resume, stages - resume);
        }

        // The Lagrangian bound prunes only when the least-money plan is late.
        var useLagrange = lambda > 0 && cheapestCompletion > deadline;
        var labels = SetLabels(p, ws, layers, deadline, useLagrange ? lambda : 0, useLagrange, ref incumbent, bestNode);
        return new SearchResult(bestNode, incumbent.Time, incumbent.Cost, labels);
    }

    /// <summary>
    /// Forward label setting: per state the Pareto set of (time, money) labels that may still beat the incumbent, kept in
    /// rising time and strictly falling money. Returns the number of labels kept.
    /// </summary>
    private static int SetLabels(PlanningProblem p, SearchWorkspace ws, int layers, long deadline, double lambda, bool useLagrange, ref Incumbent incumbent, int[] bestNode)
    {
        var k = p.NodeCount;
        var stages = p.StageCount;
        var resume = p.Resume;
        var eligible = ws.Eligible;
        var eligibleStart = ws.EligibleStart;
        var available = p.AvailableUs;
        var latencies = p.OptionLatencies;
        var costs = p.OptionCosts;
        var bounds = ws.States;
        var labels = ws.Labels;
        labels.Add(p.StartUs, 0, -1, p.Source);

        // The previous layer's states that kept labels; the current layer's are collected in the other buffer.
        var previous = ws.ActiveA;
        var current = ws.ActiveB;
        previous[0] = new SearchWorkspace.ActiveState(p.Source, 0, 1, lambda * p.StartUs);
        var previousCount = 1;
        // The incumbent lives in locals in the hot loop (written back before the last stage).
        var incumbentCost = incumbent.Cost;
        var incumbentTime = incumbent.Time;

        // The hot loops index the label, head and state buffers through refs: every index is below a count that the
        // buffers were sized for (room for a layer's candidates made at its start, one head per predecessor state, one
        // state per node), and the bounds checks and array reloads were a large part of the pass.
        ref var head0 = ref MemoryMarshal.GetArrayDataReference(ws.Heads);

        // The incumbent's path is written once at the end (labels are only appended, so its chain stays valid).
        var found = new FoundPath(-1, -1, -1, -1, null);
        for (var layer = 1; layer < layers - 1; layer++)
        {
            var i = resume + layer - 1;
            var row = p.TemplateRow(i);
            var matrix = MatrixInto(p, ws, i);
            var currentCount = 0;
            // Room for every candidate of the layer: each state keeps at most as many labels as the previous layer has.
            labels.EnsureRoom((labels.Count - previous[0].Start) * (eligibleStart[i + 1] - eligibleStart[i]));
            ref var label0 = ref MemoryMarshal.GetArrayDataReference(labels.Items);
            ref var previous0 = ref MemoryMarshal.GetArrayDataReference(previous);
            for (var e = eligibleStart[i]; e < eligibleStart[i + 1]; e++)
            {
                var m = eligible[e];
                ref readonly var bound = ref bounds[layer * k + m];
                if (bound.B > deadline)
                {
                    continue; // every label here would finish late
                }

                var latency = latencies[row + m];
                var optionCost = costs[row + m];

                // Costs are whole units, so exceeding the incumbent by more than half a unit means by at least one.
                var lagrangeBound = useLagrange ? bound.W - lambda * deadline - 0.5 : double.NegativeInfinity;

                // A whole list fails when its least money + lambda x time does (0.25 more covers rounding of the sum).
                var listLagrange = optionCost + lambda * latency + lagrangeBound - 0.25;

                // The Lagrangian tests compare money + lambda x time with these limits (the incumbent minus the bound), so
                // the hot checks convert only the label's own figures; lagrangeLimit follows the incumbent.
                var listLimit = incumbentCost - listLagrange;
                var lagrangeLimit = incumbentCost - lagrangeBound;
                var listCost = optionCost + bound.LeastCost;

                // The whole-list tests come first: at many states every list fails them, and then nothing else is set up.
                var lists = 0;
                for (var a = 0; a < previousCount; a++)
                {
                    ref readonly var list = ref Unsafe.Add(ref previous0, a);

                    // Labels are in falling money: the last is the cheapest.
                    if (Unsafe.Add(ref label0, list.End - 1).Cost + listCost > incumbentCost)
                    {
                        continue;
                    }

                    var transfer = matrix[list.Node * k + m];
                    if (list.MinLagrange + lambda * transfer > listLimit)
                    {
                        continue;
                    }

                    ref var head = ref Unsafe.Add(ref head0, lists++);
                    head.Label = list.Start;
                    head.End = list.End;
                    head.Transfer = transfer;
                }

                if (lists == 0)
                {
                    continue;
                }

                var arrival = new Arrival(available[m], latency, optionCost, deadline - bound.A, bound.A, bound.B, bound.LeastCost, lambda);
                var live = 0;
                for (var a = 0; a < lists; a++)
                {
                    ref var head = ref Unsafe.Add(ref head0, a);
                    if (arrival.Advance(ref head, ref label0, incumbentCost, incumbentTime, lagrangeLimit))
                    {
                        if (a != live)
                        {
                            // Field by field, as in the swap-remove below (store forwarding).
                            ref var to = ref Unsafe.Add(ref head0, live);
                            to.Time = head.Time;
                            to.Cost = head.Cost;
                            to.Transfer = head.Transfer;
                            to.Label = head.Label;
                            to.End = head.End;
                        }

                        live++;
                    }
                }

                if (live == 0)
                {
                    continue;
                }

                // Each predecessor's candidates come in rising time; they are merged in (time, money, label) order and
                // Pareto-filtered (rising time, strictly falling money) on the fly. Each kept label is finished along the
                // Lagrangian and the least-money continuations, which gives good incumbents early and may show the label
                // cannot do better.
                // Finishing along a continuation from time t ends at max(t + A, B): on time when t <= deadline - A and B <= deadline.
                var lbA = bound.A;
                var lbB = bound.B;
                var lbC = bound.LeastCost;
                var lgA = bound.LagrangeA;
                var lgB = bound.LagrangeB;
                var lgCost = bound.LagrangeCost;
                var lagrangeLatest = lgB <= deadline ? deadline - lgA : long.MinValue;
                var chA = bound.CheapA;
                var chB = bound.CheapB;
                var cheapLatest = chB <= deadline ? deadline - chA : long.MinValue;
                var keptCost = long.MaxValue;
                var leastLagrange = double.PositiveInfinity;
                var improved = false;
                var first = labels.Count;
                var kept = first;
                while (live > 0)
                {
                    ref var popped = ref head0;
                    for (var x = 1; x < live; x++)
                    {
                        ref var h = ref Unsafe.Add(ref head0, x);
                        if (h.Time < popped.Time || (h.Time == popped.Time && (h.Cost < popped.Cost || (h.Cost == popped.Cost && h.Label < popped.Label))))
                        {
                            popped = ref h;
                        }
                    }

                    var t = popped.Time;
                    var c = popped.Cost;
                    var parent = popped.Label;
                    popped.Label++;
                    if (!arrival.Advance(ref popped, ref label0, incumbentCost, incumbentTime, lagrangeLimit))
                    {
                        // Swap-remove, field by field: a whole-struct copy loads 32 bytes right after narrow stores to
                        // the heads, which store forwarding cannot serve (a stall on every exhausted list). The last head
                        // itself needs no copy.
                        ref readonly var last = ref Unsafe.Add(ref head0, --live);
                        if (!Unsafe.AreSame(ref popped, ref Unsafe.AsRef(in last)))
                        {
                            popped.Time = last.Time;
                            popped.Cost = last.Cost;
                            popped.Transfer = last.Transfer;
                            popped.Label = last.Label;
                            popped.End = last.End;
                        }
                    }

                    if (c >= keptCost)
                    {
                        continue; // dominated by an earlier candidate
                    }

                    keptCost = c;
                    var costBound = c + lbC;
                    var timeBound = Math.Max(t + lbA, lbB);
                    if (improved && (costBound > incumbentCost || (costBound == incumbentCost && timeBound >= incumbentTime) || c + lambda * t > lagrangeLimit))
                    {
                        continue; // the incumbent improved since the candidate was made
                    }

                    if (t <= lagrangeLatest)
                    {
                        var pathCompletion = Math.Max(t + lgA, lgB);
                        var pathCost = c + lgCost;
                        if (pathCost < incumbentCost || (pathCost == incumbentCost && pathCompletion < incumbentTime))
                        {
                            incumbentCost = pathCost;
                            incumbentTime = pathCompletion;
                            lagrangeLimit = incumbentCost - lagrangeBound;
                            improved = true;
                            found = new FoundPath(parent, i, m, layer, ws.LagrangeNext);
                            if (costBound > incumbentCost || (costBound == incumbentCost && timeBound >= incumbentTime) || c + lambda * t > lagrangeLimit)
                            {
                                continue;
                            }
                        }
                    }

                    if (t <= cheapLatest)
                    {
                        var cheapCompletion = Math.Max(t + chA, chB);
                        // costBound < incumbent, or equal with timeBound (<= cheapCompletion) below the incumbent's time.
                        if (costBound < incumbentCost || cheapCompletion < incumbentTime)
                        {
                            incumbentCost = costBound;
                            incumbentTime = cheapCompletion;
                            lagrangeLimit = incumbentCost - lagrangeBound;
                            improved = true;
                            found = new FoundPath(parent, i, m, layer, ws.CheapNext);
                        }

                        if (timeBound >= incumbentTime)
                        {
                            continue; // no continuation is cheaper, and none of the cheapest is sooner
                        }
                    }

                    Unsafe.Add(ref label0, kept++) = new LabelArena.Label(t, c, parent, m);
                    var lagrangeValue = c + lambda * t;
                    if (lagrangeValue < leastLagrange)
                    {
                        leastLagrange = lagrangeValue; // not Math.Min: its NaN and signed-zero handling is a chain of three ops
                    }
                }

                labels.SetCount(kept);
                if (kept > first)
                {
                    current[currentCount++] = new SearchWorkspace.ActiveState(m, first, kept, leastLagrange);
                }
            }

            if (currentCount == 0)
            {
                incumbent.Cost = incumbentCost;
                incumbent.Time = incumbentTime;
                found.Write(p, labels, bestNode);
                return labels.Count; // nothing left can beat the incumbent
            }

            (previous, current) = (current, previous);
            previousCount = currentCount;
        }

        incumbent.Cost = incumbentCost;
        incumbent.Time = incumbentTime;

        // The last stage: every label is finished (its output returns to the origin).
        {
            var i = stages - 1;
            var row = p.TemplateRow(i);
            var matrix = MatrixInto(p, ws, i);
            var returnMatrix = MatrixInto(p, ws, stages);
            var items = labels.Items;
            for (var e = eligibleStart[i]; e < eligibleStart[i + 1]; e++)
            {
                var m = eligible[e];
                var latency = latencies[row + m];
                var optionCost = costs[row + m];
                var ready = available[m];
                var returnUs = returnMatrix[m * k + p.Origin];
                for (var a = 0; a < previousCount; a++)
                {
                    var (n, labelStart, labelEnd, _) = previous[a];
                    if (items[labelEnd - 1].Cost + optionCost > incumbent.Cost)
                    {
                        continue;
                    }

                    var transfer = matrix[n * k + m];
                    for (var j = labelStart; j < labelEnd; j++)
                    {
                        ref readonly var label = ref items[j];
                        var completion = Math.Max(label.Time + transfer, ready) + latency + returnUs;
                        if (completion > deadline)
                        {
                            break;
                        }

                        if (incumbent.TryImprove(label.Cost + optionCost, completion, deadline))
                        {
                            found = new FoundPath(j, i, m, layer: -1, next: null);
                        }
                    }
                }
            }
        }

        found.Write(p, labels, bestNode);
        return labels.Count;
    }

    /// <summary>
    /// Lambda for the Lagrangian bound: one Handler-Zang step between the per-stage fastest and cheapest choices (transfers
    /// and waits ignored; any lambda >= 0 gives a valid bound, this one only has to be a good one).
    /// </summary>
    private static double EstimateLambda(PlanningProblem p, SearchWorkspace ws, out long cheapestComputeUs)
    {
        var latencies = p.OptionLatencies;
        var costs = p.OptionCosts;
        var eligible = ws.Eligible;
        var eligibleStart = ws.EligibleStart;
        long fastTime = 0, fastCost = 0, cheapTime = 0, cheapCost = 0;
        for (var i = p.Resume; i < p.StageCount;)
        {
            // A run of stages with the same template (the denoise steps) counts once, times its length: allowed nodes
            // depend only on the template (see PlanningProblem.AllowedNodes), so the run's lists are equal.
            var row = p.TemplateRow(i);
            var nodes = eligible.AsSpan(eligibleStart[i], eligibleStart[i + 1] - eligibleStart[i]);
            var end = i + 1;
            while (end < p.StageCount && p.TemplateRow(end) == row)
            {
                end++;
            }

            long ft = Inf, fc = Inf, ct = Inf, cc = Inf;
            foreach (var m in nodes)
            {
                var latency = latencies[row + m];
                var cost = costs[row + m];
                if (latency < ft || (latency == ft && cost < fc))
                {
                    ft = latency;
                    fc = cost;
                }

                if (cost < cc || (cost == cc && latency < ct))
                {
                    cc = cost;
                    ct = latency;
                }
            }

            var repeat = end - i;
            fastTime += ft * repeat;
            fastCost += fc * repeat;
            cheapTime += ct * repeat;
            cheapCost += cc * repeat;
            i = end;
        }

        cheapestComputeUs = cheapTime; // per stage the fastest of the cheapest nodes: no least-money plan computes for less
        return cheapTime > fastTime && fastCost > cheapCost ? (double)(fastCost - cheapCost) / (cheapTime - fastTime) : 0;
    }

    /// <summary>
    /// One backward pass; per state: least money to finish (exact), lower bounds (A, B) on the time to finish, the
    /// least-money continuation (ties: least additive time, then B) with its exact (A, B), and W_lambda with its minimising continuation and that one's exact (A, B) and money.
    /// </summary>
    private static void Bounds(PlanningProblem p, SearchWorkspace ws, int layers, double lambda)
    {
        var k = p.NodeCount;
        var stages = p.StageCount;
        var resume = p.Resume;
        var available = p.AvailableUs;
        var latencies = p.OptionLatencies;
        var costs = p.OptionCosts;
        var eligible = ws.Eligible;
        var eligibleStart = ws.EligibleStart;
        var bounds = ws.States;
        var cheapNext = ws.CheapNext;
        var lagrangeNext = ws.LagrangeNext;
        {
            var matrix = MatrixInto(p, ws, stages);
            for (var e = eligibleStart[stages - 1]; e < eligibleStart[stages]; e++)
            {
                var m = eligible[e];
                var index = (layers - 1) * k + m;
                var returnUs = matrix[m * k + p.Origin];
                bounds[index] = new SearchWorkspace.StateBound
                {
                    A = returnUs,
                    B = NegInf,
                    CheapA = returnUs,
                    CheapB = NegInf,
                    W = lambda * returnUs,
                    LagrangeA = returnUs,
                    LagrangeB = NegInf,
                };
            }
        }

        // Per next-stage node, the parts that do not depend on the current node are computed once per layer:
        // B, the least money and W are node-independent apart from the transfer (waits and money do not depend on
        // where the data comes from).
        var partBuffer = ws.Parts;
        var cheapParts = ws.CheapParts;
        Span<int> sourceList = [p.Source];
        for (var layer = layers - 2; layer >= 0; layer--)
        {
            var done = resume + layer - 1;
            var next = done + 1;
            var row = p.TemplateRow(next);
            var matrix = MatrixInto(p, ws, next);
            var states = layer == 0 ? sourceList : eligible.AsSpan(eligibleStart[done], eligibleStart[done + 1] - eligibleStart[done]);
            var to = (layer + 1) * k;
            var nextNodes = eligible.AsSpan(eligibleStart[next], eligibleStart[next + 1] - eligibleStart[next]);
            var parts = partBuffer.AsSpan(0, nextNodes.Length);
            long b = Inf, c = Inf;
            for (var x = 0; x < parts.Length; x++)
            {
                var m = nextNodes[x];
                var nextIndex = to + m;
                var latency = latencies[row + m];
                var optionCost = costs[row + m];
                ref var part = ref parts[x];
                part.Node = m;
                ref readonly var after = ref bounds[nextIndex];
                part.A = latency + after.A;
                b = Math.Min(b, Math.Max(available[m] + part.A, after.B));
                part.Cost = optionCost + after.LeastCost;
                c = Math.Min(c, part.Cost);
                part.CheapA = latency + after.CheapA;
                part.CheapB = Math.Max(available[m] + part.CheapA, after.CheapB);
                part.Value = optionCost + lambda * latency + after.W;
                part.LagrangeA = latency + after.LagrangeA;
                part.LagrangeB = Math.Max(available[m] + part.LagrangeA, after.LagrangeB);
                part.LagrangeCost = optionCost + after.LagrangeCost;
            }

            // The next nodes on a least-money continuation (money does not depend on the transfer): usually one.
            var cheapCount = 0;
            for (var x = 0; x < parts.Length; x++)
            {
                if (parts[x].Cost == c)
                {
                    cheapParts[cheapCount++] = x;
                }
            }

            foreach (var n in states)
            {
                long a = Inf, ca = Inf, cb = Inf;
                int cn = -1, lx = 0;
                var lw = double.PositiveInfinity;
                var transferRow = matrix.AsSpan(n * k, k);
                for (var x = 0; x < parts.Length; x++)
                {
                    ref readonly var part = ref parts[x];
                    var transfer = transferRow[part.Node];
                    a = Math.Min(a, transfer + part.A);
                    var value = lambda * transfer + part.Value;
                    if (value < lw)
                    {
                        lw = value;
                        lx = x;
                    }
                }

                // Usually one next node is cheapest; taking it directly measured 1.01-1.02x faster than the tie loop.
                if (cheapCount == 1)
                {
                    ref readonly var part = ref parts[cheapParts[0]];
                    cn = part.Node;
                    ca = transferRow[cn] + part.CheapA;
                    cb = part.CheapB;
                }
                else
                {
                    for (var y = 0; y < cheapCount; y++)
                    {
                        ref readonly var part = ref parts[cheapParts[y]];
                        var costA = transferRow[part.Node] + part.CheapA;
                        if (costA < ca || (costA == ca && part.CheapB < cb))
                        {
                            ca = costA;
                            cb = part.CheapB;
                            cn = part.Node;
                        }
                    }
                }

                var index = layer * k + n;
                cheapNext[index] = cn;

                // Exact (A, B) and money of the Lagrangian continuation: completion from time t is max(t + A, B).
                ref readonly var chosen = ref parts[lx];
                lagrangeNext[index] = chosen.Node;
                ref var bound = ref bounds[index];
                bound.A = a;
                bound.B = b;
                bound.LeastCost = c;
                bound.CheapA = ca;
                bound.CheapB = cb;
                bound.W = lw;
                bound.LagrangeA = transferRow[chosen.Node] + chosen.LagrangeA;
                bound.LagrangeB = chosen.LagrangeB;
                bound.LagrangeCost = chosen.LagrangeCost;
            }
        }
    }

    /// <summary>
    /// Soonest completion (ties: cheaper), one label per state (exact by monotonicity); writes its path. With
    /// <paramref name="cheapestOnly"/> only each stage's cheapest nodes are used: the soonest of the least-money plans.
    /// </summary>
    private static (long Completion, long Cost) Soonest(PlanningProblem p, SearchWorkspace ws, int layers, int[] nodeOf, bool cheapestOnly)
    {
        var k = p.NodeCount;
        var resume = p.Resume;
        var available = p.AvailableUs;
        var latencies = p.OptionLatencies;
        var costs = p.OptionCosts;
        var eligible = ws.Eligible;
        var eligibleStart = ws.EligibleStart;
        var fastTime = ws.FastTime;
        var fastCost = ws.FastCost;
        var fastPrev = ws.FastPrev;
        fastTime[p.Source] = p.StartUs;
        fastCost[p.Source] = 0;
        Span<int> sourceList = [p.Source];
        for (var layer = 1; layer < layers; layer++)
        {
            var i = resume + layer - 1;
            var row = p.TemplateRow(i);
            var matrix = MatrixInto(p, ws, i);
            var previous = layer == 1 ? sourceList : eligible.AsSpan(eligibleStart[i - 1], eligibleStart[i] - eligibleStart[i - 1]);
            var from = (layer - 1) * k;
            var cheapest = long.MaxValue;
            for (var e = eligibleStart[i]; cheapestOnly && e < eligibleStart[i + 1]; e++)
            {
                cheapest = Math.Min(cheapest, costs[row + eligible[e]]);
            }

            for (var e = eligibleStart[i]; e < eligibleStart[i + 1]; e++)
            {
                var m = eligible[e];
                var latency = latencies[row + m];
                var optionCost = costs[row + m];
                if (optionCost > cheapest)
                {
                    fastTime[layer * k + m] = Inf; // not on a least-money plan: unreachable in this pass
                    fastCost[layer * k + m] = Inf;
                    continue;
                }

                var ready = available[m];
                long bestTime = Inf, bestCost = Inf;
                var bestPrev = -1;
                foreach (var n in previous)
                {
                    var arrival = Math.Max(fastTime[from + n] + matrix[n * k + m], ready) + latency;
                    var cost = fastCost[from + n] + optionCost;
                    if (arrival < bestTime || (arrival == bestTime && cost < bestCost))
                    {
                        bestTime = arrival;
                        bestCost = cost;
                        bestPrev = n;
                    }
                }

                fastTime[layer * k + m] = bestTime;
                fastCost[layer * k + m] = bestCost;
                fastPrev[layer * k + m] = bestPrev;
            }
        }

        long soonest = Inf, soonestCost = Inf;
        var soonestNode = -1;
        var returnMatrix = MatrixInto(p, ws, p.StageCount);
        for (var e = eligibleStart[p.StageCount - 1]; e < eligibleStart[p.StageCount]; e++)
        {
            var m = eligible[e];
            var completion = fastTime[(layers - 1) * k + m] + returnMatrix[m * k + p.Origin];
            var cost = fastCost[(layers - 1) * k + m];
            if (completion < soonest || (completion == soonest && cost < soonestCost))
            {
                soonest = completion;
                soonestCost = cost;
                soonestNode = m;
            }
        }

        for (int layer = layers - 1, m = soonestNode; layer >= 1; layer--)
        {
            nodeOf[resume + layer - 1] = m;
            m = fastPrev[layer * k + m];
        }

        return (soonest, soonestCost);
    }

    /// <summary>
    /// The transfer matrix into <paramref name="stage"/> (StageCount: the return) as the search reads it. When the data
    /// comes from one node (the checkpoint, or after a stage with one allowed node) or goes to one (the return to the
    /// origin), only that node's entries are read, so only those are filled; when it cannot move at all (that node is
    /// also the only one it goes to, as between privacy-pinned stages), an all-zero scratch matrix serves.
    /// </summary>
    private static long[] MatrixInto(PlanningProblem p, SearchWorkspace ws, int stage)
    {
        var eligible = ws.Eligible;
        var eligibleStart = ws.EligibleStart;
        var to = stage == p.StageCount ? p.Origin : eligibleStart[stage + 1] - eligibleStart[stage] == 1 ? eligible[eligibleStart[stage]] : -1;
        var from = stage == p.Resume ? p.Source : eligibleStart[stage] - eligibleStart[stage - 1] == 1 ? eligible[eligibleStart[stage - 1]] : -1;
        if (from >= 0 && from == to)
        {
            return ws.ZeroMatrix;
        }

        return from >= 0 ? p.TransferMatrixAround(stage, from) : stage == p.StageCount ? p.TransferMatrixAround(stage, p.Origin) : p.TransferMatrix(stage);
    }

    /// <summary>Completion and money of a full assignment (node per stage from the resume stage).</summary>
    private static (long Completion, long Cost) Simulate(PlanningProblem p, int[] nodeOf)
    {
        var time = p.StartUs;
        var cost = 0L;
        var previous = p.Source;
        var available = p.AvailableUs;
        var latencies = p.OptionLatencies;
        var costs = p.OptionCosts;
        for (var s = p.Resume; s < p.StageCount; s++)
        {
            var n = nodeOf[s];
            var option = p.TemplateRow(s) + n;
            time = Math.Max(time + p.Transfer(s, previous, n), available[n]) + latencies[option];
            cost += costs[option];
            previous = n;
        }

        return (time + p.Transfer(p.StageCount, previous, p.Origin), cost);
    }

    /// <summary>Writes node <paramref name="node"/> for <paramref name="stage"/> and the label chain of <paramref name="parent"/> before it.</summary>
    private static void WritePrefix(PlanningProblem p, LabelArena labels, int parent, int stage, int node, int[] nodeOf)
    {
        nodeOf[stage] = node;
        var items = labels.Items;
        for (var s = stage - 1; s >= p.Resume; s--)
        {
            nodeOf[s] = items[parent].Node;
            parent = items[parent].Parent;
        }
    }

    /// <summary>Writes the continuation from (layer, node) along a backward pass's next-node pointers.</summary>
    private static void WriteContinuation(PlanningProblem p, int[] next, int layer, int node, int[] nodeOf)
    {
        var k = p.NodeCount;
        for (var s = p.Resume + layer; s < p.StageCount; s++, layer++)
        {
            node = next[layer * k + node];
            nodeOf[s] = node;
        }
    }

    /// <summary>Where the label search's incumbent came from: label <c>Parent</c>, then <c>Node</c> at <c>Stage</c>, then <c>Next</c>'s continuation from <c>Layer</c> (none for the last stage).</summary>
    private readonly struct FoundPath(int parent, int stage, int node, int layer, int[]? next)
    {
        public void Write(PlanningProblem p, LabelArena labels, int[] nodeOf)
        {
            if (parent < 0)
            {
                return; // the first incumbent was not improved on
            }

            WritePrefix(p, labels, parent, stage, node, nodeOf);
            if (next is not null)
            {
                WriteContinuation(p, next, layer, node, nodeOf);
            }
        }
    }

    /// <summary>The best plan found so far: on time by the effective deadline, least money, then soonest.</summary>
    private struct Incumbent
    {
        public long Cost;
        public long Time;

        /// <summary>Takes the plan (money, completion) when it is on time and better.</summary>
        public bool TryImprove(long cost, long completion, long deadline)
        {
            if (completion > deadline || cost > Cost || (cost == Cost && completion >= Time))
            {
                return false;
            }

            Cost = cost;
            Time = completion;
            return true;
        }
    }

    /// <summary>
    /// How labels of a predecessor list arrive at one state: the arrival time, money and the bounds a candidate must pass
    /// (time bound on time; least money, the same money sooner, or the Lagrangian bound can still beat the incumbent).
    /// </summary>
    private readonly struct Arrival(long ready, long latency, long optionCost, long deadlineBeforeA, long lbA, long lbB, long lbC, double lambda)
    {
        /// <summary>Moves the head to its list's next candidate that passes the bounds; false when the list has none left.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Advance(ref SearchWorkspace.MergeHead head, ref LabelArena.Label label0, long incumbentCost, long incumbentTime, double lagrangeLimit)
        {
            for (var j = head.Label; j < head.End; j++)
            {
                ref readonly var label = ref Unsafe.Add(ref label0, j);
                var t = Math.Max(label.Time + head.Transfer, ready) + latency;
                if (t > deadlineBeforeA)
                {
                    return false; // labels are in rising time: the rest of the list is late too
                }

                var c = label.Cost + optionCost;
                var costBound = c + lbC;
                if (costBound > incumbentCost || (costBound == incumbentCost && Math.Max(t + lbA, lbB) >= incumbentTime) || c + lambda * t > lagrangeLimit)
                {
                    continue;
                }

                head.Label = j;
                head.Time = t;
                head.Cost = c;
                return true;
            }

            return false;
        }
    }
}
