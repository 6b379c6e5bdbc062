using System.Collections.Frozen;
using Npgsql;

namespace RiskMap.Api.Hosting;

/// <summary>Which server of a replicated database a request reads from.</summary>
public enum DatabaseTarget
{
    /// <summary>The primary (read-write) server: every write, and reads that must see what was just written.</summary>
    Primary,

    /// <summary>A streaming standby when one is configured (the primary otherwise): reads that tolerate a few seconds of lag.</summary>
    Standby,
}

/// <summary>
/// The one table of which endpoint reads where (<see cref="Table"/>), and the request's choice made from it. An endpoint
/// missing from the table reads from the primary; <c>DatabaseRoutesTests</c> enumerates every mapped endpoint and fails
/// on one that is missing, so that each new endpoint is classified on purpose. The README's "Deploying for a city or
/// province" repeats the table.
/// </summary>
/// <remarks>
/// Standby: the map and its lists, tiles, OGC API, statistics, exports, printed maps, the bulletin's figures and search,
/// which a few seconds of replication lag cannot make wrong in a way a user notices. Primary: every write (a request
/// that writes also reads what it wrote, in the same transaction); sign-in, accounts and tokens; what a user reads
/// right after changing it (a hazard's record and attachments, a plan just made, an import job being polled, a
/// publication just published, notifications, data-quality work lists) — on a standby these could still show the state
/// before the change; and <c>/health</c>'s database check.
/// </remarks>
public static class DatabaseRoutes
{
    private const string Api = "/api/v1";

    /// <summary>
    /// Method and route pattern (as mapped, e.g. <c>GET /api/v1/hazards/{id:long}</c>) → where the endpoint reads.
    /// </summary>
    public static readonly FrozenDictionary<string, DatabaseTarget> Table = new Dictionary<string, DatabaseTarget>
    {
        // The map and its lists.
        [$"GET {Api}/map-config"] = DatabaseTarget.Standby,
        [$"GET {Api}/districts/"] = DatabaseTarget.Standby,
        [$"GET {Api}/townships/choropleth"] = DatabaseTarget.Standby,
        [$"GET {Api}/townships/{{code}}"] = DatabaseTarget.Standby,
        [$"GET {Api}/enterprises/"] = DatabaseTarget.Standby,
        [$"GET {Api}/enterprises/{{id:long}}"] = DatabaseTarget.Standby,
        [$"GET {Api}/hazards/"] = DatabaseTarget.Standby,
        [$"GET {Api}/hazard-criteria"] = DatabaseTarget.Standby,
        [$"GET {Api}/search"] = DatabaseTarget.Standby,
        [$"GET {Api}/data-notes"] = DatabaseTarget.Standby,
        [$"GET {Api}/responsibility/"] = DatabaseTarget.Standby,
        [$"GET {Api}/density/hexagons"] = DatabaseTarget.Standby,
        [$"GET {Api}/tiles/enterprises/{{z}}/{{x}}/{{y}}.mvt"] = DatabaseTarget.Standby,
        [$"GET {Api}/routes/candidates"] = DatabaseTarget.Standby,
        [$"GET {Api}/routes/due"] = DatabaseTarget.Standby,
        // Statistics, reports, printed maps, exports.
        [$"GET {Api}/statistics/"] = DatabaseTarget.Standby,
        [$"GET {Api}/statistics/series"] = DatabaseTarget.Standby,
        [$"GET {Api}/reports/campaign/"] = DatabaseTarget.Standby,
        [$"GET {Api}/maps/choropleth.png"] = DatabaseTarget.Standby,
        [$"GET {Api}/maps/choropleth.pdf"] = DatabaseTarget.Standby,
        [$"GET {Api}/exports/townships"] = DatabaseTarget.Standby,
        [$"GET {Api}/exports/enterprises"] = DatabaseTarget.Standby,
        [$"GET {Api}/exports/hazards"] = DatabaseTarget.Standby,
        [$"GET {Api}/exports/statistics"] = DatabaseTarget.Standby,
        [$"GET {Api}/exports/responsibility"] = DatabaseTarget.Standby,
        // OGC API – Features.
        ["GET /ogc/"] = DatabaseTarget.Standby,
        ["GET /ogc/conformance"] = DatabaseTarget.Standby,
        ["GET /ogc/collections"] = DatabaseTarget.Standby,
        ["GET /ogc/collections/{collectionId}"] = DatabaseTarget.Standby,
        ["GET /ogc/collections/{collectionId}/items"] = DatabaseTarget.Standby,
        ["GET /ogc/collections/{collectionId}/items/{featureId}"] = DatabaseTarget.Standby,

        // Liveness and readiness: they look at the servers themselves; a caller's cookie is checked on a standby, so
        // that they answer while the primary is away.
        ["GET /health/live"] = DatabaseTarget.Standby,
        ["GET /health/ready"] = DatabaseTarget.Standby,

        // Service: the database check of /health is the primary's; metrics read no table.
        ["GET /health"] = DatabaseTarget.Primary,
        ["GET /metrics"] = DatabaseTarget.Primary,
        // Accounts and tokens.
        [$"POST {Api}/auth/login"] = DatabaseTarget.Primary,
        [$"POST {Api}/auth/logout"] = DatabaseTarget.Primary,
        [$"GET {Api}/auth/me"] = DatabaseTarget.Primary,
        [$"GET {Api}/auth/tokens"] = DatabaseTarget.Primary,
        [$"POST {Api}/auth/password"] = DatabaseTarget.Primary,
        [$"POST {Api}/auth/tokens"] = DatabaseTarget.Primary,
        [$"DELETE {Api}/auth/tokens/{{id:long}}"] = DatabaseTarget.Primary,
        [$"GET {Api}/users/"] = DatabaseTarget.Primary,
        [$"POST {Api}/users/"] = DatabaseTarget.Primary,
        [$"POST {Api}/users/{{userName}}/password"] = DatabaseTarget.Primary,
        [$"POST {Api}/users/{{userName}}/unlock"] = DatabaseTarget.Primary,
        // A hazard's record, its ledger and evidence: read right after being changed.
        [$"GET {Api}/hazards/{{id:long}}"] = DatabaseTarget.Primary,
        [$"POST {Api}/inspections"] = DatabaseTarget.Primary,
        [$"POST {Api}/hazards/{{id:long}}/status"] = DatabaseTarget.Primary,
        [$"POST {Api}/hazards/{{id:long}}/deadline"] = DatabaseTarget.Primary,
        [$"POST {Api}/enforcement-actions"] = DatabaseTarget.Primary,
        [$"PUT {Api}/hazards/{{id:long}}/plan"] = DatabaseTarget.Primary,
        [$"PUT {Api}/hazards/{{id:long}}/supervision"] = DatabaseTarget.Primary,
        [$"POST {Api}/hazards/{{id:long}}/extension-requests"] = DatabaseTarget.Primary,
        [$"POST {Api}/hazards/{{id:long}}/extension-requests/{{requestId:long}}/decision"] = DatabaseTarget.Primary,
        [$"POST {Api}/hazards/{{id:long}}/acceptance"] = DatabaseTarget.Primary,
        [$"GET {Api}/hazards/{{id:long}}/attachments"] = DatabaseTarget.Primary,
        [$"POST {Api}/hazards/{{id:long}}/attachments"] = DatabaseTarget.Primary,
        [$"GET {Api}/attachments/{{id:long}}"] = DatabaseTarget.Primary,
        [$"GET {Api}/attachments/{{id:long}}/thumbnail"] = DatabaseTarget.Primary,
        // Error reports and data quality work lists.
        [$"POST {Api}/error-reports/"] = DatabaseTarget.Primary,
        [$"GET {Api}/error-reports/mine"] = DatabaseTarget.Primary,
        [$"GET {Api}/error-reports/queue"] = DatabaseTarget.Primary,
        [$"POST {Api}/error-reports/{{id:long}}/decision"] = DatabaseTarget.Primary,
        [$"GET {Api}/enterprises/location-quality"] = DatabaseTarget.Primary,
        [$"GET {Api}/enterprises/duplicates"] = DatabaseTarget.Primary,
        [$"POST {Api}/enterprises/merges"] = DatabaseTarget.Primary,
        [$"POST {Api}/enterprises/distinct-pairs"] = DatabaseTarget.Primary,
        // Bulletin publications.
        [$"POST {Api}/reports/campaign/publications"] = DatabaseTarget.Primary,
        [$"GET {Api}/reports/campaign/publications/{{id:long}}"] = DatabaseTarget.Primary,
        // Route plans and schedules (a plan is fetched right after it is made).
        [$"POST {Api}/routes/plan"] = DatabaseTarget.Primary,
        [$"GET {Api}/routes/plans/{{id}}"] = DatabaseTarget.Primary,
        [$"GET {Api}/routes/plans/{{id}}/teams/{{team:int}}.gpx"] = DatabaseTarget.Primary,
        [$"GET {Api}/routes/plans/{{id}}/teams/{{team:int}}.csv"] = DatabaseTarget.Primary,
        [$"GET {Api}/routes/plans/{{id}}/teams/{{team:int}}/sheet"] = DatabaseTarget.Primary,
        [$"POST {Api}/routes/schedule"] = DatabaseTarget.Primary,
        [$"GET {Api}/routes/schedule-settings"] = DatabaseTarget.Primary,
        [$"PUT {Api}/routes/schedule-settings"] = DatabaseTarget.Primary,
        [$"GET {Api}/routes/depots"] = DatabaseTarget.Primary,
        [$"POST {Api}/routes/depots"] = DatabaseTarget.Primary,
        // Imports (a job is polled while it writes).
        [$"POST {Api}/imports/uploads"] = DatabaseTarget.Primary,
        [$"GET {Api}/imports/uploads/{{uploadId}}/preview"] = DatabaseTarget.Primary,
        [$"POST {Api}/imports/{{kind}}"] = DatabaseTarget.Primary,
        [$"GET {Api}/imports/jobs/{{jobId}}"] = DatabaseTarget.Primary,
        [$"DELETE {Api}/imports/jobs/{{jobId}}"] = DatabaseTarget.Primary,
        [$"DELETE {Api}/imports/roads"] = DatabaseTarget.Primary,
        // The inspector's day reads the plans and assignments just written, like the plan reads above.
        [$"GET {Api}/field/today"] = DatabaseTarget.Primary,
        [$"PUT {Api}/routes/plans/{{id}}/teams/{{team:int}}/assignment"] = DatabaseTarget.Primary,
        // Notifications and webhooks.
        [$"GET {Api}/notifications/"] = DatabaseTarget.Primary,
        [$"POST {Api}/notifications/{{id:long}}/read"] = DatabaseTarget.Primary,
        [$"POST {Api}/notifications/read-all"] = DatabaseTarget.Primary,
        [$"GET {Api}/webhooks/"] = DatabaseTarget.Primary,
        [$"POST {Api}/webhooks/"] = DatabaseTarget.Primary,
        [$"DELETE {Api}/webhooks/{{id:long}}"] = DatabaseTarget.Primary,
        [$"GET {Api}/webhooks/deliveries"] = DatabaseTarget.Primary,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The key of <paramref name="method"/> and a mapped route pattern in <see cref="Table"/>, e.g. <c>GET /api/v1/districts/</c>.</summary>
    public static string Key(string method, string routePattern) => $"{method} /{routePattern.TrimStart('/')}";

    /// <summary>
    /// Where <paramref name="endpoint"/> reads when called with <paramref name="method"/>: its row of <see cref="Table"/>;
    /// the primary for an endpoint missing from it, for a HEAD of a GET endpoint that is not listed, and for no endpoint.
    /// </summary>
    public static DatabaseTarget TargetOf(Endpoint? endpoint, string method)
    {
        if (endpoint is not RouteEndpoint route || route.RoutePattern.RawText is not { } pattern) return DatabaseTarget.Primary;
        if (HttpMethods.IsHead(method)) method = HttpMethods.Get;
        return Table.GetValueOrDefault(Key(method, pattern), DatabaseTarget.Primary);
    }
}

/// <summary>
/// The service's data sources: <see cref="Primary"/> for writes and <see cref="Standby"/> for the reads of
/// <see cref="DatabaseRoutes"/>.
/// </summary>
/// <remarks>
/// One setting, <c>ConnectionStrings:RiskMap</c>, names the servers. When it lists several hosts
/// (<c>Host=pg1,pg2</c>, Npgsql's multi-host syntax), one Npgsql multi-host data source holds a pool per host and is
/// used with two target session attributes: <c>primary</c> for <see cref="Primary"/> and <c>prefer-standby</c> for
/// <see cref="Standby"/> (a standby when one answers, the primary otherwise; <c>Load Balance Hosts=true</c> spreads the
/// reads over several standbys). Npgsql checks each host's role itself, again after <c>Host Recheck Seconds</c>
/// (default 10), so that after a standby is promoted (<c>pg_ctl promote</c>) writes find the new primary without a
/// restart of the service. A second connection string for reads was not chosen: it would need a third setting for
/// the promotion case and would keep sending reads to a promoted or dead standby. With one host, both properties are
/// the same plain data source.
/// </remarks>
public sealed class DatabaseSources : IAsyncDisposable
{
    private readonly NpgsqlDataSource _root;

    /// <summary>Builds the data sources of <paramref name="connectionString"/>, each with <paramref name="configure"/>'s type mappings.</summary>
    public DatabaseSources(string connectionString, Action<NpgsqlDataSourceBuilder> configure)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        configure(builder);
        var hosts = builder.ConnectionStringBuilder.Host ?? "";
        if (hosts.Contains(',', StringComparison.Ordinal))
        {
            var multiHost = builder.BuildMultiHost();
            _root = multiHost;
            Primary = multiHost.WithTargetSession(TargetSessionAttributes.Primary);
            Standby = multiHost.WithTargetSession(TargetSessionAttributes.PreferStandby);
            HasStandby = true;
        }
        else
        {
            _root = builder.Build();
            Primary = Standby = _root;
        }
    }

    /// <summary>Connections to the primary (read-write) server.</summary>
    public NpgsqlDataSource Primary { get; }

    /// <summary>Connections to a standby when one answers, else to the primary; the primary alone when only one host is configured.</summary>
    public NpgsqlDataSource Standby { get; }

    /// <summary>True when the connection string lists several hosts, so that <see cref="Standby"/> may differ from <see cref="Primary"/>.</summary>
    public bool HasStandby { get; }

    /// <summary>The data source of <paramref name="target"/>.</summary>
    public NpgsqlDataSource For(DatabaseTarget target) => target == DatabaseTarget.Standby ? Standby : Primary;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _root.DisposeAsync();
}

/// <summary>Where the current request reads (scoped; set by <see cref="DatabaseRouting"/> before anything opens a connection).</summary>
public sealed class DatabaseRoute
{
    /// <summary>The request's target; <see cref="DatabaseTarget.Primary"/> outside requests (background work, start-up).</summary>
    public DatabaseTarget Target { get; internal set; } = DatabaseTarget.Primary;
}

/// <summary>
/// The middleware that applies <see cref="DatabaseRoutes"/>: for an endpoint that reads from a standby, the request's
/// <see cref="Data.RiskMapDbContext"/> (and the authentication that uses it) and every <see cref="NpgsqlDataSource"/> a handler
/// asks for are the standby's.
/// </summary>
public static class DatabaseRouting
{
    /// <summary>Adds the middleware; place it after routing and before authentication.</summary>
    public static IApplicationBuilder UseDatabaseRouting(this IApplicationBuilder app)
        => app.Use((context, next) =>
        {
            if (DatabaseRoutes.TargetOf(context.GetEndpoint(), context.Request.Method) == DatabaseTarget.Standby)
            {
                var sources = context.RequestServices.GetRequiredService<DatabaseSources>();
                if (sources.HasStandby)
                {
                    context.RequestServices.GetRequiredService<DatabaseRoute>().Target = DatabaseTarget.Standby;
                    context.RequestServices = new StandbyServices(context.RequestServices, sources.Standby);
                }
            }
            return next(context);
        });

    /// <summary>
    /// The request's services with <see cref="NpgsqlDataSource"/> answered by the standby's. (A scoped registration of the
    /// data source would have the request's scope dispose the shared data source at its end.)
    /// </summary>
    private sealed class StandbyServices(IServiceProvider inner, NpgsqlDataSource standby)
        : IServiceProvider, ISupportRequiredService, IKeyedServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(NpgsqlDataSource) ? standby : inner.GetService(serviceType);

        public object GetRequiredService(Type serviceType) => serviceType == typeof(NpgsqlDataSource) ? standby : inner.GetRequiredService(serviceType);

        public object? GetKeyedService(Type serviceType, object? serviceKey) => ((IKeyedServiceProvider)inner).GetKeyedService(serviceType, serviceKey);

        public object GetRequiredKeyedService(Type serviceType, object? serviceKey)
            => ((IKeyedServiceProvider)inner).GetRequiredKeyedService(serviceType, serviceKey);
    }
}
