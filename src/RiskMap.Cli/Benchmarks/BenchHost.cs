using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskMap.Api.Features.Accounts;
using RiskMap.Api.Hosting;

namespace RiskMap.Cli.Benchmarks;

/// <summary>
/// The service as Program.cs builds it (AddRiskMap, UseRiskMapPipeline, MapRiskMapEndpoints, the same database
/// start-up), for the benchmark to run in a process of its own. The only addition: every request is signed in as a
/// district leader (<see cref="BenchAuthenticationHandler"/>), so that scoped endpoints answer with the whole
/// prefecture, as they do for a real district leader. It lives in the command-line tool, never in the service.
/// </summary>
internal static class BenchHost
{
    /// <summary>Builds and runs the service until it is stopped (SIGTERM/Ctrl+C).</summary>
    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = RiskMapPaths.WebRoot });
        builder.AddRiskMap();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAuthentication(BenchAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BenchAuthenticationHandler>(BenchAuthenticationHandler.SchemeName, null);
        var app = builder.Build();
        app.UseRiskMapPipeline();
        app.MapRiskMapEndpoints();
        await app.InitializeRiskMapDatabaseAsync();
        await app.RunAsync();
    }
}

/// <summary>Signs every request in as a district leader (reads every township). Benchmark host only.</summary>
internal sealed class BenchAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Name of the scheme.</summary>
    public const string SchemeName = "Bench";

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "bench"), new Claim(ClaimTypes.Role, Roles.DistrictLeader)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
