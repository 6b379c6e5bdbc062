namespace RiskMap.Api.Hosting;

/// <summary>
/// The service's own registrations and database start-up (<see cref="RiskMapHosting.AddRiskMap"/>,
/// <see cref="DatabaseHosting.InitializeRiskMapDatabaseAsync"/>) without serving anything: the database named by
/// <c>ConnectionStrings__RiskMap</c>, or the embedded cluster of the checkout (attached to when it is running, started
/// and stopped again otherwise — the command line may start a cluster, the service never does). For the command line and
/// the benchmarks. Like the service, it loads the demo district into an empty database only with
/// <c>RiskMap__Database__SeedDemoData=true</c>.
/// </summary>
public static class OfflineHost
{
    /// <summary>
    /// Runs <paramref name="work"/> with the service's services (in a scope) against the initialised database: the one of
    /// <paramref name="connectionString"/> when given, else as configured. <paramref name="settings"/> override
    /// configuration keys (e.g. <c>RiskMap:Database:LocalClusterDirectory</c>, <c>RiskMap:Database:CreateAccounts</c>).
    /// </summary>
    /// <exception cref="LocalPostgresException">The embedded cluster was needed and could not be created or started.</exception>
    public static async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work, string? connectionString = null,
        IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], WebRootPath = RiskMapPaths.WebRoot });
        if (connectionString is not null) builder.Configuration["ConnectionStrings:RiskMap"] = connectionString;
        foreach (var (key, value) in settings ?? []) builder.Configuration[key] = value;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var cluster = await StartEmbeddedUnlessConfiguredAsync(builder.Configuration);
        builder.AddRiskMap();
        await using var app = builder.Build();
        await app.InitializeRiskMapDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>
    /// When <paramref name="configuration"/> names no database (<c>ConnectionStrings:RiskMap</c> empty): starts (or attaches
    /// to) the embedded cluster of <c>RiskMap:Database</c>, creates its database and writes its connection string into
    /// <paramref name="configuration"/>. Returns the cluster (disposing it stops the server only when this call started
    /// it), or null when a database is configured.
    /// </summary>
    /// <exception cref="LocalPostgresException">The cluster could not be created or started.</exception>
    public static async Task<LocalPostgresCluster?> StartEmbeddedUnlessConfiguredAsync(IConfiguration configuration, ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString("RiskMap"))) return null;
        var options = configuration.GetSection("RiskMap:Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        var cluster = await LocalPostgresCluster.StartAsync(options.ClusterDirectory, durable: true, logger, cancellationToken);
        await cluster.EnsureDatabaseAsync(options.LocalDatabaseName, cancellationToken);
        configuration["ConnectionStrings:RiskMap"] = cluster.ConnectionString(options.LocalDatabaseName);
        return cluster;
    }
}
