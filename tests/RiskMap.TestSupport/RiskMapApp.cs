using System.Collections.Concurrent;
using System.Net;
using Xunit;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RiskMap.Api.Data;
using RiskMap.Api.Hosting;

namespace RiskMap.TestSupport;

/// <summary>
/// The service hosted in memory against its own database in the <see cref="TestCluster"/>. Use as an xunit class
/// fixture (one database per test class), or as a collection fixture shared by classes that only read.
/// <see cref="SeedDemo"/> chooses between the demo district and an empty schema.
/// The database is a copy of the <see cref="DatabaseTemplate"/> of that choice, which the service itself prepared once
/// per test process; the service's start on the copy finds its migrations, district and accounts in place.
/// </summary>
public abstract class RiskMapApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>True to load data/ at start-up (as the real service does), false for an empty migrated schema.</summary>
    protected abstract bool SeedDemo { get; }

    /// <summary>Password of every account the service creates at first start (RISKMAP_DEMO_PASSWORD).</summary>
    public const string Password = "Test-Passw0rd-RiskMap";

    /// <summary>
    /// PBKDF2 iterations of the password hashes the tests' service writes and checks (ASP.NET Core Identity's
    /// <see cref="PasswordHasherOptions.IterationCount"/>; the service keeps Identity's default, 100,000). Every sign-in of
    /// a test and every account of the templates costs one hash: at the default the suite's few hundred sign-ins took
    /// about a third of the integration tests' processor time. The hash format, the checks and the lockout are unchanged.
    /// </summary>
    public const int PasswordHashIterations = 1000;

    /// <summary>
    /// Extra configuration of the hosted service (key, value), applied after the database settings. Those that change
    /// what the service's first start writes (<c>RiskMap:Database:…</c>, <c>RISKMAP_DEMO_PASSWORD</c>) select a template
    /// of their own.
    /// </summary>
    protected virtual IEnumerable<(string Key, string Value)> Settings => [];

    /// <summary>The database's connection string.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Name of the database.</summary>
    public string DatabaseName { get; private set; } = "";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        (DatabaseName, ConnectionString) = await CreateDatabaseAsync();
        Start();
    }

    /// <summary>
    /// Creates the database the service uses: by default a copy, in the shared <see cref="TestCluster"/>, of the template
    /// of this kind of app (the demo district or an empty schema, and the settings that change the first start).
    /// </summary>
    protected virtual async Task<(string Name, string ConnectionString)> CreateDatabaseAsync()
    {
        var template = await DatabaseTemplate.GetAsync(SeedDemo, [.. Settings.Where(s => ChangesFirstStart(s.Key))]);
        return await TestCluster.CopyDatabaseAsync(GetType().Name, template);
    }

    /// <summary>Removes the database of <see cref="CreateDatabaseAsync"/> once the service has stopped.</summary>
    protected virtual async Task DropDatabaseAsync() => await (await TestCluster.GetAsync()).DropDatabaseAsync(DatabaseName);

    private static bool ChangesFirstStart(string key)
        => key.StartsWith("RiskMap:Database:", StringComparison.OrdinalIgnoreCase) || key.Equals("RISKMAP_DEMO_PASSWORD", StringComparison.OrdinalIgnoreCase);

    /// <summary>Points the service at <paramref name="name"/> before it starts (the template's own first start).</summary>
    private protected void SetDatabase(string name, string connectionString) => (DatabaseName, ConnectionString) = (name, connectionString);

    /// <summary>
    /// True to serve on a real loopback port (Kestrel on 127.0.0.1, a free port) instead of in memory: for a browser, or
    /// for what needs the caller's real address.
    /// </summary>
    protected virtual bool OnLoopbackPort => false;

    /// <summary>Starts the host (migrations and, optionally, the demo load run now): in memory, or on a loopback port (<see cref="OnLoopbackPort"/>).</summary>
    protected virtual void Start()
    {
        if (!OnLoopbackPort)
        {
            _ = Server;
            return;
        }
        UseKestrel(0);
        StartServer();
    }

    /// <inheritdoc />
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await DropDatabaseAsync();
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:RiskMap", ConnectionString);
        builder.UseSetting("RiskMap:Database:SeedDemoData", SeedDemo ? "true" : "false");
        builder.UseSetting("RiskMap:Database:DemoDataDirectory", RiskMapPaths.DemoData);
        builder.UseSetting("RISKMAP_DEMO_PASSWORD", Password);
        builder.UseEnvironment("Development");
        builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = PasswordHashIterations));
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        if (OnLoopbackPort) builder.UseSetting("urls", "http://127.0.0.1:0");
    }

    /// <summary>
    /// Clients of the tests ask for English (<c>Accept-Language: en</c>) unless a test sets another language: the
    /// service answers in Chinese by default, and the tests read most messages in English.
    /// </summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
    }

    /// <summary>
    /// Creates <paramref name="users"/> through <c>POST /api/v1/users</c> as <c>admin</c>, in order; each an object of
    /// that endpoint's body (userName, password, role, townships or department…).
    /// </summary>
    /// <exception cref="InvalidOperationException">One was not created (201); the message is the service's answer.</exception>
    public async Task CreateUsersAsync(params object[] users)
    {
        var admin = await ClientForAsync("admin");
        foreach (var user in users)
        {
            var response = await admin.PostAsJsonAsync("/api/v1/users", user);
            if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>
    /// A client signed in as <paramref name="userName"/> (cookie), e.g. <c>admin</c>, <c>leader</c>,
    /// <c>chief-431103105</c>; the empty schema has only <c>admin</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The sign-in failed.</exception>
    public async Task<HttpClient> ClientForAsync(string userName)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = Password });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>
    /// A personal API token of <paramref name="userName"/> (created through <c>POST /api/v1/auth/tokens</c> after a
    /// cookie sign-in), for clients that send <c>Authorization: Bearer …</c>, such as GDAL.
    /// </summary>
    /// <exception cref="InvalidOperationException">The sign-in or the token request failed.</exception>
    public async Task<string> TokenForAsync(string userName)
    {
        using var client = await ClientForAsync(userName);
        var response = await client.PostAsJsonAsync("/api/v1/auth/tokens", new { name = "tests", expiresInDays = 1 });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Token for {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("secret").GetString()!;
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

    /// <summary>
    /// The lines of <c>EXPLAIN</c> for <paramref name="sql"/> with its parameters, after <paramref name="settings"/>
    /// (e.g. <c>SET enable_seqscan = off</c>) on the same fresh connection.
    /// </summary>
    public async Task<List<string>> ExplainAsync(string sql, Action<NpgsqlParameterCollection> bind, string settings)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using (var set = new NpgsqlCommand(settings, connection)) await set.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection);
        bind(explain.Parameters);
        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        return plan;
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

/// <summary>
/// The service's first start, done once per test process and kind of database, as a template for the databases of
/// <see cref="RiskMapApp"/>: a new database of the <see cref="TestCluster"/>, the service hosted against it with the
/// settings every <see cref="RiskMapApp"/> uses (so its own start-up code applies the migrations, loads data/ when
/// <c>seedDemo</c>, and creates the accounts with <see cref="RiskMapApp.Password"/>), the service stopped, and the
/// database closed to connections (<see cref="TestCluster.CloseForCopiesAsync"/>). A copy therefore holds the same rows,
/// sequence positions, accounts and password hashes as a database the service prepared itself.
/// </summary>
public static class DatabaseTemplate
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Templates = new();

    /// <summary>
    /// The name of the template with the demo district (<paramref name="seedDemo"/>) or with the empty migrated schema,
    /// prepared with <paramref name="firstStartSettings"/> (configuration that changes what the first start writes; none
    /// for the plain <see cref="DemoApp"/> and <see cref="EmptyApp"/>). Built by the first caller of each combination,
    /// thread-safe; a failed build fails every caller with the same exception.
    /// </summary>
    public static Task<string> GetAsync(bool seedDemo, IReadOnlyList<(string Key, string Value)>? firstStartSettings = null)
    {
        IReadOnlyList<(string Key, string Value)> settings = firstStartSettings ?? [];
        var key = string.Join("\n", settings.Select(s => $"{s.Key}={s.Value}").Prepend(seedDemo ? "demo" : "empty"));
        return Templates.GetOrAdd(key, _ => new Lazy<Task<string>>(() => BuildAsync(seedDemo, settings))).Value;
    }

    private static async Task<string> BuildAsync(bool seedDemo, IReadOnlyList<(string Key, string Value)> settings)
    {
        var (name, connectionString) = await TestCluster.CreateDatabaseAsync(seedDemo ? "template_demo" : "template_empty");
        await using (var host = new TemplateHost(seedDemo, settings))
        {
            host.Prepare(name, connectionString);
        }
        await TestCluster.CloseForCopiesAsync(name);
        return name;
    }

    /// <summary>The service with the settings of every <see cref="RiskMapApp"/>, started once against the template.</summary>
    private sealed class TemplateHost(bool seedDemo, IReadOnlyList<(string Key, string Value)> settings) : RiskMapApp
    {
        protected override bool SeedDemo => seedDemo;

        protected override IEnumerable<(string Key, string Value)> Settings => settings;

        public void Prepare(string name, string connectionString)
        {
            SetDatabase(name, connectionString);
            Start();
        }
    }
}

/// <summary>The service on an empty, migrated database.</summary>
public sealed class EmptyApp : RiskMapApp
{
    /// <inheritdoc />
    protected override bool SeedDemo => false;
}

/// <summary>The service on the demo district, loaded at start-up from data/ exactly as the real service does.</summary>
public class DemoApp : RiskMapApp
{
    /// <inheritdoc />
    protected override bool SeedDemo => true;
}

/// <summary>
/// The service on the demo district listening on a real loopback port (Kestrel), for a browser. <see cref="BaseAddress"/>
/// is where it listens.
/// </summary>
public class KestrelDemoApp : DemoApp
{
    /// <summary>The service's address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress => ClientOptions.BaseAddress;

    /// <inheritdoc />
    protected override bool OnLoopbackPort => true;
}

/// <summary>
/// <see cref="KestrelDemoApp"/> with the page's tile threshold at 100 enterprises, so that the demo district's page
/// draws enterprises from vector tiles as a prefecture's would.
/// </summary>
public sealed class KestrelTileModeApp : KestrelDemoApp
{
    /// <inheritdoc />
    protected override IEnumerable<(string Key, string Value)> Settings => [("RiskMap:Map:EnterpriseTileThreshold", "100")];
}
