using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using RiskMap.Api.Features.Import;
using RiskMap.Api.Hosting;

namespace RiskMap.Cli.Hosting;

/// <summary>
/// The service's database, prepared for a command exactly as the service prepares it at start-up
/// (<see cref="DatabaseHosting.InitializeRiskMapDatabaseAsync"/>: embedded cluster or <c>ConnectionStrings__RiskMap</c>,
/// PostGIS, migrations), with the Api's services (<see cref="ImportService"/>, data source) registered, but nothing
/// served, no demo district seeded and no account created (the service makes them at its own first start).
/// </summary>
internal sealed class CliDatabase : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CliDatabase(WebApplication app) => _app = app;

    /// <summary>The Api's services (scoped ones through a scope).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The connection string in use.</summary>
    public string ConnectionString => _app.Services.GetRequiredService<RiskMapDatabase>().ConnectionString;

    /// <summary>The shared data source.</summary>
    public NpgsqlDataSource DataSource => _app.Services.GetRequiredService<NpgsqlDataSource>();

    /// <summary>
    /// Opens the database of <paramref name="connectionString"/> or, when null, the one named by <c>ConnectionStrings__RiskMap</c>
    /// when set, else the embedded cluster in
    /// <paramref name="clusterDirectory"/> (created the first time), and applies the migrations.
    /// </summary>
    /// <exception cref="LocalPostgresException">The embedded cluster could not be created or started.</exception>
    public static async Task<CliDatabase> OpenAsync(string clusterDirectory, CancellationToken cancellationToken, string? connectionString = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        if (connectionString is not null) builder.Configuration["ConnectionStrings:RiskMap"] = connectionString;
        builder.Configuration["RiskMap:Database:SeedDemoData"] = "false";
        builder.Configuration["RiskMap:Database:CreateAccounts"] = "false";
        builder.Configuration["RiskMap:Database:LocalClusterDirectory"] = Path.GetFullPath(clusterDirectory);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddRiskMapDatabase(builder.Configuration);
        builder.Services.AddScoped<ImportService>();
        var app = builder.Build();
        await app.InitializeRiskMapDatabaseAsync(cancellationToken);
        return new CliDatabase(app);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        var cluster = _app.Services.GetRequiredService<RiskMapDatabase>().LocalCluster;
        await _app.DisposeAsync();
        if (cluster is not null) await cluster.StopAsync();
    }
}
