using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace RiskMap.Api.Hosting;

/// <summary>Options under <c>RiskMap:Replicas</c>.</summary>
public sealed class ReplicaOptions
{
    /// <summary>
    /// Replication lag, in seconds, above which <c>/health/ready</c> reports <c>Degraded</c>. Default 30.
    /// </summary>
    public double MaxLagSeconds { get; set; } = 30;
}

/// <summary>
/// What <c>GET /health/ready</c> answers: the service's overall state and what it found on each server.
/// </summary>
/// <param name="Status"><c>Healthy</c>: the primary answers (and the standby, when configured, within
/// <see cref="ReplicaOptions.MaxLagSeconds"/>); <c>Degraded</c>: the service answers reads but the primary is unreachable
/// (writes answer 503), or the standby is unreachable or lags; <c>Unhealthy</c>: no server answers.</param>
/// <param name="PrimaryReachable">True when the primary (read-write) server answered.</param>
/// <param name="StandbyConfigured">True when the connection string lists several hosts (reads may go to a standby).</param>
/// <param name="StandbyReachable">True when a server in recovery (a standby) answered; null without standbys.</param>
/// <param name="StandbyLagSeconds">Seconds the standby's replay is behind the primary's last transaction it received
/// (0 when it has replayed everything it received); null without a reachable standby.</param>
public sealed record ReadinessReport(string Status, bool PrimaryReachable, bool StandbyConfigured, bool? StandbyReachable,
    double? StandbyLagSeconds);

/// <summary>
/// Looks at the primary and the standby (<see cref="DatabaseSources"/>): is each reachable, how far the standby lags.
/// Samples are kept for one second, so that health checks and metric scrapes together cost at most two small queries a
/// second.
/// </summary>
public sealed class ReplicaMonitor(DatabaseSources sources, IOptions<ReplicaOptions> options, TimeProvider time, ILogger<ReplicaMonitor> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (ReadinessReport Report, long At)? _last;

    /// <summary>
    /// The current state (at most one second old). The standby's lag is
    /// <c>now() - pg_last_xact_replay_timestamp()</c> while it has WAL received but not yet replayed, else 0 (an idle
    /// primary does not make a standby "lag").
    /// </summary>
    public async Task<ReadinessReport> SampleAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } last && time.GetElapsedTime(last.At) < TimeSpan.FromSeconds(1)) return last.Report;
            var report = await MeasureAsync(cancellationToken);
            _last = (report, time.GetTimestamp());
            return report;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ReadinessReport> MeasureAsync(CancellationToken cancellationToken)
    {
        var primary = await PrimaryAnswersAsync(cancellationToken);
        if (!sources.HasStandby)
            return new ReadinessReport(primary ? "Healthy" : "Unhealthy", primary, false, null, null);

        double? lag = null;
        try
        {
            await using var connection = await sources.Standby.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand("""
                SELECT CASE WHEN NOT pg_is_in_recovery() THEN NULL
                            WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                            ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0)::float8 END
                """, connection);
            // NULL: prefer-standby fell back to the primary, i.e. no standby answered.
            var answer = await command.ExecuteScalarAsync(cancellationToken);
            lag = answer is double seconds ? seconds : null;
            if (lag is null) logger.LogInformation("No standby answers: {Host}:{Port} is not in recovery ({Answer})", connection.Host, connection.Port, answer);
        }
        catch (Exception e) when (e is NpgsqlException || DatabaseUnavailable.IsCause(e))
        {
            // No server answered (or none that Npgsql found suitable): no standby.
            logger.LogInformation("No standby answers: {Reason}", e.Message);
        }
        var standby = lag is not null;
        var status = primary
            ? standby && lag <= options.Value.MaxLagSeconds ? "Healthy" : "Degraded"
            : standby ? "Degraded" : "Unhealthy";
        return new ReadinessReport(status, primary, true, standby, lag);
    }

    // True when a server that is not in recovery (the primary) answers.
    private async Task<bool> PrimaryAnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await sources.Primary.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT NOT pg_is_in_recovery()", connection);
            return await command.ExecuteScalarAsync(cancellationToken) is true;
        }
        catch (Exception e) when (e is NpgsqlException || DatabaseUnavailable.IsCause(e))
        {
            logger.LogInformation("The primary does not answer: {Reason}", e.Message);
            return false;
        }
    }
}

/// <summary><c>GET /health/live</c> and <c>GET /health/ready</c> for load balancers and orchestrators.</summary>
public static class ReadinessEndpoints
{
    /// <summary>Maps both, open to anonymous callers.</summary>
    public static IEndpointRouteBuilder MapRiskMapReadiness(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", Live)
            .AllowAnonymous().WithTags("Service").WithName("HealthLive")
            .WithSummary("200 while the process runs, whatever the database does.")
            .WithDescription("Liveness: answers Healthy as plain text without touching the database, so that an orchestrator restarts " +
                             "the process only when it hangs, never because PostgreSQL is away. Never cached.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        app.MapGet("/health/ready", ReadyAsync)
            .AllowAnonymous().WithTags("Service").WithName("HealthReady")
            .WithSummary("Whether the service can serve: the primary and the standby, reachable or not, and the standby's lag.")
            .WithDescription("Readiness: 200 with status Healthy, or Degraded when the service answers reads but the primary is " +
                             "unreachable (writes answer 503 until a standby is promoted) or the standby is unreachable or lags more " +
                             "than RiskMap:Replicas:MaxLagSeconds; 503 with Retry-After and status Unhealthy when no server answers. " +
                             "Needs no sign-in and is never cached.")
            .Produces<ReadinessReport>(StatusCodes.Status200OK, "application/json")
            .Produces<ReadinessReport>(StatusCodes.Status503ServiceUnavailable, "application/json");
        return app;
    }

    private static ContentHttpResult Live(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store, no-cache";
        return TypedResults.Text("Healthy", "text/plain");
    }

    private static async Task<JsonHttpResult<ReadinessReport>> ReadyAsync(ReplicaMonitor monitor, HttpContext http, CancellationToken cancellationToken)
    {
        var report = await monitor.SampleAsync(cancellationToken);
        http.Response.Headers.CacheControl = "no-store, no-cache";
        var unhealthy = report.Status == "Unhealthy";
        if (unhealthy) http.Response.Headers.RetryAfter = DatabaseUnavailable.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Json(report, statusCode: unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }
}
