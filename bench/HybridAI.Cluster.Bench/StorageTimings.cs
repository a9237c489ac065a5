using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace HybridAI.Cluster.Bench;

/// <summary>Times every storage request the silo's Azure clients send, by HTTP method and table or container, into <see cref="CallTimings"/>.</summary>
internal sealed class StorageTimings(CallTimings timings) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            timings.Record(Key(message), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        finally
        {
            timings.Record(Key(message), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    // "/devstoreaccount1/OrleansGrainState(PartitionKey=...)" -> "OrleansGrainState"; "/devstoreaccount1/grainstate/x.json" -> "grainstate".
    private static string Key(HttpMessage message)
    {
        var segments = message.Request.Uri.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var target = segments.Length > 1 ? segments[1] : segments.Length == 1 ? segments[0] : "";
        var paren = target.IndexOf('(');
        return $"storage {message.Request.Method} {(paren > 0 ? target[..paren] : target)}";
    }
}
