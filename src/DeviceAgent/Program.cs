using HybridAI.DeviceAgent;
using HybridAI.DeviceAgent.LocalApi;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
builder.AddHybridAiAgent();

var app = builder.Build();
app.MapLocalSubmitApi();
var logger = app.Logger;
try
{
    await app.RunAsync();
    return Environment.ExitCode;
}
catch (OptionsValidationException e)
{
    // A misconfigured agent says which setting is wrong and exits; it does not crash with a stack dump.
    AgentLog.InvalidConfiguration(logger, string.Join("; ", e.Failures));
    return 2;
}
