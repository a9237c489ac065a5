namespace HybridAI.Planning;

/// <summary>
/// Exact search for the plan with the least money that completes by the deadline (ties: sooner), or, when nothing
/// can, the soonest plan (ties: cheaper).
/// <para>
/// Model: a stage on node m starts at max(previous end + transfer, m's slot-free time) and takes the variant's latency;
/// money is additive. For a fixed continuation the completion is max(t + A, B) of the time t a state is reached,
/// so it is monotone in t, and a state is (stage, node).
/// </para>
/// <para>
/// Steps: (1) a single-label forward pass gives the soonest completion T_min (exact by monotonicity); the effective
/// deadline is max(deadline, T_min), so the late case is the same problem. (2) A backward pass gives, per state, the
/// exact least money to finish, lower bounds (A, B) on the time to finish, and the least-money continuation with its
/// exact (A, B). (2b) A Lagrangian bound W_lambda (least money + lambda x additive time to finish), lambda tuned by
/// Handler-Zang steps. (3) A forward label-setting pass keeps per state the Pareto set of (time, money) labels; a label
/// is dropped when its time bound misses the deadline or a money bound (exact least money, or the Lagrangian bound)
/// cannot beat the incumbent; finishing a label along the least-money or the Lagrangian continuation may give a new
/// incumbent. Dropped labels can only lead to plans no better than the incumbent, so the result is the exact optimum.
/// </para>
/// </summary>
internal static class PlacementSearch
{
    private const long Inf = PlanningProblem.Infinity;
    private const long NegInf = PlanningProblem.NegativeInfinity;
    private const int MaxLagrangeSteps = 1;

    /// <summary>Returns null when some stage has no allowed node.</summary>
    public static SearchResult? Run(PlanningProblem p, bool[] mask)
    {
        var k = p.NodeCount;
        var stages = p.StageCount;
        var resume = p.Resume;
        var layers = stages - resume + 1; // layer 0: the checkpoint; layer L: after stage resume + L - 1
        var origin = p.Origin;
        var source = p.Source;
        var available = p.AvailableUs;
        var transfers = p.TransferTable;
        var optionStarts = p.OptionStarts;
        var optionCounts = p.OptionCounts;
        var latencies = p.OptionLatencies;
        var costs = p.OptionCosts;
        var ws = SearchWorkspace.For(layers * k, stages + 1, k);

        // Allowed nodes per stage, as compact lists: eligible[eligibleStart[i] .. eligibleStart[i + 1]).
        var eligible = ws.Eligible;
        var eligibleStart = ws.EligibleStart;
        var count = 0;
        for (var i = resume; i < stages; i++)
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
                return null;
            }
        }

        eligibleStart[stages] = count;

        // One node with one option per stage (baselines under privacy pins, single-pool policies): the plan is forced.
        var forced = true;
        for (var i = resume; i < stages && forced; i++)
        {
            forced = eligibleStart[i + 1] - eligibleStart[i] == 1 && optionCounts[p.TemplateRow(i) + eligible[eligibleStart[i]]] == 1;
        }

        if (forced)
        {
            var nodeOf = new int[stages];
            var time = p.StartUs;
            var total = 0L;
            var at = source;
            for (var i = resume; i < stages; i++)
            {
                var m = eligible[eligibleStart[i]];
                var option = optionStarts[p.TemplateRow(i) + m];
                time = Math.Max(time + transfers[p.TransferOffset(i) + at * k + m], available[m]) + latencies[option];
                total += costs[option];
                nodeOf[i] = m;
                at = m;
            }

            return new SearchResult(nodeOf, new int[stages], time + transfers[p.TransferOffset(stages) + at * k + origin], total, stages - resume);
        }
        Span<int> sourceList = [source];

        // (2) Backward bounds and least-money continuations.
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
                boundA[index] = cheapA[index] = transfers[offset + m * k + origin];
                quickNext[index] = -1;
                quickCost[index] = 0;
                boundB[index] = cheapB[index] = NegInf;
                leastCost[index] = 0;
            }
        }

        // Per next-stage node, the parts that do not depend on the current node are computed once per layer:
        // b and the least money are node-independent (waits and money do not depend on where the data comes from).
        var partX = ws.PartX;
        var partC = ws.PartC;
        var partCheapA = ws.PartCheapA;
        var partCheapB = ws.PartCheapB;
        var partQuickCost = ws.PartQuickCost;
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
                var start = optionStarts[row + m];
                var cheapest = start + optionCounts[row + m] - 1;
                var afterA = latencies[start] + boundA[nextIndex];
                partX[x] = afterA;
                partQuickCost[x] = costs[start] + quickCost[nextIndex];
                b = Math.Min(b, Math.Max(available[m] + afterA, boundB[nextIndex]));
                var cost = costs[cheapest] + leastCost[nextIndex];
                partC[x] = cost;
                c = Math.Min(c, cost);
                var cheapAfter = latencies[cheapest] + cheapA[nextIndex];
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
                    var additive = transfer + partX[x];
                    if (additive < a || (additive == a && partQuickCost[x] < qc))
                    {
                        a = additive;
                        qc = partQuickCost[x];
                        qn = m;
                    }

                    if (partC[x] == c)
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

        // (1) The least-additive-time path of the backward pass: when it is on time, the deadline is the effective one
        // and it is the first incumbent. Otherwise the soonest completion is needed: a single-label forward pass.
        var bestNode = new int[stages];
        var bestOption = new int[stages];
        long deadline, incumbentCost, incumbentTime;
        {
            var node = source;
            for (int s = resume, layer = 0; s < stages; s++, layer++)
            {
                node = quickNext[layer * k + node];
                bestNode[s] = node;
                bestOption[s] = 0;
            }

            incumbentCost = quickCost[source];
            incumbentTime = Completion(p, bestNode, bestOption);
            deadline = p.DeadlineUs;
        }

        if (incumbentTime > p.DeadlineUs)
        {
            // (1) Soonest completion, single label per state (ties: cheaper).
            var fastTime = ws.FastTime;
            var fastCost = ws.FastCost;
            var fastPrev = ws.FastPrev;
            fastTime[source] = p.StartUs;
            fastCost[source] = 0;
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
                    var option = optionStarts[row + m];
                    var latency = latencies[option];
                    var optionCost = costs[option];
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
            {
                var offset = p.TransferOffset(stages);
                for (var e = eligibleStart[stages - 1]; e < eligibleStart[stages]; e++)
                {
                    var m = eligible[e];
                    var completion = fastTime[(layers - 1) * k + m] + transfers[offset + m * k + origin];
                    var cost = fastCost[(layers - 1) * k + m];
                    if (completion < soonest || (completion == soonest && cost < soonestCost))
                    {
                        soonest = completion;
                        soonestCost = cost;
                        soonestNode = m;
                    }
                }
            }

            deadline = Math.Max(p.DeadlineUs, soonest);
            for (int layer = layers - 1, m = soonestNode; layer >= 1; layer--)
            {
                bestNode[resume + layer - 1] = m;
                bestOption[resume + layer - 1] = 0;
                m = fastPrev[layer * k + m];
            }

            incumbentCost = soonestCost;
            incumbentTime = soonest;
        }

        // The cheapest plan regardless of the deadline, if it is on time.
        {
            var cheapestCompletion = Math.Max(p.StartUs + cheapA[source], cheapB[source]);
            var cost = leastCost[source];
            if (cheapestCompletion <= deadline && (cost < incumbentCost || (cost == incumbentCost && cheapestCompletion < incumbentTime)))
            {
                incumbentCost = cost;
                incumbentTime = cheapestCompletion;
                WriteCheapContinuation(p, cheapNext, 0, source, bestNode, bestOption);
            }
        }

        // (2b) Lagrangian bound: for lambda >= 0 any on-time continuation from a state has
        // cost >= W(state) - lambda * (deadline - t), W = min over continuations of cost + lambda * additive time
        // (additive time: transfers and compute, no queue waits, so it never exceeds the true time).
        // Lambda is tuned on the source by Handler-Zang steps; each step's path may also become the incumbent.
        var lagrange = ws.Lagrange;
        var lambda = 0.0;
        var useLagrange = false;
        {
            var slack = deadline - p.StartUs;
            var (fastCostTotal, fastAdditive) = CostAndAdditiveTime(p, bestNode, bestOption);
            long cheapCostTotal = leastCost[source], cheapAdditive = cheapA[source];
            var pathNode = ws.PathNode;
            var pathOption = ws.PathOption;
            for (var step = 0; step < MaxLagrangeSteps && cheapAdditive > slack && fastCostTotal > cheapCostTotal && fastAdditive < cheapAdditive; step++)
            {
                lambda = (double)(fastCostTotal - cheapCostTotal) / (cheapAdditive - fastAdditive);
                LagrangePass(p, lambda, layers, ws);
                useLagrange = true;
                WriteLagrangePath(p, ws.LagrangeNext, ws.LagrangeOption, pathNode, pathOption);
                var (pathCost, pathAdditive) = CostAndAdditiveTime(p, pathNode, pathOption);
                var pathCompletion = Completion(p, pathNode, pathOption);
                if (pathCompletion <= deadline && (pathCost < incumbentCost || (pathCost == incumbentCost && pathCompletion < incumbentTime)))
                {
                    incumbentCost = pathCost;
                    incumbentTime = pathCompletion;
                    Array.Copy(pathNode, resume, bestNode, resume, stages - resume);
                    Array.Copy(pathOption, resume, bestOption, resume, stages - resume);
                }

                if (pathCost + lambda * pathAdditive >= fastCostTotal + lambda * fastAdditive - 1e-6)
                {
                    break; // no path beats the current pair at this lambda: it maximises the dual
                }

                if (pathAdditive <= slack)
                {
                    (fastCostTotal, fastAdditive) = (pathCost, pathAdditive);
                }
                else
                {
                    (cheapCostTotal, cheapAdditive) = (pathCost, pathAdditive);
                }
            }
        }

        // (3) Label setting.
        var labels = ws.Labels;
        labels.Add(p.StartUs, 0, -1, source, 0);
        var rangeStart = ws.RangeStart;
        var rangeEnd = ws.RangeEnd;
        rangeStart[source] = 0;
        rangeEnd[source] = 1;
        var minLagrange = ws.MinLagrange;
        minLagrange[source] = lambda * p.StartUs;
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
                if (!last && leastCost[index] >= Inf)
                {
                    continue;
                }

                var optionStart = optionStarts[row + m];
                var optionCount = optionCounts[row + m];
                var returnUs = last ? p.Transfer(stages, m, origin) : 0;
                var lbA = boundA[index];
                var lbB = boundB[index];
                var lbC = leastCost[index];
                var chA = cheapA[index];
                var chB = cheapB[index];
                var lagrangeBound = useLagrange ? lagrange[index] - lambda * deadline - 0.5 : 0;
                var lgA = ws.LagrangeA[index];
                var lgB = ws.LagrangeB[index];
                var lgCost = ws.LagrangeCost[index];
                var ready = available[m];
                var candidates = ws.Candidates;
                var candidateCount = 0;
                var times = labels.Time;
                var sunkCosts = labels.Cost;
                // Whole predecessor lists are skipped when even their cheapest label, or their least cost + lambda x time,
                // cannot beat the incumbent (every label of the list would fail the same test below).
                var cheapestOptionCost = costs[optionStart + optionCount - 1];
                var leastOptionLagrange = double.PositiveInfinity;
                if (useLagrange && !last)
                {
                    for (var o = 0; o < optionCount; o++)
                    {
                        leastOptionLagrange = Math.Min(leastOptionLagrange, costs[optionStart + o] + lambda * latencies[optionStart + o]);
                    }
                }

                foreach (var n in previous)
                {
                    var labelStart = rangeStart[from + n];
                    var labelEnd = rangeEnd[from + n];
                    if (labelStart == labelEnd || sunkCosts[labelEnd - 1] + cheapestOptionCost + lbC > incumbentCost)
                    {
                        continue; // labels are in falling money: the last is the cheapest
                    }

                    var transfer = transfers[offset + n * k + m];

                    // c + lambda x t >= (label money + lambda x label time) + option money + lambda x (transfer + option latency);
                    // the extra 0.25 covers rounding of the aggregate (costs are whole units).
                    if (useLagrange && !last && minLagrange[from + n] + leastOptionLagrange + lambda * transfer + lagrangeBound - 0.25 > incumbentCost)
                    {
                        continue;
                    }

                    // Labels are in rising time and options in rising latency, so once the time bound fails it fails for the rest.
                    var tooLate = false;
                    for (int j = labelStart; j < labelEnd && !tooLate; j++)
                    {
                        var begin = Math.Max(times[j] + transfer, ready);
                        var sunk = sunkCosts[j];
                        for (var o = 0; o < optionCount; o++)
                        {
                            var t = begin + latencies[optionStart + o];
                            var c = sunk + costs[optionStart + o];
                            if (last)
                            {
                                var completion = t + returnUs;
                                if (completion > deadline)
                                {
                                    tooLate = o == 0;
                                    break;
                                }

                                if (c < incumbentCost || (c == incumbentCost && completion < incumbentTime))
                                {
                                    incumbentCost = c;
                                    incumbentTime = completion;
                                    WritePrefix(p, labels, j, i, m, o, bestNode, bestOption);
                                }

                                continue;
                            }

                            var timeBound = Math.Max(t + lbA, lbB);
                            if (timeBound > deadline)
                            {
                                tooLate = o == 0;
                                break;
                            }

                            var costBound = c + lbC;
                            if (costBound > incumbentCost || (costBound == incumbentCost && timeBound >= incumbentTime))
                            {
                                continue;
                            }

                            // Costs are whole units, so exceeding the incumbent by more than half a unit means by at least one.
                            if (useLagrange && c + lagrangeBound + lambda * t > incumbentCost)
                            {
                                continue;
                            }

                            // Finishing along the Lagrangian policy gives good incumbents early.
                            if (useLagrange)
                            {
                                var lagrangeCompletion = Math.Max(t + lgA, lgB);
                                var lagrangeCost = c + lgCost;
                                if (lagrangeCompletion <= deadline && (lagrangeCost < incumbentCost || (lagrangeCost == incumbentCost && lagrangeCompletion < incumbentTime)))
                                {
                                    incumbentCost = lagrangeCost;
                                    incumbentTime = lagrangeCompletion;
                                    WritePrefix(p, labels, j, i, m, o, bestNode, bestOption);
                                    WriteLagrangeContinuation(p, ws.LagrangeNext, ws.LagrangeOption, layer, m, bestNode, bestOption);
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
                                    WritePrefix(p, labels, j, i, m, o, bestNode, bestOption);
                                    WriteCheapContinuation(p, cheapNext, layer, m, bestNode, bestOption);
                                }

                                if (timeBound >= incumbentTime)
                                {
                                    continue;
                                }
                            }

                            if (candidateCount == candidates.Length)
                            {
                                ws.GrowCandidates();
                                candidates = ws.Candidates;
                            }

                            candidates[candidateCount++] = new SearchWorkspace.Candidate(t, c, j, o);
                        }
                    }
                }

                if (last || candidateCount == 0)
                {
                    continue;
                }

                SortByTimeThenCost(candidates.AsSpan(0, candidateCount));
                var keptCost = long.MaxValue;
                var leastLagrange = double.PositiveInfinity;
                for (var x = 0; x < candidateCount; x++)
                {
                    ref readonly var candidate = ref candidates[x];
                    if (candidate.Cost < keptCost)
                    {
                        labels.Add(candidate.Time, candidate.Cost, candidate.Parent, m, candidate.Option);
                        keptCost = candidate.Cost;
                        leastLagrange = Math.Min(leastLagrange, candidate.Cost + lambda * candidate.Time);
                    }
                }

                minLagrange[index] = leastLagrange;

                rangeEnd[index] = labels.Count;
                times = labels.Time;
                sunkCosts = labels.Cost;
            }
        }

        return new SearchResult(bestNode, bestOption, incumbentTime, incumbentCost, labels.Count);
    }

    private static void LagrangePass(PlanningProblem p, double lambda, int layers, SearchWorkspace ws)
    {
        var k = p.NodeCount;
        var stages = p.StageCount;
        var resume = p.Resume;
        var w = ws.Lagrange;
        var next = ws.LagrangeNext;
        var nextOption = ws.LagrangeOption;
        var pathA = ws.LagrangeA;
        var pathB = ws.LagrangeB;
        var pathCost = ws.LagrangeCost;
        var available = p.AvailableUs;
        var eligible = ws.Eligible;
        var eligibleStart = ws.EligibleStart;
        var transfers = p.TransferTable;
        var optionStarts = p.OptionStarts;
        var optionCounts = p.OptionCounts;
        var latencies = p.OptionLatencies;
        var costs = p.OptionCosts;
        var partValue = ws.PartValue;
        var partOption = ws.PartOption;
        Span<int> sourceList = [p.Source];
        {
            var offset = p.TransferOffset(stages);
            for (var e = eligibleStart[stages - 1]; e < eligibleStart[stages]; e++)
            {
                var m = eligible[e];
                var index = (layers - 1) * k + m;
                w[index] = lambda * transfers[offset + m * k + p.Origin];
                pathA[index] = transfers[offset + m * k + p.Origin];
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
            // Money + lambda x compute of the best option per next node, plus what follows it: independent of the current node.
            var nextNodes = eligible.AsSpan(eligibleStart[nextStage], eligibleStart[nextStage + 1] - eligibleStart[nextStage]);
            for (var x = 0; x < nextNodes.Length; x++)
            {
                var m = nextNodes[x];
                var start = optionStarts[row + m];
                var count = optionCounts[row + m];
                var best = double.PositiveInfinity;
                var bestOption = 0;
                for (var o = 0; o < count; o++)
                {
                    var value = costs[start + o] + lambda * latencies[start + o];
                    if (value < best)
                    {
                        best = value;
                        bestOption = o;
                    }
                }

                partValue[x] = best + w[to + m];
                partOption[x] = bestOption;
            }

            foreach (var n in states)
            {
                var best = double.PositiveInfinity;
                var bestX = -1;
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

                var index = layer * k + n;
                w[index] = best;
                if (bestX >= 0)
                {
                    var bestNext = nextNodes[bestX];
                    var bestOption = partOption[bestX];
                    next[index] = bestNext;
                    nextOption[index] = bestOption;

                    // Exact (A, B) and money of the chosen continuation: completion from time t is max(t + A, B).
                    var chosen = optionStarts[row + bestNext] + bestOption;
                    var after = to + bestNext;
                    var stepUs = transfers[transferRow + bestNext] + latencies[chosen];
                    pathA[index] = stepUs + pathA[after];
                    pathB[index] = Math.Max(available[bestNext] + latencies[chosen] + pathA[after], pathB[after]);
                    pathCost[index] = costs[chosen] + pathCost[after];
                }
                else
                {
                    next[index] = -1;
                    nextOption[index] = 0;
                }
            }
        }
    }

    private static void WriteLagrangeContinuation(PlanningProblem p, int[] next, int[] nextOption, int layer, int node, int[] nodeOf, int[] optionOf)
    {
        var k = p.NodeCount;
        for (var s = p.Resume + layer; s < p.StageCount; s++, layer++)
        {
            var index = layer * k + node;
            nodeOf[s] = next[index];
            optionOf[s] = nextOption[index];
            node = next[index];
        }
    }

    private static void WriteLagrangePath(PlanningProblem p, int[] next, int[] nextOption, int[] nodeOf, int[] optionOf)
    {
        var k = p.NodeCount;
        var node = p.Source;
        for (int s = p.Resume, layer = 0; s < p.StageCount; s++, layer++)
        {
            nodeOf[s] = next[layer * k + node];
            optionOf[s] = nextOption[layer * k + node];
            node = nodeOf[s];
        }
    }

    private static (long Cost, long Additive) CostAndAdditiveTime(PlanningProblem p, int[] nodeOf, int[] optionOf)
    {
        long cost = 0, additive = 0;
        var previous = p.Source;
        for (var s = p.Resume; s < p.StageCount; s++)
        {
            var option = p.OptionStart(s, nodeOf[s]) + optionOf[s];
            additive += p.Transfer(s, previous, nodeOf[s]) + p.OptionLatencyUs(option);
            cost += p.OptionCostPico(option);
            previous = nodeOf[s];
        }

        return (cost, additive + p.Transfer(p.StageCount, previous, p.Origin));
    }

    private static long Completion(PlanningProblem p, int[] nodeOf, int[] optionOf)
    {
        var time = p.StartUs;
        var previous = p.Source;
        for (var s = p.Resume; s < p.StageCount; s++)
        {
            var n = nodeOf[s];
            time = Math.Max(time + p.Transfer(s, previous, n), p.AvailableUs[n]) + p.OptionLatencyUs(p.OptionStart(s, n) + optionOf[s]);
            previous = n;
        }

        return time + p.Transfer(p.StageCount, previous, p.Origin);
    }

    private static void WritePrefix(PlanningProblem p, LabelArena labels, int parent, int stage, int node, int option, int[] nodeOf, int[] optionOf)
    {
        nodeOf[stage] = node;
        optionOf[stage] = option;
        for (var s = stage - 1; s >= p.Resume; s--)
        {
            nodeOf[s] = labels.Node[parent];
            optionOf[s] = labels.Option[parent];
            parent = labels.Parent[parent];
        }
    }

    private static void WriteCheapContinuation(PlanningProblem p, int[] cheapNext, int layer, int node, int[] nodeOf, int[] optionOf)
    {
        var k = p.NodeCount;
        for (var s = p.Resume + layer; s < p.StageCount; s++, layer++)
        {
            var next = cheapNext[layer * k + node];
            nodeOf[s] = next;
            optionOf[s] = p.OptionCount(s, next) - 1;
            node = next;
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
