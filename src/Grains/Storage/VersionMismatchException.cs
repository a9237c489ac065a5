namespace HybridAI.Grains.Storage;

/// <summary>A write or clear expected another version of the stored state than the one held: nothing was changed.</summary>
public sealed class VersionMismatchException(string key, long? expected, long? stored)
    : Exception($"State '{key}' is at version {stored?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, not {expected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} as the writer expected.");
