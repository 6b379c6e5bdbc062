using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RiskMap.Api.Data;
using RiskMap.Api.Hosting;

namespace RiskMap.IntegrationTests.Infrastructure;

/// <summary>
/// The service hosted in memory against its own database in the <see cref="TestCluster"/>. Use as an xunit class
/// fixture: one database per test class. <see cref="SeedDemo"/> chooses between the demo district and an empty schema.
/// </summary>
public abstract class RiskMapApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>True to load data/ at start-up (as the real service does), false for an empty migrated schema.</summary>
    protected abstract bool SeedDemo { get; }

    /// <summary>The database's connection string.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Name of the database.</summary>
    public string DatabaseName { get; private set; } = "";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        (DatabaseName, ConnectionString) = await TestCluster.CreateDatabaseAsync(GetType().Name);
        _ = Server; // starts the host: migrations and (optionally) the demo load run now
    }

    /// <inheritdoc />
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await (await TestCluster.GetAsync()).DropDatabaseAsync(DatabaseName);
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:RiskMap", ConnectionString);
        builder.UseSetting("RiskMap:Database:SeedDemoData", SeedDemo ? "true" : "false");
        builder.UseSetting("RiskMap:Database:DemoDataDirectory", RiskMapPaths.DemoData);
        builder.UseEnvironment("Development");
    }

    /// <summary>Runs <paramref name="work"/> with a scoped <see cref="RiskMapDbContext"/>.</summary>
    public async Task<T> WithDbAsync<T>(Func<RiskMapDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<RiskMapDbContext>());
    }

    /// <summary>Runs raw SQL on a fresh connection and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Runs raw SQL on a fresh connection.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>The service on an empty, migrated database.</summary>
public sealed class EmptyApp : RiskMapApp
{
    /// <inheritdoc />
    protected override bool SeedDemo => false;
}

/// <summary>The service on the demo district, loaded at start-up from data/ exactly as the real service does.</summary>
public sealed class DemoApp : RiskMapApp
{
    /// <inheritdoc />
    protected override bool SeedDemo => true;
}
