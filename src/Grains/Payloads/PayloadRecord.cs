namespace HybridAI.Grains.Payloads;

/// <summary>The bytes a <see cref="PayloadGrain"/> keeps.</summary>
[GenerateSerializer, Alias("hybridai.PayloadRecord")]
public sealed class PayloadRecord
{
    [Id(0)] public byte[] Bytes { get; set; } = [];
}
