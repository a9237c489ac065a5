using System.Globalization;
using HybridAI.Contracts.Nodes;
using HybridAI.DeviceAgent.Configuration;

namespace HybridAI.DeviceAgent.Capacity;

/// <summary>
/// Battery and thermal state: from Linux (/sys/class/power_supply, /sys/class/thermal) where the machine has a
/// battery, otherwise from the profile's emulation, which drains while busy and follows its script over time.
/// </summary>
public sealed class PowerReader(PowerEmulation emulation, TimeProvider time, string sysRoot = "/sys/class")
{
    private const double ThrottleCelsius = 80;
    private readonly DateTimeOffset _started = time.GetUtcNow();
    private double _drained;

    public PowerState? Read(double busySecondsSinceLastRead)
    {
        if (ReadLinuxBattery() is { } real)
        {
            return real;
        }

        if (!emulation.HasBattery)
        {
            return null;
        }

        var elapsed = (time.GetUtcNow() - _started).TotalSeconds;
        double level = emulation.BatteryLevel;
        bool charging = emulation.Charging;
        bool hot = emulation.ThermalThrottled;
        foreach (var change in emulation.Script.Where(c => c.AtSeconds <= elapsed).OrderBy(c => c.AtSeconds))
        {
            if (change.BatteryLevel is { } l)
            {
                level = l;
                _drained = 0;
            }

            charging = change.Charging ?? charging;
            hot = change.ThermalThrottled ?? hot;
        }

        if (!charging)
        {
            _drained += emulation.DrainPerMinuteBusy * busySecondsSinceLastRead / 60;
        }

        return new PowerState(Math.Clamp(level - _drained, 0, 1), charging, hot || ReadThermalThrottled());
    }

    private PowerState? ReadLinuxBattery()
    {
        var supplies = Path.Combine(sysRoot, "power_supply");
        if (!Directory.Exists(supplies))
        {
            return null;
        }

        foreach (var supply in Directory.EnumerateDirectories(supplies).Order(StringComparer.Ordinal))
        {
            if (ReadText(Path.Combine(supply, "type")) != "Battery" || ReadText(Path.Combine(supply, "capacity")) is not { } capacity)
            {
                continue;
            }

            if (double.TryParse(capacity, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent))
            {
                var status = ReadText(Path.Combine(supply, "status"));
                return new PowerState(Math.Clamp(percent / 100, 0, 1), status is "Charging" or "Full", ReadThermalThrottled());
            }
        }

        return null;
    }

    private bool ReadThermalThrottled()
    {
        var thermal = Path.Combine(sysRoot, "thermal");
        if (!Directory.Exists(thermal))
        {
            return false;
        }

        return Directory.EnumerateDirectories(thermal, "thermal_zone*")
            .Select(zone => ReadText(Path.Combine(zone, "temp")))
            .Any(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var milli) && milli / 1000 >= ThrottleCelsius);
    }

    private static string? ReadText(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
