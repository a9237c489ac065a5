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
/// exact (A, B). (3) A forward label-setting pass keeps per state the Pareto set of (time, money) labels; a label is
/// dropped when its time bound misses the deadline or its money bound cannot beat the incumbent; a label whose
/// least-money continuation is on time becomes an incumbent. Dropped labels can only lead to plans no better than
/// the incumbent, so the result is the exact optimum.
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
        var origin = p.Origin;
        var available = p.AvailableUs;
        for (var i = resume; i < stages; i++)
        {
            if (FirstAllowed(mask, i, k) < 0)
            {
                return null;
            }
        }

        // (1) Soonest completion, single label per state (ties: cheaper).
        var fastTime = new long[layers * k];
        var fastCost = new long[layers * k];
        var fastPrev = new int[layers * k];
        Array.Fill(fastTime, Inf);
        fastTime[p.Source] = p.StartUs;
        for (var layer = 1; layer < layers; layer++)
        {
            var i = resume + layer - 1;
            for (var m = 0; m < k; m++)
            {
                if (!mask[i * k + m])
                {
                    continue;
                }

                var option = p.OptionStart(i, m);
                var latency = p.OptionLatencyUs(option);
                var optionCost = p.OptionCostPico(option);
                long bestTime = Inf, bestCost = Inf;
                var bestPrev = -1;
                for (var n = 0; n < k; n++)
                {
                    var t = fastTime[(layer - 1) * k + n];
                    if (t >= Inf)
                    {
                        continue;
                    }

                    var arrival = Math.Max(t + p.Transfer(i, n, m), available[m]) + latency;
                    var cost = fastCost[(layer - 1) * k + n] + optionCost;
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
        for (var m = 0; m < k; m++)
        {
            var t = fastTime[(layers - 1) * k + m];
            if (t >= Inf)
            {
                continue;
            }

            var completion = t + p.Transfer(stages, m, origin);
            var cost = fastCost[(layers - 1) * k + m];
            if (completion < soonest || (completion == soonest && cost < soonestCost))
            {
                soonest = completion;
                soonestCost = cost;
                soonestNode = m;
            }
        }

        var deadline = Math.Max(p.DeadlineUs, soonest);
        var bestNode = new int[stages];
        var bestOption = new int[stages];
        for (int layer = layers - 1, m = soonestNode; layer >= 1; layer--)
        {
            bestNode[resume + layer - 1] = m;
            bestOption[resume + layer - 1] = 0;
            m = fastPrev[layer * k + m];
        }

        var incumbentCost = soonestCost;
        var incumbentTime = soonest;

        // (2) Backward bounds and least-money continuations.
        var boundA = new long[layers * k];
        var boundB = new long[layers * k];
        var leastCost = new long[layers * k];
        var cheapA = new long[layers * k];
        var cheapB = new long[layers * k];
        var cheapNext = new int[layers * k];
        Array.Fill(boundA, Inf);
        Array.Fill(leastCost, Inf);
        for (var m = 0; m < k; m++)
        {
            if (mask[(stages - 1) * k + m])
            {
                var index = (layers - 1) * k + m;
                boundA[index] = cheapA[index] = p.Transfer(stages, m, origin);
                boundB[index] = cheapB[index] = NegInf;
                leastCost[index] = 0;
            }
        }

        for (var layer = layers - 2; layer >= 0; layer--)
        {
            var done = resume + layer - 1;
            var next = done + 1;
            for (var n = 0; n < k; n++)
            {
                if (layer == 0 ? n != p.Source : !mask[done * k + n])
                {
                    continue;
                }

                long a = Inf, b = Inf, c = Inf, ca = Inf, cb = Inf;
                var cn = -1;
                for (var m = 0; m < k; m++)
                {
                    var nextIndex = (layer + 1) * k + m;
                    if (!mask[next * k + m] || leastCost[nextIndex] >= Inf)
                    {
                        continue;
                    }

                    var transfer = p.Transfer(next, n, m);
                    var start = p.OptionStart(next, m);
                    var fastest = p.OptionLatencyUs(start);
                    var cheapest = start + p.OptionCount(next, m) - 1;
                    var cheapLatency = p.OptionLatencyUs(cheapest);
                    a = Math.Min(a, transfer + fastest + boundA[nextIndex]);
                    b = Math.Min(b, Math.Max(available[m] + fastest + boundA[nextIndex], boundB[nextIndex]));
                    var cost = p.OptionCostPico(cheapest) + leastCost[nextIndex];
                    var costA = transfer + cheapLatency + cheapA[nextIndex];
                    var costB = Math.Max(available[m] + cheapLatency + cheapA[nextIndex], cheapB[nextIndex]);
                    if (cost < c || (cost == c && (costA < ca || (costA == ca && costB < cb))))
                    {
                        c = cost;
                        ca = costA;
                        cb = costB;
                        cn = m;
                    }
                }

                var index = layer * k + n;
                boundA[index] = a;
                boundB[index] = b;
                leastCost[index] = c;
                cheapA[index] = ca;
                cheapB[index] = cb;
                cheapNext[index] = cn;
            }
        }

        // (2b) Lagrangian bound: for lambda >= 0 any on-time continuation from a state has
        // cost >= W(state) - lambda * (deadline - t), W = min over continuations of cost + lambda * additive time
        // (additive time: transfers and compute, no queue waits, so it never exceeds the true time).
        // Lambda is tuned on the source by Handler-Zang steps; each step's path may also become the incumbent.
        var lagrange = new double[layers * k];
        var lagrangeNext = new int[layers * k];
        var lagrangeOption = new int[layers * k];
        var lambda = 0.0;
        var useLagrange = false;
        {
            var slack = deadline - p.StartUs;
            long fastCostTotal = incumbentCost, fastAdditive = AdditiveTime(p, bestNode, bestOption);
            long cheapCostTotal = leastCost[p.Source], cheapAdditive = cheapA[p.Source];
            var pathNode = new int[stages];
            var pathOption = new int[stages];
            for (var step = 0; step < 4 && cheapAdditive > slack && fastCostTotal > cheapCostTotal && fastAdditive < cheapAdditive; step++)
            {
                lambda = (double)(fastCostTotal - cheapCostTotal) / (cheapAdditive - fastAdditive);
                LagrangePass(p, mask, lambda, layers, lagrange, lagrangeNext, lagrangeOption);
                useLagrange = true;
                WriteLagrangePath(p, lagrangeNext, lagrangeOption, pathNode, pathOption);
                var (pathCost, pathAdditive) = CostAndAdditiveTime(p, pathNode, pathOption);
                var pathCompletion = Completion(p, pathNode, pathOption);
                if (pathCompletion <= deadline && (pathCost < incumbentCost || (pathCost == incumbentCost && pathCompletion < incumbentTime)))
                {
                    incumbentCost = pathCost;
                    incumbentTime = pathCompletion;
                    Array.Copy(pathNode, bestNode, stages);
                    Array.Copy(pathOption, bestOption, stages);
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

        var labels = new LabelArena(64);
        labels.Add(p.StartUs, 0, -1, p.Source, 0);
        var rangeStart = new int[layers * k];
        var rangeEnd = new int[layers * k];
        rangeEnd[p.Source] = 1;

        // The cheapest plan regardless of the deadline, if it is on time.
        {
            var cheapestCompletion = Math.Max(p.StartUs + cheapA[p.Source], cheapB[p.Source]);
            var cost = leastCost[p.Source];
            if (cheapestCompletion <= deadline && (cost < incumbentCost || (cost == incumbentCost && cheapestCompletion < incumbentTime)))
            {
                incumbentCost = cost;
                incumbentTime = cheapestCompletion;
                WriteCheapContinuation(p, cheapNext, 0, p.Source, bestNode, bestOption);
            }
        }

        // (3) Label setting.
        var candidates = new List<Candidate>(64);
        for (var layer = 1; layer < layers; layer++)
        {
            var i = resume + layer - 1;
            var last = i == stages - 1;
            for (var m = 0; m < k; m++)
            {
                if (!mask[i * k + m])
                {
                    continue;
                }

                var index = layer * k + m;
                rangeStart[index] = rangeEnd[index] = labels.Count;
                if (!last && leastCost[index] >= Inf)
                {
                    continue;
                }

                var optionStart = p.OptionStart(i, m);
                var optionCount = p.OptionCount(i, m);
                var returnUs = last ? p.Transfer(stages, m, origin) : 0;
                var lbA = boundA[index];
                var lbB = boundB[index];
                var lbC = leastCost[index];
                var lagrangeBound = useLagrange ? lagrange[index] - lambda * deadline : 0;
                var chA = cheapA[index];
                var chB = cheapB[index];
                candidates.Clear();
                for (var n = 0; n < k; n++)
                {
                    var from = (layer - 1) * k + n;
                    var transfer = p.Transfer(i, n, m);
                    for (var j = rangeStart[from]; j < rangeEnd[from]; j++)
                    {
                        var begin = Math.Max(labels.Time[j] + transfer, available[m]);
                        var sunk = labels.Cost[j];
                        for (var o = 0; o < optionCount; o++)
                        {
                            var t = begin + p.OptionLatencyUs(optionStart + o);
                            var c = sunk + p.OptionCostPico(optionStart + o);
                            if (last)
                            {
                                var completion = t + returnUs;
                                if (completion <= deadline && (c < incumbentCost || (c == incumbentCost && completion < incumbentTime)))
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
                                continue;
                            }

                            var costBound = c + lbC;
                            if (useLagrange && c + lagrangeBound + lambda * t > incumbentCost + 0.5)
                            {
                                continue; // costs are whole units, so this exceeds the incumbent by at least one
                            }
                            if (costBound > incumbentCost || (costBound == incumbentCost && timeBound >= incumbentTime))
                            {
                                continue;
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

                            candidates.Add(new Candidate(t, c, j, o));
                        }
                    }
                }

                if (last || candidates.Count == 0)
                {
                    continue;
                }

                SortByTimeThenCost(candidates);
                var keptCost = long.MaxValue;
                foreach (var candidate in candidates)
                {
                    if (candidate.Cost < keptCost)
                    {
                        labels.Add(candidate.Time, candidate.Cost, candidate.Parent, m, candidate.Option);
                        keptCost = candidate.Cost;
                    }
                }

                rangeEnd[index] = labels.Count;
            }
        }

        return new SearchResult(bestNode, bestOption, incumbentTime, incumbentCost, labels.Count);
    }

    private static void LagrangePass(PlanningProblem p, bool[] mask, double lambda, int layers, double[] w, int[] next, int[] nextOption)
    {
        var k = p.NodeCount;
        var stages = p.StageCount;
        var resume = p.Resume;
        for (var m = 0; m < k; m++)
        {
            w[(layers - 1) * k + m] = mask[(stages - 1) * k + m] ? lambda * p.Transfer(stages, m, p.Origin) : double.PositiveInfinity;
        }

        for (var layer = layers - 2; layer >= 0; layer--)
        {
            var done = resume + layer - 1;
            var nextStage = done + 1;
            for (var n = 0; n < k; n++)
            {
                var index = layer * k + n;
                w[index] = double.PositiveInfinity;
                if (layer == 0 ? n != p.Source : !mask[done * k + n])
                {
                    continue;
                }

                var best = double.PositiveInfinity;
                int bestNext = -1, bestOption = 0;
                for (var m = 0; m < k; m++)
                {
                    var after = w[(layer + 1) * k + m];
                    if (!mask[nextStage * k + m] || double.IsPositiveInfinity(after))
                    {
                        continue;
                    }

                    var transfer = lambda * p.Transfer(nextStage, n, m) + after;
                    var start = p.OptionStart(nextStage, m);
                    var count = p.OptionCount(nextStage, m);
                    for (var o = 0; o < count; o++)
                    {
                        var value = transfer + p.OptionCostPico(start + o) + lambda * p.OptionLatencyUs(start + o);
                        if (value < best)
                        {
                            best = value;
                            bestNext = m;
                            bestOption = o;
                        }
                    }
                }

                w[index] = best;
                next[index] = bestNext;
                nextOption[index] = bestOption;
            }
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

    private static long AdditiveTime(PlanningProblem p, int[] nodeOf, int[] optionOf) => CostAndAdditiveTime(p, nodeOf, optionOf).Additive;

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

    private static int FirstAllowed(bool[] mask, int stage, int k)
    {
        for (var n = 0; n < k; n++)
        {
            if (mask[stage * k + n])
            {
                return n;
            }
        }

        return -1;
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

    private static void SortByTimeThenCost(List<Candidate> items)
    {
        // Insertion sort: small lists, stable, no allocation.
        for (var x = 1; x < items.Count; x++)
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

    private readonly record struct Candidate(long Time, long Cost, int Parent, int Option);
}
