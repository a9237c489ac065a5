using HybridAI.Silo.Apis;
using HybridAI.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddHybridAiSilo();

var app = builder.Build();
app.MapHealthApi();
app.Run();
