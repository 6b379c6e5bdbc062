namespace RiskMap.Api.Hosting;

/// <summary>
/// The service's own registrations and database start-up (<see cref="RiskMapHosting.AddRiskMap"/>,
/// <see cref="DatabaseHosting.InitializeRiskMapDatabaseAsync"/>) without serving anything: the database named by
/// <c>ConnectionStrings__RiskMap</c>, or the embedded cluster of the checkout (attached to when the service is running,
/// started and stopped again otherwise). For the command line and the benchmarks. Unlike the service, it does not load
/// the demo district into an empty database unless <c>RiskMap__Database__SeedDemoData=true</c>.
/// </summary>
public static class OfflineHost
{
    /// <summary>
    /// Runs <paramref name="work"/> with the service's services (in a scope) against the initialised database: the one of
    /// <paramref name="connectionString"/> when given, else as configured. <paramref name="settings"/> override
    /// configuration keys (e.g. <c>RiskMap:Database:LocalClusterDirectory</c>, <c>RiskMap:Database:CreateAccounts</c>).
    /// </summary>
    public static async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work, string? connectionString = null,
        IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], WebRootPath = RiskMapPaths.WebRoot });
        builder.Configuration["RiskMap:Database:SeedDemoData"] ??= "false";
        if (connectionString is not null) builder.Configuration["ConnectionStrings:RiskMap"] = connectionString;
        foreach (var (key, value) in settings ?? []) builder.Configuration[key] = value;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddRiskMap();
        await using var app = builder.Build();
        var database = app.Services.GetRequiredService<RiskMapDatabase>();
        try
        {
            await app.InitializeRiskMapDatabaseAsync();
            await using var scope = app.Services.CreateAsyncScope();
            return await work(scope.ServiceProvider);
        }
        finally
        {
            if (database.LocalCluster is { } cluster) await cluster.StopAsync();
        }
    }
}
