using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using RiskMap.Api.Hosting;

namespace RiskMap.Cli.Benchmarks;

/// <summary>
/// The service exactly as Program.cs builds it (AddRiskMap, UseRiskMapPipeline, MapRiskMapEndpoints, the same
/// database start-up and the same sign-in), for the benchmark to run in a process of its own whose memory it reads.
/// Only the log level differs: warnings, so that logging every request does not weigh on the measurement.
/// </summary>
internal static class BenchHost
{
    /// <summary>Builds and runs the service until it is stopped (SIGTERM/Ctrl+C).</summary>
    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = RiskMapPaths.WebRoot });
        builder.AddRiskMap();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.UseRiskMapPipeline();
        app.MapRiskMapEndpoints();
        await app.InitializeRiskMapDatabaseAsync();
        await app.RunAsync();
    }
}
