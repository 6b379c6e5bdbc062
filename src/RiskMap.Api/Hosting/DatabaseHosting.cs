using Microsoft.EntityFrameworkCore;
using Npgsql;
using RiskMap.Api.Data;
using RiskMap.Api.Features.Import;

namespace RiskMap.Api.Hosting;

/// <summary>Options under <c>RiskMap:Database</c>.</summary>
public sealed class DatabaseOptions
{
    /// <summary>
    /// Folder of the embedded cluster used when <c>ConnectionStrings:RiskMap</c> is empty.
    /// Default: <c>&lt;checkout&gt;/.riskmap/postgres</c>.
    /// </summary>
    public string? LocalClusterDirectory { get; set; }

    /// <summary>
    /// How often, in seconds, the service checks that the embedded cluster's server still runs and restarts it when it
    /// died (<see cref="LocalClusterWatcher"/>). Default 5; 0 turns the check off.
    /// </summary>
    public double LocalClusterWatchSeconds { get; set; } = 5;

    /// <summary>Database name inside the embedded cluster. Default <c>riskmap</c>.</summary>
    public string LocalDatabaseName { get; set; } = "riskmap";

    /// <summary>Load the demo district from <see cref="DemoDataDirectory"/> when the database holds no district. Default true.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>
    /// Create the roles and first accounts (<see cref="Features.Accounts.DemoAccounts"/>) at start-up. Default true;
    /// command-line tools that only load data turn it off, so that the service's own first start makes the accounts
    /// (with the districts then loaded).
    /// </summary>
    public bool CreateAccounts { get; set; } = true;

    /// <summary>Folder of the demo data files. Default <c>&lt;checkout&gt;/data</c>.</summary>
    public string? DemoDataDirectory { get; set; }
}

/// <summary>
/// Where the service's database is: a configured connection string, or the embedded cluster that
/// <see cref="DatabaseHosting.InitializeRiskMapDatabaseAsync"/> starts. Set once at start-up.
/// </summary>
public sealed class RiskMapDatabase
{
    private string? _connectionString;

    /// <summary>The connection string in use.</summary>
    /// <exception cref="InvalidOperationException">Before the database was initialised.</exception>
    public string ConnectionString
    {
        get => _connectionString ?? throw new InvalidOperationException(
            "The database is not initialised yet: call app.InitializeRiskMapDatabaseAsync() before serving requests.");
        internal set => _connectionString = value;
    }

    /// <summary>True once <see cref="ConnectionString"/> is set.</summary>
    public bool IsInitialized => _connectionString is not null;

    /// <summary>The embedded cluster, when the service runs one.</summary>
    public LocalPostgresCluster? LocalCluster { get; internal set; }
}

/// <summary>Registers the database services and prepares the database at start-up.</summary>
public static class DatabaseHosting
{
    /// <summary>
    /// Registers <see cref="RiskMapDatabase"/>, a shared <see cref="NpgsqlDataSource"/> with NetTopologySuite
    /// types, <see cref="RiskMapDbContext"/>, the health check and the embedded cluster's
    /// <see cref="LocalClusterWatcher"/>. The data source is built lazily, after <see cref="InitializeRiskMapDatabaseAsync"/>
    /// has created the <c>postgis</c> extension, because Npgsql caches the database's types per data source on first
    /// connection.
    /// </summary>
    public static IServiceCollection AddRiskMapDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DatabaseOptions>(configuration.GetSection("RiskMap:Database"));
        services.AddSingleton<RiskMapDatabase>();
        // The primary's and the standby's data sources (DatabaseRouting.cs); NpgsqlDataSource is the primary's, and the
        // standby's inside requests that DatabaseRoutes sends there.
        services.AddSingleton(sp => new DatabaseSources(sp.GetRequiredService<RiskMapDatabase>().ConnectionString, b => b.UseNetTopologySuite()));
        services.AddSingleton(sp => sp.GetRequiredService<DatabaseSources>().Primary);
        services.AddScoped<DatabaseRoute>();
        services.AddDbContext<RiskMapDbContext>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<DatabaseSources>().For(sp.GetRequiredService<DatabaseRoute>().Target),
                npgsql => npgsql.UseNetTopologySuite())
            .UseSnakeCaseNamingConvention());
        services.AddHealthChecks().AddDbContextCheck<RiskMapDbContext>("database");
        services.AddHostedService<LocalClusterWatcher>();
        return services;
    }

    /// <summary>
    /// Makes the database ready before the first request: starts the embedded cluster when no
    /// <c>ConnectionStrings:RiskMap</c> is configured (and stops it when the application stops), creates the
    /// <c>postgis</c> extension, applies EF Core migrations and loads the demo district when the database holds
    /// no district and <see cref="DatabaseOptions.SeedDemoData"/> is on.
    /// </summary>
    /// <exception cref="LocalPostgresException">The embedded cluster could not be created or started.</exception>
    public static async Task InitializeRiskMapDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("RiskMap.Database");
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
        var database = app.Services.GetRequiredService<RiskMapDatabase>();

        var configured = app.Configuration.GetConnectionString("RiskMap");
        if (string.IsNullOrWhiteSpace(configured))
        {
            var directory = options.LocalClusterDirectory ?? Path.Combine(RiskMapPaths.State, "postgres");
            var cluster = await LocalPostgresCluster.StartAsync(directory, durable: true, logger, cancellationToken);
            app.Lifetime.ApplicationStopped.Register(() => cluster.StopAsync().GetAwaiter().GetResult());
            await cluster.EnsureDatabaseAsync(options.LocalDatabaseName, cancellationToken);
            database.LocalCluster = cluster;
            database.ConnectionString = cluster.ConnectionString(options.LocalDatabaseName);
            logger.LogInformation(
                "Embedded PostgreSQL: cluster in {Directory}, database {Database} on 127.0.0.1:{Port}. Connect with: {Psql}",
                cluster.RootDirectory, options.LocalDatabaseName, cluster.Port, cluster.PsqlHint(options.LocalDatabaseName));
        }
        else
        {
            database.ConnectionString = configured;
            await using var connection = new NpgsqlConnection(configured);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS postgis", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            logger.LogInformation("Using the database of ConnectionStrings:RiskMap (host {Host}, database {Database})",
                connection.Host, connection.Database);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RiskMapDbContext>();
        await db.Database.MigrateAsync(cancellationToken);

        if (options.SeedDemoData && !await db.Districts.AnyAsync(cancellationToken))
        {
            var directory = options.DemoDataDirectory ?? RiskMapPaths.DemoData;
            logger.LogInformation("The database holds no district: loading the demo district from {Directory}", directory);
            var report = await scope.ServiceProvider.GetRequiredService<DemoDataLoader>().LoadAsync(directory, cancellationToken);
            logger.LogInformation("Demo district loaded: {Report}", report);
        }
        if (options.CreateAccounts) await scope.ServiceProvider.GetRequiredService<Features.Accounts.DemoAccounts>().EnsureAsync(cancellationToken);
    }
}
