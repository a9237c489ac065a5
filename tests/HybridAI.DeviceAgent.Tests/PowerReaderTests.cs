using HybridAI.DeviceAgent.Capacity;
using HybridAI.DeviceAgent.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace HybridAI.DeviceAgent.Tests;

public sealed class PowerReaderTests : IDisposable
{
    private readonly DirectoryInfo _sys = Directory.CreateTempSubdirectory("hybridai-sys-");
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_linux_battery_and_a_hot_thermal_zone_are_read_from_sysfs()
    {
        Write("power_supply/AC/type", "Mains");
        Write("power_supply/BAT0/type", "Battery");
        Write("power_supply/BAT0/capacity", "42");
        Write("power_supply/BAT0/status", "Charging");
        Write("thermal/thermal_zone0/temp", "45000");
        Write("thermal/thermal_zone1/temp", "85000");

        var power = new PowerReader(new PowerEmulation { BatteryLevel = 0.9 }, _time, _sys.FullName).Read(0);

        Assert.Equal(new Contracts.Nodes.PowerState(0.42, true, true), power);
    }

    [Fact]
    public void Without_a_battery_in_sysfs_the_profile_emulation_is_reported_and_follows_its_script()
    {
        var emulation = new PowerEmulation
        {
            BatteryLevel = 0.8,
            DrainPerMinuteBusy = 0.06,
            Script = [new PowerChange { AtSeconds = 30, Charging = true }, new PowerChange { AtSeconds = 60, ThermalThrottled = true, BatteryLevel = 0.5 }],
        };
        var reader = new PowerReader(emulation, _time, _sys.FullName);

        var start = reader.Read(busySecondsSinceLastRead: 0)!;
        _time.Advance(TimeSpan.FromSeconds(20));
        var drained = reader.Read(busySecondsSinceLastRead: 20)!;
        _time.Advance(TimeSpan.FromSeconds(15));
        var charging = reader.Read(busySecondsSinceLastRead: 15)!;
        _time.Advance(TimeSpan.FromSeconds(30));
        var hot = reader.Read(busySecondsSinceLastRead: 0)!;

        Assert.Equal(0.8, start.BatteryLevel, 6);
        Assert.False(start.Charging);
        Assert.Equal(0.78, drained.BatteryLevel, 6); // 20 busy seconds at 0.06 per minute
        Assert.True(charging.Charging);
        Assert.Equal(0.78, charging.BatteryLevel, 6); // no drain while charging
        Assert.True(hot.ThermalThrottled);
        Assert.Equal(0.5, hot.BatteryLevel, 6);
    }

    [Fact]
    public void A_mains_powered_node_reports_no_battery()
    {
        Assert.Null(new PowerReader(new PowerEmulation { HasBattery = false }, _time, _sys.FullName).Read(10));
    }

    public void Dispose() => _sys.Delete(recursive: true);

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_sys.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
