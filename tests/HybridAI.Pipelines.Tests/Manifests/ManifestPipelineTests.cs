using HybridAI.Pipelines.Execution;
using HybridAI.Pipelines.Manifests;
using HybridAI.Pipelines.Tensors;
using HybridAI.Pipelines.Tests.Support;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace HybridAI.Pipelines.Tests.Manifests;

public sealed class ManifestPipelineTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Manifest(string json)
    {
        string path = _temp.Combine("pipeline.json");
        File.WriteAllText(path, json);
        return path;
    }

    private const string TwoStage = """
        {
          "name": "double-then-add",
          "stages": [
            { "name": "add", "model": "models/add.onnx",
              "inputs": [ { "name": "a", "from": "copy.y" }, { "name": "b", "from": "x" } ],
              "outputs": [ { "name": "sum", "elementType": "float32", "shape": ["n"] } ] },
            { "name": "copy", "model": "models/identity.onnx",
              "inputs": [ { "name": "x", "from": "x" } ],
              "outputs": [ { "name": "y" } ], "touchesPrivateInput": true }
          ]
        }
        """;

    private void WriteTwoStageModels()
    {
        TestModels.Add(_temp.Combine("models", "add.onnx"));
        TestModels.Identity(_temp.Combine("models", "identity.onnx"), DataType.Float);
    }

    [Fact]
    public async Task A_valid_manifest_runs_its_stages_in_dependency_order_and_feeds_outputs_forward()
    {
        WriteTwoStageModels();
        using var pipeline = ManifestPipeline.Load(Manifest(TwoStage));
        Assert.Equal(new[] { "copy", "add" }, pipeline.Stages.Select(s => s.Definition.Name));
        Assert.True(pipeline.Definition.Stage("copy").TouchesPrivateInput);
        var result = await pipeline.RunAsync(new TensorBundle { { "x", HostTensor.FromFloats([1f, 2f, 3f], 3) } });
        Assert.Equal(new[] { 2f, 4f, 6f }, result["add.sum"].ToArray<float>());
    }

    [Fact]
    public async Task One_stage_can_run_alone_given_the_bundle_of_its_sources()
    {
        WriteTwoStageModels();
        using var pipeline = ManifestPipeline.Load(Manifest(TwoStage));
        var bundle = new TensorBundle { { "x", HostTensor.FromFloats([1f], 1) }, { "copy.y", HostTensor.FromFloats([10f], 1) } };
        var output = await pipeline.RunStageAsync("add", bundle);
        Assert.Equal(11f, output["add.sum"].ToArray<float>()[0]);
    }

    public static TheoryData<DataType, TensorElementType> PassThroughTypes() => new()
    {
        { DataType.Float, TensorElementType.Float32 },
        { DataType.Double, TensorElementType.Float64 },
        { DataType.Int32, TensorElementType.Int32 },
        { DataType.Int64, TensorElementType.Int64 },
        { DataType.Uint8, TensorElementType.UInt8 },
        { DataType.Int8, TensorElementType.Int8 },
        { DataType.Bool, TensorElementType.Bool },
        { DataType.Float16, TensorElementType.Float16 },
    };

    [Theory]
    [MemberData(nameof(PassThroughTypes))]
    public async Task Any_element_type_passes_through_a_two_stage_chain_unchanged(DataType onnxType, TensorElementType type)
    {
        TestModels.Identity(_temp.Combine("a.onnx"), onnxType, "x", "y", 2, "k");
        TestModels.Identity(_temp.Combine("b.onnx"), onnxType, "x", "y", 2, "k");
        string path = Manifest("""
            { "name": "pass", "stages": [
              { "name": "first", "model": "a.onnx", "inputs": [ { "name": "x", "from": "input" } ], "outputs": [ { "name": "y" } ] },
              { "name": "second", "model": "b.onnx", "inputs": [ { "name": "x", "from": "first.y" } ], "outputs": [ { "name": "y" } ] } ] }
            """);
        using var pipeline = ManifestPipeline.Load(path);
        int size = TensorElementTypes.SizeOf(type);
        var bytes = Enumerable.Range(0, 2 * 3 * size).Select(i => type == TensorElementType.Bool ? (byte)(i % 2) : (byte)(i + 1)).ToArray();
        var input = new HostTensor(type, [2, 3], bytes);
        var result = await pipeline.RunAsync(new TensorBundle { { "input", input } });
        Assert.Equal(bytes, result["second.y"].Data);
        Assert.Equal(type, result["second.y"].ElementType);
    }

    [Theory]
    [InlineData("""{ "stages": [] }""", "name")]
    [InlineData("""{ "name": "p" }""", "stages")]
    [InlineData("""{ "name": "p", "stages": [ { "name": "s", "inputs": [], "outputs": [ { "name": "y" } ] } ] }""", "stages[0].model")]
    [InlineData("""{ "name": "p", "stages": [ { "name": "s", "model": "identity.onnx", "inputs": [ { "name": "x" } ], "outputs": [ { "name": "y" } ] } ] }""", "stages[0].inputs[0].from")]
    [InlineData("""{ "name": "p", "stages": [ { "name": "s", "model": "identity.onnx", "inputs": [], "outputs": [ { "name": "y" } ] } ] }""", "stages[0].inputs")]
    [InlineData("""{ "name": "p", "stages": [ { "name": "s", "model": "identity.onnx", "inputs": [ { "name": "x", "from": "x" } ], "outputs": [ { "name": "nope" } ] } ] }""", "stages[0].outputs[0].name")]
    [InlineData("""{ "name": "p", "stages": [ { "name": "s", "model": "identity.onnx", "inputs": [ { "name": "x", "from": "x", "elementType": "int64" } ], "outputs": [ { "name": "y" } ] } ] }""", "stages[0].inputs[0].elementType")]
    [InlineData("""{ "name": "p", "stages": [ { "name": "s", "model": "identity.onnx", "inputs": [ { "name": "x", "from": "ghost.out" } ], "outputs": [ { "name": "y" } ] } ] }""", "stages[0].inputs[x].from")]
    [InlineData("""{ "name": "p", "stages": [ { "name": "s", "model": "identity.onnx", "inputs": [ { "name": "x", "from": "s.missing" } ], "outputs": [ { "name": "y" } ] } ] }""", "stages[0].inputs[x].from")]
    [InlineData("""{ "name": "p", "stages": [ { "name": "s", "model": "identity.onnx", "inputs": [ { "name": "x", "from": "x" } ], "outputs": [ { "name": "y" } ] }, { "name": "s", "model": "identity.onnx", "inputs": [ { "name": "x", "from": "x" } ], "outputs": [ { "name": "y" } ] } ] }""", "stages[1].name")]
    [InlineData("""{ "name": "p", "stages": [ { "name": "s", "model": "missing.onnx", "inputs": [], "outputs": [ { "name": "y" } ] } ] }""", "stages[0].model")]
    [InlineData("""{ "name": "p", "stages": [ { "name": "s", "model": "identity.onnx", "inputs": [ { "name": "x", "from": "x" } ], "outputs": [ { "name": "y", "shape": [1, 2] } ] } ] }""", "stages[0].outputs[0].shape")]
    [InlineData("""{ "name": "p", "stages": [ { "name": "s", """, "(root)")]
    public void An_invalid_manifest_is_rejected_naming_the_file_and_the_field(string json, string field)
    {
        TestModels.Identity(_temp.Combine("identity.onnx"), DataType.Float);
        string path = Manifest(json);
        var e = Assert.Throws<InvalidManifestException>(() => ManifestPipeline.Load(path));
        Assert.Equal(path, e.ManifestPath);
        Assert.Contains(path, e.Message);
        if (field != "(root)")
        {
            Assert.Equal(field, e.Field);
        }
    }

    [Fact]
    public void A_cycle_between_stages_is_rejected_and_named()
    {
        TestModels.Identity(_temp.Combine("identity.onnx"), DataType.Float);
        string path = Manifest("""
            { "name": "loop", "stages": [
              { "name": "a", "model": "identity.onnx", "inputs": [ { "name": "x", "from": "b.y" } ], "outputs": [ { "name": "y" } ] },
              { "name": "b", "model": "identity.onnx", "inputs": [ { "name": "x", "from": "a.y" } ], "outputs": [ { "name": "y" } ] } ] }
            """);
        var e = Assert.Throws<InvalidManifestException>(() => ManifestPipeline.Load(path));
        Assert.Contains("cycle", e.Message);
        Assert.Contains("a -> b -> a", e.Message);
    }

    [Fact]
    public void A_corrupt_model_file_is_rejected_naming_the_file()
    {
        string model = _temp.Combine("broken.onnx");
        File.WriteAllBytes(model, [0x08, 0x07, 0xFF, 0xFF, 0x12, 0x34, 0x00, 0x01, 0x02]);
        string path = Manifest("""{ "name": "p", "stages": [ { "name": "s", "model": "broken.onnx", "inputs": [], "outputs": [ { "name": "y" } ] } ] }""");
        var e = Assert.Throws<InvalidModelException>(() => ManifestPipeline.Load(path));
        Assert.Equal(model, e.ModelPath);
        Assert.Contains("broken.onnx", e.Message);
    }

    [Fact]
    public async Task Feeding_the_wrong_element_type_at_run_time_names_the_stage_and_tensor()
    {
        WriteTwoStageModels();
        using var pipeline = ManifestPipeline.Load(Manifest(TwoStage));
        var e = await Assert.ThrowsAsync<TensorContractException>(() => pipeline.RunAsync(new TensorBundle { { "x", HostTensor.FromInt32([1], 1) } }));
        Assert.Equal("copy", e.Stage);
        Assert.Equal("x", e.Tensor);
        Assert.Contains("float32", e.Message);
    }
}
