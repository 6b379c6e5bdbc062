using System.Diagnostics.Metrics;
using System.Net;
using OpenTelemetry.Metrics;
using RiskMap.Api.Features.Import;

namespace RiskMap.Api.Hosting;

/// <summary>Options under <c>RiskMap:Metrics</c>.</summary>
public sealed class MetricsOptions
{
    /// <summary>
    /// Client IP addresses allowed to read <c>/metrics</c>, separated by <c>;</c> (e.g. <c>127.0.0.1;::1;10.0.0.9</c>).
    /// Default: loopback only. Empty: nobody. Any other caller gets 404, as if the path did not exist. Behind a proxy the
    /// address is the one <see cref="WebSecurity"/>'s forwarded headers make it (only from trusted proxies).
    /// </summary>
    public string AllowedAddresses { get; set; } = "127.0.0.1;::1";
}

/// <summary>
/// The service's metrics: OpenTelemetry with a Prometheus scraping endpoint at <c>/metrics</c>. Series: ASP.NET Core's
/// request counts and durations (<c>http_server_request_duration_seconds</c>, by route and status), Npgsql's
/// connection pools (<c>db_client_connection_count</c>, <c>db_client_connection_max</c>, … per data source),
/// <c>riskmap_replica_lag_seconds</c>, <c>riskmap_database_primary_up</c>, <c>riskmap_database_standby_up</c> and
/// <c>riskmap_import_jobs_pending</c>.
/// </summary>
public static class Metrics
{
    /// <summary>Name of the service's own meter.</summary>
    public const string MeterName = "RiskMap";

    /// <summary>The scraping path.</summary>
    public const string Path = "/metrics";

    /// <summary>Registers OpenTelemetry metrics, the Prometheus exporter and the service's gauges.</summary>
    /// <exception cref="InvalidOperationException">At start: <c>RiskMap:Metrics:AllowedAddresses</c> holds something that is not an IP address.</exception>
    public static IServiceCollection AddRiskMapMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MetricsOptions>(configuration.GetSection("RiskMap:Metrics"));
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter("Npgsql", MeterName)
            .AddPrometheusExporter());
        services.AddHostedService<GaugeRegistration>();
        return services;
    }

    /// <summary>
    /// Maps <c>GET /metrics</c> (Prometheus text format), answered only to the addresses of
    /// <see cref="MetricsOptions.AllowedAddresses"/>; any other caller gets 404.
    /// </summary>
    public static IEndpointRouteBuilder MapRiskMapMetrics(this IEndpointRouteBuilder app)
    {
        var allowed = AllowedAddresses(app.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<MetricsOptions>>().Value);
        app.MapPrometheusScrapingEndpoint(Path).AddEndpointFilter(async (context, next) =>
        {
            var remote = context.HttpContext.Connection.RemoteIpAddress;
            if (remote is { IsIPv4MappedToIPv6: true }) remote = remote.MapToIPv4();
            return remote is not null && allowed.Contains(remote) ? await next(context) : Results.NotFound();
        });
        return app;
    }

    /// <summary>The parsed <see cref="MetricsOptions.AllowedAddresses"/>.</summary>
    /// <exception cref="InvalidOperationException">An entry is not an IP address.</exception>
    internal static HashSet<IPAddress> AllowedAddresses(MetricsOptions options)
        => options.AllowedAddresses.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(a => IPAddress.TryParse(a, out var address)
                ? address
                : throw new InvalidOperationException($"RiskMap:Metrics:AllowedAddresses: \"{a}\" is not an IP address (separate addresses with ';')."))
            .ToHashSet();

    /// <summary>Creates the service's observable gauges once the host starts (the meter lives as long as the service).</summary>
    private sealed class GaugeRegistration(IMeterFactory meters, ReplicaMonitor replicas, ImportJobs imports) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var meter = meters.Create(MeterName);
            meter.CreateObservableGauge<double>("riskmap.replica.lag",
                () => Sample().StandbyLagSeconds is { } lag ? [new Measurement<double>(lag)] : Array.Empty<Measurement<double>>(),
                unit: "s", description: "Seconds the standby's replay is behind (0 when it replayed all it received); absent without a reachable standby.");
            meter.CreateObservableGauge("riskmap.database.primary.up", () => Sample().PrimaryReachable ? 1 : 0,
                description: "1 when the primary (read-write) server answers, else 0.");
            meter.CreateObservableGauge("riskmap.database.standby.up", () => Sample().StandbyReachable is true ? 1 : 0,
                description: "1 when a standby answers, else 0 (also without standbys).");
            meter.CreateObservableGauge<int>("riskmap.import.jobs.pending",
                () => imports.CountPendingAsync(CancellationToken.None).GetAwaiter().GetResult() is { } pending
                    ? [new Measurement<int>(pending)] : Array.Empty<Measurement<int>>(),
                description: "Import jobs queued or running.");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        // Gauges are read synchronously by the exporter; the monitor keeps its sample for a second, so one scrape queries once.
        private ReadinessReport Sample() => replicas.SampleAsync(CancellationToken.None).GetAwaiter().GetResult();
    }
}
