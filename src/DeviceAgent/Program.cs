using HybridAI.DeviceAgent;
using HybridAI.DeviceAgent.LocalApi;

var builder = WebApplication.CreateBuilder(args);
builder.AddHybridAiAgent();

var app = builder.Build();
app.MapLocalSubmitApi();
await app.RunAsync();
return Environment.ExitCode;
