using HybridAI.Pipelines.TextToImage;

namespace HybridAI.Pipelines.Tests.Support;

/// <summary>Shared runners over the tiny FP32 and INT8 model sets, disposed after the test class.</summary>
public sealed class TinyRunners : IDisposable
{
    public TextToImageRunner Fp32 { get; } = new(TinyModels.Fp32);

    public TextToImageRunner Int8 { get; } = new(TinyModels.Int8);

    public void Dispose()
    {
        Fp32.Dispose();
        Int8.Dispose();
    }
}
