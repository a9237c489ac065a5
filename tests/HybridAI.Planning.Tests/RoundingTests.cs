using HybridAI.Planning;

namespace HybridAI.Planning.Tests;

public sealed class RoundingTests
{
    [Fact]
    public void Round_away_from_zero_equals_math_round_on_midpoints_their_neighbours_and_random_values()
    {
        var values = new List<double> { 0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994, 4503599627370495.5, 4503599627370497, 9007199254740993, 1e17 };
        var random = new Random(7);
        for (var i = 0; i < 200_000; i++)
        {
            var x = (random.NextDouble() - 0.25) * Math.Pow(10, random.Next(0, 16));
            var midpoint = Math.Floor(x) + 0.5;
            values.AddRange([x, midpoint, Math.BitDecrement(midpoint), Math.BitIncrement(midpoint)]);
        }

        foreach (var x in values)
        {
            Assert.True((long)Math.Round(x, MidpointRounding.AwayFromZero) == PlanningProblem.RoundAwayFromZero(x), $"x = {x:R}");
        }
    }
}
