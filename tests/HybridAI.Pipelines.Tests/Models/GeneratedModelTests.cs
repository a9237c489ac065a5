using HybridAI.Pipelines.Models;
using HybridAI.Pipelines.Tests.Support;

namespace HybridAI.Pipelines.Tests.Models;

public sealed class GeneratedModelTests
{
    [Theory]
    [InlineData(ModelPrecision.Fp32)]
    [InlineData(ModelPrecision.Int8)]
    public void Two_generations_write_byte_identical_files(ModelPrecision precision)
    {
        using var temp = new TempFolder();
        GeneratedModelCache.Generate(temp.Combine("a"), ModelSize.Tiny, precision);
        GeneratedModelCache.Generate(temp.Combine("b"), ModelSize.Tiny, precision);
        var files = Directory.GetFiles(temp.Combine("a"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(temp.Combine("a"), f)).Order().ToArray();
        Assert.Equal(5, files.Length);
        foreach (string file in files)
        {
            Assert.Equal(File.ReadAllBytes(temp.Combine("a", file)), File.ReadAllBytes(temp.Combine("b", file)));
        }
    }

    [Fact]
    public void Int8_models_are_smaller_than_fp32_and_use_integer_matmuls()
    {
        using var temp = new TempFolder();
        GeneratedModelCache.Generate(temp.Combine("fp32"), ModelSize.Tiny, ModelPrecision.Fp32);
        GeneratedModelCache.Generate(temp.Combine("int8"), ModelSize.Tiny, ModelPrecision.Int8);
        string unet = Path.Combine("unet", "model.onnx");
        Assert.True(new FileInfo(temp.Combine("int8", unet)).Length < new FileInfo(temp.Combine("fp32", unet)).Length);
        var int8 = Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(temp.Combine("int8", unet)));
        var fp32 = Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(temp.Combine("fp32", unet)));
        Assert.Contains(int8.Graph.Node, n => n.OpType == "MatMulInteger");
        Assert.Contains(int8.Graph.Node, n => n.OpType == "DynamicQuantizeLinear");
        Assert.DoesNotContain(fp32.Graph.Node, n => n.OpType == "MatMulInteger");
        // convs with at least 64 input channels are lowered to MatMulInteger; thinner ones stay FP32
        Assert.True(int8.Graph.Node.Count(n => n.OpType == "Conv") < fp32.Graph.Node.Count(n => n.OpType == "Conv"));
        Assert.DoesNotContain(int8.Graph.Initializer, t => t.Name.EndsWith(".weight", StringComparison.Ordinal) && t.Name.Contains("fc1", StringComparison.Ordinal));
    }

    [Fact]
    public void Generated_unet_has_the_sd15_export_interface()
    {
        var model = Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(TinyModels.Fp32.UNetPath));
        Assert.Equal(new[] { "sample", "timestep", "encoder_hidden_states" }, model.Graph.Input.Select(i => i.Name));
        Assert.Equal("out_sample", Assert.Single(model.Graph.Output).Name);
        Assert.Equal((int)Onnx.TensorProto.Types.DataType.Int64, model.Graph.Input[1].Type.TensorType.ElemType);
        Assert.Equal("batch", model.Graph.Input[0].Type.TensorType.Shape.Dim[0].DimParam);
        foreach (string op in new[] { "Conv", "InstanceNormalization", "Softmax", "MatMul", "Resize", "Sin", "Cos" })
        {
            Assert.Contains(model.Graph.Node, n => n.OpType == op);
        }
    }

    [Fact]
    public void Concurrent_first_use_from_many_threads_yields_one_complete_model_set()
    {
        using var temp = new TempFolder();
        var sets = Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4)
            .Select(_ => GeneratedModelCache.GetOrCreate(ModelSize.Tiny, ModelPrecision.Int8, temp.Path)).ToArray();
        Assert.All(sets, s => Assert.True(File.Exists(s.UNetPath)));
        Assert.Single(Directory.GetDirectories(Path.GetDirectoryName(sets[0].Folder)!));
    }

    [Fact]
    public void Racing_generators_in_separate_folders_never_expose_a_partial_set()
    {
        using var temp = new TempFolder();
        string target = temp.Combine("generated-v" + GeneratedModelCache.GeneratorVersion, "sd-tiny-fp32");
        // simulate a process that won the race: the folder appears complete by atomic rename only
        var set = GeneratedModelCache.GetOrCreate(ModelSize.Tiny, ModelPrecision.Fp32, temp.Path);
        Assert.Equal(target, set.Folder);
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(target)!, "*.tmp-*"));
    }
}
