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
/// Steps: (1) a backward pass gives, per state, the exact least money to finish, lower bounds (A, B) on the time to
/// finish, the least-money continuation with its exact (A, B) and the least-additive-time continuation. (2) That
/// continuation from the checkpoint is the first incumbent when it is on time; otherwise a single-label forward pass
/// gives the soonest completion T_min and the effective deadline is max(deadline, T_min), so the late case is the
/// same problem. (3) A Lagrangian bound W_lambda (least money + lambda x additive time to finish), lambda from one
/// Handler-Zang step. (4) A forward label-setting pass keeps per state the Pareto set of (time, money) labels; a label
/// is dropped when its time bound misses the deadline or a money bound (exact least money, or the Lagrangian bound)
/// cannot beat the incumbent; finishing a kept label along the least-money or the Lagrangian continuation may give a
/// new incumbent. Dropped labels can only lead to plans no better than the incumbent, so the result is the optimum.
/// </para>
/// </summary>
internal static class PlacementSearch
{
    private const long Inf = PlanningProblem.Infinity;
    private const long NegInf = PlanningProblem.NegativeInfinity;

    /// <summary>Returns null when some stage has no allowed node.</summary>
    public static SearchResult? Run(PlanningProblem p, bool[] mask)
    {
        var k = p.NodeCount;
        var stages = p.StageCount;
        var resume = p.Resume;
        var layers = stages - resume + 1; // layer 0: the checkpoint; layer L: after stage resume + L - 1
        var ws = SearchWorkspace.For(layers * k, stages + 1, k);
        if (!FillEligible(p, mask, ws))
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

            var (forcedCost, _) = CostAndAdditiveTime(p, bestNode);
            return new SearchResult(bestNode, Completion(p, bestNode), forcedCost, stages - resume);
        }

        BackwardBounds(p, ws, layers);

        // The least-additive-time continuation from the checkpoint: when it is on time, the deadline is the effective
        // one and it is the first incumbent. Otherwise the soonest completion is needed: a single-label forward pass.
        long deadline, incumbentCost, incumbentTime;
        {
            var quickNext = ws.QuickNext;
            for (int s = resume, layer = 0, node = p.Source; s < stages; s++, layer++)
            {
                node = quickNext[layer * k + node];
                bestNode[s] = node;
            }

            incumbentCost = ws.QuickCost[p.Source];
            incumbentTime = Completion(p, bestNode);
            deadline = p.DeadlineUs;
        }

        if (incumbentTime > p.DeadlineUs)
        {
            (incumbentTime, incumbentCost) = Soonest(p, ws, layers, bestNode);
            deadline = Math.Max(p.DeadlineUs, incumbentTime);
        }

        // The cheapest plan regardless of the deadline, if it is on time.
        var leastCost = ws.LeastCost;
        var cheapA = ws.CheapA;
        var cheapB = ws.CheapB;
        {
            var cheapestCompletion = Math.Max(p.StartUs + cheapA[p.Source], cheapB[p.Source]);
            var cost = leastCost[p.Source];
            if (cheapestCompletion <= deadline && (cost < incumbentCost || (cost == incumbentCost && cheapestCompletion < incumbentTime)))
            {
                incumbentCost = cost;
                incumbentTime = cheapestCompletion;
                WriteContinuation(p, ws.CheapNext, 0, p.Source, bestNode);
            }
        }

        // Lagrangian bound: for lambda >= 0 any on-time continuation from a state has
        // cost >= W(state) - lambda * (deadline - t), W = min over continuations of cost + lambda * additive time
        // (additive time: transfers and compute, no queue waits, so it never exceeds the true time). Lambda is one
        // Handler-Zang step from the incumbent and the least-money path (a second step cost a pass and pruned no more
        // labels in the benchmark); its path may become the incumbent.
        var lambda = 0.0;
        var useLagrange = false;
        {
            var slack = deadline - p.StartUs;
            var (fastCost, fastAdditive) = CostAndAdditiveTime(p, bestNode);
            long cheapCost = leastCost[p.Source], cheapAdditive = cheapA[p.Source];
            if (cheapAdditive > slack && fastCost > cheapCost && fastAdditive < cheapAdditive)
            {
                lambda = (double)(fastCost - cheapCost) / (cheapAdditive - fastAdditive);
                LagrangeBounds(p, lambda, layers, ws);
                useLagrange = true;
                var pathNode = ws.PathNode;
                WriteContinuation(p, ws.LagrangeNext, 0, p.Source, pathNode);
                var (pathCost, _) = CostAndAdditiveTime(p, pathNode);
                var pathCompletion = Completion(p, pathNode);
                if (pathCompletion <= deadline && (pathCost < incumbentCost || (pathCost == incumbentCost && pathCompletion < incumbentTime)))
                {
                    incumbentCost = pathCost;
                    incumbentTime = pathCompletion;
                    Array.Copy(pathNode, resume, bestNode, resume, stages - resume);
                }
            }
        }

        // Label setting.
        var labels = ws.Labels;
        labels.Add(p.StartUs, 0, -1, p.Source);
        var rangeStart = ws.RangeStart;
        var rangeEnd = ws.RangeEnd;
        rangeStart[p.Source] = 0;
        rangeEnd[p.Source] = 1;
        var minLagrange = ws.MinLagrange;
        minLagrange[p.Source] = lambda * p.StartUs;
        var available = p.AvailableUs;
        var transfers = p.TransferTable;
        var latencies = p.OptionLatencies;
        var costs = p.OptionCosts;
        var boundA = ws.BoundA;
        var boundB = ws.BoundB;
        var lagrange = ws.Lagrange;
        var lagrangeA = ws.LagrangeA;
        var lagrangeB = ws.LagrangeB;
        var lagrangeCost = ws.LagrangeCost;
        Span<int> sourceList = [p.Source];
        for (var layer = 1; layer < layers; layer++)
        {
            var i = resume + layer - 1;
            var last = i == stages - 1;
            var row = p.TemplateRow(i);
            var offset = p.TransferOffset(i);
            var previous = layer == 1 ? sourceList : eligible.AsSpan(eligibleStart[i - 1], eligibleStart[i] - eligibleStart[i - 1]);
            var from = (layer - 1) * k;
            for (var e = eligibleStart[i]; e < eligibleStart[i + 1]; e++)
            {
                var m = eligible[e];
                var index = layer * k + m;
                rangeStart[index] = rangeEnd[index] = labels.Count;
                var lbA = boundA[index];
                var lbB = boundB[index];
                if (lbB > deadline)
                {
                    continue; // every label here would finish late
                }

                var latency = latencies[row + m];
                var optionCost = costs[row + m];
                var returnUs = last ? transfers[p.TransferOffset(stages) + m * k + p.Origin] : 0;
                var lbC = leastCost[index];
                var useBound = useLagrange && !last;
                var lagrangeBound = useBound ? lagrange[index] - lambda * deadline - 0.5 : 0;
                var optionLagrange = optionCost + lambda * latency;
                var ready = available[m];
                var candidates = ws.Candidates;
                var candidateCount = 0;
                var times = labels.Time;
                var sunkCosts = labels.Cost;
                foreach (var n in previous)
                {
                    var labelStart = rangeStart[from + n];
                    var labelEnd = rangeEnd[from + n];

                    // Labels are in falling money: the last is the cheapest; the whole list is skipped when it cannot
                    // beat the incumbent, or when its least money + lambda x time cannot.
                    if (labelStart == labelEnd || sunkCosts[labelEnd - 1] + optionCost + lbC > incumbentCost)
                    {
                        continue;
                    }

                    var transfer = transfers[offset + n * k + m];

                    // The extra 0.25 covers rounding of the aggregate (costs are whole units).
                    if (useBound && minLagrange[from + n] + optionLagrange + lambda * transfer + lagrangeBound - 0.25 > incumbentCost)
                    {
                        continue;
                    }

                    // Labels are in rising time, so once the time bound fails it fails for the rest of the list.
                    for (var j = labelStart; j < labelEnd; j++)
                    {
                        var t = Math.Max(times[j] + transfer, ready) + latency;
                        var c = sunkCosts[j] + optionCost;
                        if (last)
                        {
                            var completion = t + returnUs;
                            if (completion > deadline)
                            {
                                break;
                            }

                            if (c < incumbentCost || (c == incumbentCost && completion < incumbentTime))
                            {
                                incumbentCost = c;
                                incumbentTime = completion;
                                WritePrefix(p, labels, j, i, m, bestNode);
                            }

                            continue;
                        }

                        if (t + lbA > deadline)
                        {
                            break;
                        }

                        var costBound = c + lbC;
                        if (costBound > incumbentCost || (costBound == incumbentCost && Math.Max(t + lbA, lbB) >= incumbentTime))
                        {
                            continue;
                        }

                        // Costs are whole units, so exceeding the incumbent by more than half a unit means by at least one.
                        if (useBound && c + lagrangeBound + lambda * t > incumbentCost)
                        {
                            continue;
                        }

                        if (candidateCount == candidates.Length)
                        {
                            candidates = ws.GrowCandidates();
                        }

                        candidates[candidateCount++] = new SearchWorkspace.Candidate(t, c, j);
                    }
                }

                if (candidateCount == 0)
                {
                    continue;
                }

                // Pareto filter (rising time, strictly falling money); each kept label is finished along the Lagrangian and
                // the least-money continuations, which gives good incumbents early and may show the label cannot do better.
                SortByTimeThenCost(candidates.AsSpan(0, candidateCount));
                var lgA = lagrangeA[index];
                var lgB = lagrangeB[index];
                var lgCost = lagrangeCost[index];
                var chA = cheapA[index];
                var chB = cheapB[index];
                var keptCost = long.MaxValue;
                var leastLagrange = double.PositiveInfinity;
                for (var x = 0; x < candidateCount; x++)
                {
                    var (t, c, parent) = candidates[x];
                    if (c >= keptCost)
                    {
                        continue; // dominated by an earlier candidate
                    }

                    keptCost = c;
                    var costBound = c + lbC;
                    var timeBound = Math.Max(t + lbA, lbB);
                    if (costBound > incumbentCost || (costBound == incumbentCost && timeBound >= incumbentTime) || (useBound && c + lagrangeBound + lambda * t > incumbentCost))
                    {
                        continue; // the incumbent improved since the candidate was made
                    }

                    if (useBound)
                    {
                        var lagrangeCompletion = Math.Max(t + lgA, lgB);
                        var pathCost = c + lgCost;
                        if (lagrangeCompletion <= deadline && (pathCost < incumbentCost || (pathCost == incumbentCost && lagrangeCompletion < incumbentTime)))
                        {
                            incumbentCost = pathCost;
                            incumbentTime = lagrangeCompletion;
                            WritePrefix(p, labels, parent, i, m, bestNode);
                            WriteContinuation(p, ws.LagrangeNext, layer, m, bestNode);
                            if (costBound > incumbentCost || (costBound == incumbentCost && timeBound >= incumbentTime) || c + lagrangeBound + lambda * t > incumbentCost)
                            {
                                continue;
                            }
                        }
                    }

                    var cheapCompletion = Math.Max(t + chA, chB);
                    if (cheapCompletion <= deadline)
                    {
                        // costBound < incumbent, or equal with timeBound (<= cheapCompletion) below the incumbent's time.
                        if (costBound < incumbentCost || cheapCompletion < incumbentTime)
                        {
                            incumbentCost = costBound;
                            incumbentTime = cheapCompletion;
                            WritePrefix(p, labels, parent, i, m, bestNode);
                            WriteContinuation(p, ws.CheapNext, layer, m, bestNode);
                        }

                        if (timeBound >= incumbentTime)
                        {
                            continue; // no continuation is cheaper, and none of the cheapest is sooner
                        }
                    }

                    labels.Add(t, c, parent, m);
                    leastLagrange = Math.Min(leastLagrange, c + lambda * t);
                }

                minLagrange[index] = leastLagrange;
                rangeEnd[index] = labels.Count;
            }
        }

        return new SearchResult(bestNode, incumbentTime, incumbentCost, labels.Count);
    }

    /// <summary>Allowed nodes per stage as compact lists eligible[eligibleStart[i] .. eligibleStart[i + 1]); false when a stage has none.</summary>
    private static bool FillEligible(PlanningProblem p, bool[] mask, SearchWorkspace ws)
    {
        var k = p.NodeCount;
        var eligible = ws.Eligible;
        var eligibleStart = ws.EligibleStart;
        var count = 0;
        for (var i = p.Resume; i < p.StageCount; i++)
        {
            eligibleStart[i] = count;
            for (var n = 0; n < k; n++)
            {
                if (mask[i * k + n])
                {
                    eligible[count++] = n;
                }
            }

            if (count == eligibleStart[i])
            {
                return false;
            }
        }

        eligibleStart[p.StageCount] = count;
        return true;
    }

    /// <summary>
    /// Per state: least money to finish (exact), lower bounds (A, B) on the time to finish, the least-money continuation
    /// (ties: least additive time, then B) with its exact (A, B), and the least-additive-time continuation (ties: cheaper).
    /// </summary>
    private static void BackwardBounds(PlanningProblem p, SearchWorkspace ws, int layers)
    {
        var k = p.NodeCount;
        var stages = p.StageCount;
        var resume = p.Resume;
        var available = p.AvailableUs;
        var transfers = p.TransferTable;
        var latencies = p.OptionLatencies;
        var costs = p.OptionCosts;
        var eligible = ws.Eligible;
        var eligibleStart = ws.EligibleStart;
        var quickNext = ws.QuickNext;
        var quickCost = ws.QuickCost;
        var boundA = ws.BoundA;
        var boundB = ws.BoundB;
        var leastCost = ws.LeastCost;
        var cheapA = ws.CheapA;
        var cheapB = ws.CheapB;
        var cheapNext = ws.CheapNext;
        {
            var offset = p.TransferOffset(stages);
            for (var e = eligibleStart[stages - 1]; e < eligibleStart[stages]; e++)
            {
                var m = eligible[e];
                var index = (layers - 1) * k + m;
                boundA[index] = cheapA[index] = transfers[offset + m * k + p.Origin];
                quickNext[index] = -1;
                quickCost[index] = 0;
                boundB[index] = cheapB[index] = NegInf;
                leastCost[index] = 0;
            }
        }

        // Per next-stage node, the parts that do not depend on the current node are computed once per layer:
        // B and the least money are node-independent (waits and money do not depend on where the data comes from).
        var partA = ws.PartA;
        var partCost = ws.PartCost;
        var partCheapA = ws.PartCheapA;
        var partCheapB = ws.PartCheapB;
        var partQuickCost = ws.PartQuickCost;
        Span<int> sourceList = [p.Source];
        for (var layer = layers - 2; layer >= 0; layer--)
        {
            var done = resume + layer - 1;
            var next = done + 1;
            var row = p.TemplateRow(next);
            var offset = p.TransferOffset(next);
            var states = layer == 0 ? sourceList : eligible.AsSpan(eligibleStart[done], eligibleStart[done + 1] - eligibleStart[done]);
            var to = (layer + 1) * k;
            var nextNodes = eligible.AsSpan(eligibleStart[next], eligibleStart[next + 1] - eligibleStart[next]);
            long b = Inf, c = Inf;
            for (var x = 0; x < nextNodes.Length; x++)
            {
                var m = nextNodes[x];
                var nextIndex = to + m;
                var latency = latencies[row + m];
                var afterA = latency + boundA[nextIndex];
                partA[x] = afterA;
                partQuickCost[x] = costs[row + m] + quickCost[nextIndex];
                b = Math.Min(b, Math.Max(available[m] + afterA, boundB[nextIndex]));
                var cost = costs[row + m] + leastCost[nextIndex];
                partCost[x] = cost;
                c = Math.Min(c, cost);
                var cheapAfter = latency + cheapA[nextIndex];
                partCheapA[x] = cheapAfter;
                partCheapB[x] = Math.Max(available[m] + cheapAfter, cheapB[nextIndex]);
            }

            foreach (var n in states)
            {
                long a = Inf, ca = Inf, cb = Inf, qc = Inf;
                int cn = -1, qn = -1;
                var transferRow = offset + n * k;
                for (var x = 0; x < nextNodes.Length; x++)
                {
                    var m = nextNodes[x];
                    var transfer = transfers[transferRow + m];
                    var additive = transfer + partA[x];
                    if (additive < a || (additive == a && partQuickCost[x] < qc))
                    {
                        a = additive;
                        qc = partQuickCost[x];
                        qn = m;
                    }

                    if (partCost[x] == c)
                    {
                        var costA = transfer + partCheapA[x];
                        var costB = partCheapB[x];
                        if (costA < ca || (costA == ca && costB < cb))
                        {
                            ca = costA;
                            cb = costB;
                            cn = m;
                        }
                    }
                }

                var index = layer * k + n;
                boundA[index] = a;
                boundB[index] = b;
                leastCost[index] = c;
                cheapA[index] = ca;
                cheapB[index] = cb;
                cheapNext[index] = cn;
                quickNext[index] = qn;
                quickCost[index] = qc;
            }
        }
    }

    /// <summary>Soonest completion (ties: cheaper), one label per state (exact by monotonicity); writes its path.</summary>
    private static (long Completion, long Cost) Soonest(PlanningProblem p, SearchWorkspace ws, int layers, int[] nodeOf)
    {
        var k = p.NodeCount;
        var resume = p.Resume;
        var available = p.AvailableUs;
        var transfers = p.TransferTable;
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
            var offset = p.TransferOffset(i);
            var previous = layer == 1 ? sourceList : eligible.AsSpan(eligibleStart[i - 1], eligibleStart[i] - eligibleStart[i - 1]);
            var from = (layer - 1) * k;
            for (var e = eligibleStart[i]; e < eligibleStart[i + 1]; e++)
            {
                var m = eligible[e];
                var latency = latencies[row + m];
                var optionCost = costs[row + m];
                var ready = available[m];
                long bestTime = Inf, bestCost = Inf;
                var bestPrev = -1;
                foreach (var n in previous)
                {
                    var arrival = Math.Max(fastTime[from + n] + transfers[offset + n * k + m], ready) + latency;
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
        var returnOffset = p.TransferOffset(p.StageCount);
        for (var e = eligibleStart[p.StageCount - 1]; e < eligibleStart[p.StageCount]; e++)
        {
            var m = eligible[e];
            var completion = fastTime[(layers - 1) * k + m] + transfers[returnOffset + m * k + p.Origin];
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

    /// <summary>W_lambda per state with its minimising continuation and that continuation's exact (A, B) and money.</summary>
    private static void LagrangeBounds(PlanningProblem p, double lambda, int layers, SearchWorkspace ws)
    {
        var k = p.NodeCount;
        var stages = p.StageCount;
        var resume = p.Resume;
        var w = ws.Lagrange;
        var next = ws.LagrangeNext;
        var pathA = ws.LagrangeA;
        var pathB = ws.LagrangeB;
        var pathCost = ws.LagrangeCost;
        var available = p.AvailableUs;
        var eligible = ws.Eligible;
        var eligibleStart = ws.EligibleStart;
        var transfers = p.TransferTable;
        var latencies = p.OptionLatencies;
        var costs = p.OptionCosts;
        var partValue = ws.PartValue;
        Span<int> sourceList = [p.Source];
        {
            var offset = p.TransferOffset(stages);
            for (var e = eligibleStart[stages - 1]; e < eligibleStart[stages]; e++)
            {
                var m = eligible[e];
                var index = (layers - 1) * k + m;
                var returnUs = transfers[offset + m * k + p.Origin];
                w[index] = lambda * returnUs;
                pathA[index] = returnUs;
                pathB[index] = NegInf;
                pathCost[index] = 0;
            }
        }

        for (var layer = layers - 2; layer >= 0; layer--)
        {
            var done = resume + layer - 1;
            var nextStage = done + 1;
            var row = p.TemplateRow(nextStage);
            var offset = p.TransferOffset(nextStage);
            var states = layer == 0 ? sourceList : eligible.AsSpan(eligibleStart[done], eligibleStart[done + 1] - eligibleStart[done]);
            var to = (layer + 1) * k;

            // Money + lambda x compute of each next node, plus what follows it: independent of the current node.
            var nextNodes = eligible.AsSpan(eligibleStart[nextStage], eligibleStart[nextStage + 1] - eligibleStart[nextStage]);
            for (var x = 0; x < nextNodes.Length; x++)
            {
                var m = nextNodes[x];
                partValue[x] = costs[row + m] + lambda * latencies[row + m] + w[to + m];
            }

            foreach (var n in states)
            {
                var best = double.PositiveInfinity;
                var bestX = 0;
                var transferRow = offset + n * k;
                for (var x = 0; x < nextNodes.Length; x++)
                {
                    var value = lambda * transfers[transferRow + nextNodes[x]] + partValue[x];
                    if (value < best)
                    {
                        best = value;
                        bestX = x;
                    }
                }

                // Exact (A, B) and money of the chosen continuation: completion from time t is max(t + A, B).
                var index = layer * k + n;
                var chosen = nextNodes[bestX];
                var after = to + chosen;
                var latency = latencies[row + chosen];
                w[index] = best;
                next[index] = chosen;
                pathA[index] = transfers[transferRow + chosen] + latency + pathA[after];
                pathB[index] = Math.Max(available[chosen] + latency + pathA[after], pathB[after]);
                pathCost[index] = costs[row + chosen] + pathCost[after];
            }
        }
    }

    private static (long Cost, long Additive) CostAndAdditiveTime(PlanningProblem p, int[] nodeOf)
    {
        long cost = 0, additive = 0;
        var previous = p.Source;
        for (var s = p.Resume; s < p.StageCount; s++)
        {
            var n = nodeOf[s];
            additive += p.Transfer(s, previous, n) + p.OptionLatencyUs(s, n);
            cost += p.OptionCostPico(s, n);
            previous = n;
        }

        return (cost, additive + p.Transfer(p.StageCount, previous, p.Origin));
    }

    private static long Completion(PlanningProblem p, int[] nodeOf)
    {
        var time = p.StartUs;
        var previous = p.Source;
        for (var s = p.Resume; s < p.StageCount; s++)
        {
            var n = nodeOf[s];
            time = Math.Max(time + p.Transfer(s, previous, n), p.AvailableUs[n]) + p.OptionLatencyUs(s, n);
            previous = n;
        }

        return time + p.Transfer(p.StageCount, previous, p.Origin);
    }

    /// <summary>Writes node <paramref name="node"/> for <paramref name="stage"/> and the label chain of <paramref name="parent"/> before it.</summary>
    private static void WritePrefix(PlanningProblem p, LabelArena labels, int parent, int stage, int node, int[] nodeOf)
    {
        nodeOf[stage] = node;
        var labelNode = labels.Node;
        var labelParent = labels.Parent;
        for (var s = stage - 1; s >= p.Resume; s--)
        {
            nodeOf[s] = labelNode[parent];
            parent = labelParent[parent];
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

    private static void SortByTimeThenCost(Span<SearchWorkspace.Candidate> items)
    {
        // Insertion sort: small lists, stable, no allocation.
        for (var x = 1; x < items.Length; x++)
        {
            var item = items[x];
            var y = x - 1;
            while (y >= 0 && (items[y].Time > item.Time || (items[y].Time == item.Time && items[y].Cost > item.Cost)))
            {
                items[y + 1] = items[y];
                y--;
            }

            items[y + 1] = item;
        }
    }
}
