using Google.Protobuf;
using HybridAI.Pipelines.Models;
using Onnx;

namespace HybridAI.Pipelines.Tests.Support;

/// <summary>Small ONNX models written for manifest tests.</summary>
internal static class TestModels
{
    /// <summary>y = Identity(x) for any element type and shape.</summary>
    public static void Identity(string path, TensorProto.Types.DataType type, string input = "x", string output = "y", params object[] dims)
    {
        var g = new OnnxGraphBuilder("identity", ModelPrecision.Fp32, seed: 1);
        object[] shape = dims.Length == 0 ? ["n"] : dims;
        g.Input(input, type, shape);
        g.Output(output, type, shape);
        g.Identity(input, output);
        Write(path, g.Build("identity"));
    }

    /// <summary>sum = a + b (float32, [n]).</summary>
    public static void Add(string path)
    {
        var g = new OnnxGraphBuilder("add", ModelPrecision.Fp32, seed: 1);
        g.Input("a", TensorProto.Types.DataType.Float, "n");
        g.Input("b", TensorProto.Types.DataType.Float, "n");
        g.Output("sum", TensorProto.Types.DataType.Float, "n");
        g.Identity(g.Node("Add", ["a", "b"]), "sum");
        Write(path, g.Build("add"));
    }

    private static void Write(string path, ModelProto model)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, model.ToByteArray());
    }
}
