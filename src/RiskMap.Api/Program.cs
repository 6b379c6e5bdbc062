using RiskMap.Api.Hosting;

// The table of contents of the service: what it registers, then what it serves.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = RiskMapPaths.WebRoot });
builder.AddRiskMap();

var app = builder.Build();
app.UseRiskMapPipeline();
app.MapRiskMapEndpoints();

await app.InitializeRiskMapDatabaseAsync();
await app.RunAsync();

/// <summary>Entry point; public so that integration tests can host the service.</summary>
public partial class Program;
