namespace HybridAI.Grains.Jobs;

/// <summary>A job request that cannot be accepted; <see cref="Field"/> names the field, the message the problem.</summary>
[GenerateSerializer, Alias("hybridai.InvalidJobException")]
public sealed class InvalidJobException : ArgumentException
{
    public InvalidJobException(string field, string problem)
        : base($"Invalid job request: {field} {problem}")
    {
        Field = field;
    }

    [Id(0)]
    public string Field { get; private set; }

    public override string ParamName => Field;
}
