namespace HybridAI.DeviceAgent.Configuration;

/// <summary>Battery and thermal state for a node whose OS does not report them, optionally scripted over time.</summary>
public sealed class PowerEmulation
{
    /// <summary>False for mains-powered nodes (edge servers, cloud workers): no battery is reported.</summary>
    public bool HasBattery { get; set; } = true;

    public double BatteryLevel { get; set; } = 0.8;

    public bool Charging { get; set; }

    public bool ThermalThrottled { get; set; }

    /// <summary>Battery drained per minute of running work, for demos of a draining phone.</summary>
    public double DrainPerMinuteBusy { get; set; } = 0.01;

    /// <summary>Changes at given seconds after start, e.g. plug in the charger at 30 s, overheat at 60 s.</summary>
    public List<PowerChange> Script { get; set; } = [];
}

public sealed class PowerChange
{
    public double AtSeconds { get; set; }

    public double? BatteryLevel { get; set; }

    public bool? Charging { get; set; }

    public bool? ThermalThrottled { get; set; }
}
