using HybridAI.Contracts.Nodes;
using HybridAI.Grains.Nodes;

namespace HybridAI.Grains.Tests;

public sealed class HeartbeatMonitorTests
{
    private static readonly DateTimeOffset Beat = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly HeartbeatMonitor _monitor = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));

    [Theory]
    [InlineData(0, NodeHealth.Online)]
    [InlineData(4.9, NodeHealth.Online)]
    [InlineData(5, NodeHealth.Suspect)]
    [InlineData(9.9, NodeHealth.Suspect)]
    [InlineData(10, NodeHealth.Gone)]
    [InlineData(3600, NodeHealth.Gone)]
    public void Silence_turns_a_node_suspect_then_gone(double silentSeconds, NodeHealth expected) =>
        Assert.Equal(expected, _monitor.HealthOf(Beat, Beat.AddSeconds(silentSeconds)));

    [Fact]
    public void A_node_that_never_beat_is_unknown() =>
        Assert.Equal(NodeHealth.Unknown, _monitor.HealthOf(null, Beat));
}
