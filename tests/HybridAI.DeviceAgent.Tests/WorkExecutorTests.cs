using HybridAI.Contracts.Work;
using HybridAI.DeviceAgent.Capacity;
using HybridAI.DeviceAgent.Work;
using HybridAI.Pipelines.Execution;
using HybridAI.Pipelines.Models;
using HybridAI.Pipelines.TextToImage;

namespace HybridAI.DeviceAgent.Tests;

public sealed class WorkExecutorTests : IDisposable
{
    private const int Steps = 7;
    private const string Prompt = "a cabin in the woods";
    private readonly ModelShelf _shelf = new();
    private readonly CapacityMeter _meter = new();
    private readonly WorkExecutor _executor;

    public WorkExecutorTests()
    {
        _shelf.Add("tiny-fp32", new TextToImageRunner(GeneratedModelCache.GetOrCreate(ModelSize.Tiny, ModelPrecision.Fp32), new ExecutorOptions { IntraOpThreads = 1 }));
        _executor = new WorkExecutor(_shelf, _meter);
    }

    public static TheoryData<int[]> Splits => new()
    {
        { new[] { Steps + 2 } },                 // one item: the whole job
        { new[] { 1, Steps + 2 } },              // encode | denoise + decode
        { new[] { 0, 1, 3, 4, 8, Steps + 2 } },  // every kind of boundary
        { new[] { 2, 5, Steps + 1, Steps + 2 } }, // denoise ends on its own, decode alone
    };

    [Theory]
    [MemberData(nameof(Splits))]
    public async Task Any_split_into_work_items_gives_the_png_of_the_whole_run(int[] itemEnds)
    {
        byte[] carried = [];
        var first = 0;
        foreach (var last in itemEnds)
        {
            var item = new WorkItem($"job/{first}", Guid.Empty, first, last, Steps, 5, "tiny", "tiny-fp32", carried, first == 0 ? Prompt : null, 1);
            carried = await _executor.RunAsync(item, CancellationToken.None);
            first = last + 1;
        }

        var whole = await _shelf.Get("tiny-fp32").RunWholeAsync(new TextToImageJob(Prompt, 5, Steps));
        Assert.Equal(whole, carried);
    }

    [Fact]
    public async Task Work_outside_the_pipeline_or_without_its_prompt_is_refused_with_the_reason()
    {
        var outside = new WorkItem("job/x", Guid.Empty, 3, Steps + 3, Steps, 5, "tiny", "tiny-fp32", [], null, 1);
        var noPrompt = new WorkItem("job/y", Guid.Empty, 0, 1, Steps, 5, "tiny", "tiny-fp32", [], null, 1);
        var unknownVariant = new WorkItem("job/z", Guid.Empty, 0, 1, Steps, 5, "tiny", "base-int8", [], Prompt, 1);

        Assert.Contains("outside", (await Assert.ThrowsAsync<ArgumentException>(() => _executor.RunAsync(outside, CancellationToken.None))).Message);
        Assert.Contains("no prompt", (await Assert.ThrowsAsync<ArgumentException>(() => _executor.RunAsync(noPrompt, CancellationToken.None))).Message);
        Assert.Contains("base-int8", (await Assert.ThrowsAsync<KeyNotFoundException>(() => _executor.RunAsync(unknownVariant, CancellationToken.None))).Message);
    }

    [Fact]
    public async Task Corrupt_input_tensors_are_refused()
    {
        var corrupt = new WorkItem("job/c", Guid.Empty, 2, 3, Steps, 5, "tiny", "tiny-fp32", [1, 2, 3, 4, 5, 6, 7, 8], null, 1);

        await Assert.ThrowsAsync<Pipelines.Transport.CorruptTensorException>(() => _executor.RunAsync(corrupt, CancellationToken.None));
    }

    public void Dispose() => _shelf.Dispose();
}
