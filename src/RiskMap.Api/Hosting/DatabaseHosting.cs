using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using RiskMap.Api.Data;
using RiskMap.Api.Features.Import;

namespace RiskMap.Api.Hosting;

/// <summary>Options under <c>RiskMap:Database</c>.</summary>
public sealed class DatabaseOptions
{
    /// <summary>
    /// Folder of the embedded cluster that <c>RiskMap.Cli db start</c> (and <c>./scripts/run.sh</c>) starts, and that the
    /// service attaches to in Development when <c>ConnectionStrings:RiskMap</c> is empty.
    /// Default: <c>&lt;checkout&gt;/.riskmap/postgres</c>.
    /// </summary>
    public string? LocalClusterDirectory { get; set; }

    /// <summary>Database name inside the embedded cluster. Default <c>riskmap</c>.</summary>
    public string LocalDatabaseName { get; set; } = "riskmap";

    /// <summary>
    /// Load the demo district from <see cref="DemoDataDirectory"/> when the database holds no district. Default false:
    /// fictional records reach a database only when the operator asks (<c>--demo</c>, which <c>./scripts/run.sh</c>
    /// gives for the embedded cluster).
    /// </summary>
    public bool SeedDemoData { get; set; }

    /// <summary>
    /// Create the roles and first accounts (<see cref="Features.Accounts.DemoAccounts"/>) at start-up. Default true;
    /// command-line tools that only load data turn it off, so that the service's own first start makes the accounts
    /// (with the districts then loaded).
    /// </summary>
    public bool CreateAccounts { get; set; } = true;

    /// <summary>Folder of the demo data files. Default <c>&lt;checkout&gt;/data</c>.</summary>
    public string? DemoDataDirectory { get; set; }

    /// <summary>The embedded cluster's folder: <see cref="LocalClusterDirectory"/> or <c>&lt;checkout&gt;/.riskmap/postgres</c>.</summary>
    public string ClusterDirectory => LocalClusterDirectory ?? Path.Combine(RiskMapPaths.State, "postgres");
}

/// <summary>
/// Where the service's database is: the connection string of <c>ConnectionStrings:RiskMap</c>, or (in Development) that of
/// the running embedded cluster. Set once at start-up by <see cref="DatabaseHosting.InitializeRiskMapDatabaseAsync"/>.
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
}

/// <summary>
/// The service cannot start because it was not told where its database is; the message says what to set. Program.cs
/// writes it and exits with code 1.
/// </summary>
public sealed class DatabaseNotConfiguredException(string message) : InvalidSettingException(message);

/// <summary>
/// A setting the service cannot start with (a missing database, an unknown log format…); the message names the setting
/// and what it may be. Program.cs writes it without a stack trace and exits with code 1.
/// </summary>
public class InvalidSettingException(string message) : Exception(message);

/// <summary>Registers the database services and prepares the database at start-up.</summary>
public static class DatabaseHosting
{
    /// <summary>
    /// Registers <see cref="RiskMapDatabase"/>, the primary's and the standby's data sources with NetTopologySuite types
    /// (<see cref="DatabaseSources"/>; <see cref="NpgsqlDataSource"/> is the primary's), the request's
    /// <see cref="DatabaseRoute"/>, <see cref="RiskMapDbContext"/> on the route's server, the health check and the
    /// <see cref="ReplicaMonitor"/>. The data sources are built lazily, after <see cref="InitializeRiskMapDatabaseAsync"/>
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
        // What the servers answer (readiness, metrics, and the 503 of a request that needed the primary).
        services.Configure<ReplicaOptions>(configuration.GetSection("RiskMap:Replicas"));
        services.AddSingleton<ReplicaMonitor>();
        services.AddDbContext<RiskMapDbContext>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<DatabaseSources>().For(sp.GetRequiredService<DatabaseRoute>().Target),
                npgsql => npgsql.UseNetTopologySuite())
            .UseSnakeCaseNamingConvention());
        services.AddHealthChecks().AddDbContextCheck<RiskMapDbContext>("database");
        return services;
    }

    /// <summary>
    /// Makes the database ready before the first request: connects to the database of <c>ConnectionStrings:RiskMap</c>
    /// (in Development without one: the embedded cluster that <c>RiskMap.Cli db start</c> started), creates the
    /// <c>postgis</c> extension, applies EF Core migrations, loads the demo district when
    /// <see cref="DatabaseOptions.SeedDemoData"/> is on and the database holds no district, and creates the first accounts.
    /// Never starts a database server.
    /// </summary>
    /// <exception cref="DatabaseNotConfiguredException">No connection string, outside Development or with no embedded cluster running.</exception>
    public static async Task InitializeRiskMapDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("RiskMap.Database");
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
        var database = app.Services.GetRequiredService<RiskMapDatabase>();

        var connectionString = app.Configuration.GetConnectionString("RiskMap");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = EmbeddedConnectionString(app.Environment, options);
            logger.LogInformation("Development without ConnectionStrings:RiskMap: using the embedded cluster in {Directory}, database {Database}",
                options.ClusterDirectory, options.LocalDatabaseName);
        }
        database.ConnectionString = connectionString;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS postgis", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            logger.LogInformation("Using the database {Database} on {Host}:{Port}", connection.Database, connection.Host, connection.Port);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RiskMapDbContext>();
        await db.Database.MigrateAsync(cancellationToken);

        var demoLoaded = false;
        if (options.SeedDemoData && !await db.Districts.AnyAsync(cancellationToken))
        {
            demoLoaded = true;
            var directory = options.DemoDataDirectory ?? RiskMapPaths.DemoData;
            logger.LogInformation("Demo data asked for and the database holds no district: loading the demo district from {Directory}", directory);
            var report = await scope.ServiceProvider.GetRequiredService<DemoDataLoader>().LoadAsync(directory, cancellationToken);
            logger.LogInformation("Demo district loaded: {Report}", report);
        }
        if (options.CreateAccounts) await scope.ServiceProvider.GetRequiredService<Features.Accounts.DemoAccounts>().EnsureAsync(cancellationToken);
        // The start that loads the demo raises today's reminders once, as the daily job would, so that the inbox of a demo
        // account is not empty before the job's first scheduled run (its unique index keeps that run from repeating them).
        if (demoLoaded)
        {
            var run = await Features.Notifications.ReminderJob.RunAsync(db, app.Services.GetRequiredService<TimeProvider>(),
                app.Services.GetRequiredService<IOptions<Features.Notifications.NotificationOptions>>().Value.DueSoonDays, cancellationToken);
            logger.LogInformation("Demo reminders: {DueSoon} due soon, {Overdue} overdue", run.DueSoon, run.Overdue);
        }
    }

    /// <summary>
    /// Without a connection string: in Development, the connection string of the running embedded cluster; otherwise an
    /// exception saying what to set.
    /// </summary>
    /// <exception cref="DatabaseNotConfiguredException">Not Development, or no embedded cluster runs.</exception>
    public static string EmbeddedConnectionString(IHostEnvironment environment, DatabaseOptions options)
    {
        const string what = "Set ConnectionStrings__RiskMap to the database's connection string " +
                            "(e.g. ConnectionStrings__RiskMap=\"Host=db.example;Database=riskmap;Username=riskmap;Password=…\"), " +
                            "or run ./scripts/run.sh, which starts the embedded PostgreSQL cluster and passes its connection string.";
        if (!environment.IsDevelopment())
            throw new DatabaseNotConfiguredException(
                $"No database configured: ConnectionStrings:RiskMap is empty (environment {environment.EnvironmentName}). {what}");
        var cluster = LocalPostgresCluster.Attach(options.ClusterDirectory)
            ?? throw new DatabaseNotConfiguredException(
                $"No database configured and no embedded cluster running in {options.ClusterDirectory}. Start it with " +
                "'dotnet run --project src/RiskMap.Cli -- db start', or " + what);
        return cluster.ConnectionString(options.LocalDatabaseName);
    }
}
