namespace HybridAI.Pipelines.Models;

/// <summary>Numeric precision of model weights.</summary>
public enum ModelPrecision
{
    Fp32,

    /// <summary>INT8 weights with dynamically quantized activations (MatMulInteger / ConvInteger).</summary>
    Int8,
}
