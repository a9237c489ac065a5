using HybridAI.Planning;

namespace HybridAI.Planning.Tests;

public sealed class TransferTableTests
{
    [Fact]
    public void Precomputed_transfers_equal_the_link_formula_for_every_stage_and_pair()
    {
        for (var seed = 0; seed < 100; seed++)
        {
            var c = RandomCase.Create(120_000 + seed);
            var p = PlanningProblem.Create(c.Job, c.Candidates, c.Checkpoint, c.Checkpoint?.ElapsedMs ?? 0, PlannerOptions.Default);
            for (var i = p.Resume; i <= p.StageCount; i++)
            {
                var bytes = i == p.StageCount ? p.Stage(p.StageCount - 1).OutputBytes : p.BytesInto(i);
                for (var a = 0; a < p.NodeCount; a++)
                {
                    for (var b = 0; b < p.NodeCount; b++)
                    {
                        Assert.Equal(PlanningProblem.TransferUs(p.Nodes[a].Link, p.Nodes[b].Link, bytes, a == b), p.Transfer(i, a, b));
                    }
                }
            }
        }
    }

    [Fact]
    public void Matrices_filled_around_one_node_first_equal_the_link_formula_everywhere_once_read_in_full()
    {
        for (var seed = 0; seed < 100; seed++)
        {
            var c = RandomCase.Create(130_000 + seed);
            var p = PlanningProblem.Create(c.Job, c.Candidates, c.Checkpoint, c.Checkpoint?.ElapsedMs ?? 0, PlannerOptions.Default);
            var k = p.NodeCount;
            for (var i = p.Resume; i <= p.StageCount; i++)
            {
                var bytes = i == p.StageCount ? p.Stage(p.StageCount - 1).OutputBytes : p.BytesInto(i);
                var around = (seed + i) % k;

                // What the search reads after a pinned stage or for the return: one node's row and column.
                var partial = p.TransferMatrixAround(i, around);
                for (var b = 0; b < k; b++)
                {
                    Assert.Equal(PlanningProblem.TransferUs(p.Nodes[around].Link, p.Nodes[b].Link, bytes, around == b), partial[around * k + b]);
                    Assert.Equal(PlanningProblem.TransferUs(p.Nodes[b].Link, p.Nodes[around].Link, bytes, around == b), partial[b * k + around]);
                }

                // A later full read of the same matrix completes it.
                var full = p.TransferMatrix(i);
                for (var a = 0; a < k; a++)
                {
                    for (var b = 0; b < k; b++)
                    {
                        Assert.Equal(PlanningProblem.TransferUs(p.Nodes[a].Link, p.Nodes[b].Link, bytes, a == b), full[a * k + b]);
                    }
                }
            }
        }
    }
}
