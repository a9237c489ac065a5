using HybridAI.Planning;

namespace HybridAI.Simulator.Fleet;

/// <summary>An edge server or cloud pool.</summary>
public sealed record SharedNode(string Id, NodeKind Kind, int Region, int Slots, NodeTemplate Template, NetworkLink Link, double BasePricePerSecond, double[] Prices, double PriceIntervalMs, (double Start, double End)[] Outages)
{
    public double PriceAt(double tMs) => Prices.Length == 0 ? BasePricePerSecond : Prices[Math.Min(Prices.Length - 1, (int)(tMs / PriceIntervalMs))];

    public bool OnlineAt(double tMs)
    {
        foreach (var (start, end) in Outages)
        {
            if (tMs >= start && tMs < end)
            {
                return false;
            }
        }

        return true;
    }
}
