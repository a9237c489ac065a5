using HybridAI.Silo.Apis;
using HybridAI.Silo.Hosting;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
try
{
    builder.AddHybridAiSilo();
}
catch (OptionsValidationException e)
{
    // Bad configuration: say what is wrong in one line per problem, and exit as the agent does (2).
    foreach (var failure in e.Failures)
    {
        Console.Error.WriteLine($"error: {failure}");
    }

    return 2;
}

var app = builder.Build();
app.MapHealthApi();
app.MapJobsApi();
app.MapNodesApi();
app.MapDashboardIfEnabled();

// Resolved up front: RunAsync disposes the host before a start failure reaches the catch below.
var logger = app.Logger;
var storage = app.Services.GetRequiredService<IOptions<SiloOptions>>().Value.DescribeStorage();
var started = app.Lifetime.ApplicationStarted;
try
{
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (!started.IsCancellationRequested)
{
    // A silo that cannot reach its storage must exit with a reason an operator can act on.
    SiloLog.StartFailed(logger, e.Message, storage, e);
    return 1;
}
