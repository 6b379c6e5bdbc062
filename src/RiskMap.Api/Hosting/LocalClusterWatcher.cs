using Microsoft.Extensions.Options;

namespace RiskMap.Api.Hosting;

/// <summary>
/// Keeps the embedded cluster's server running while the service runs: every
/// <see cref="DatabaseOptions.LocalClusterWatchSeconds"/> it checks the postmaster's process
/// (<see cref="LocalPostgresCluster.RunningServerPid"/>) and, when it is gone (killed, crashed, stopped by hand),
/// starts the server again on the same port (<see cref="LocalPostgresCluster.RestartAsync"/>), logs it and empties the
/// connection pools. A failed restart (e.g. processes of the dead server still hold its shared memory) is logged and
/// tried again at the next check. Does nothing when the service uses a configured database.
/// </summary>
public sealed class LocalClusterWatcher(RiskMapDatabase database, IOptions<DatabaseOptions> options, IServiceProvider services,
    ILogger<LocalClusterWatcher> logger) : BackgroundService
{
    private int? _lastPid;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.LocalClusterWatchSeconds;
        if (database.LocalCluster is not { } cluster || seconds <= 0) return;
        _lastPid = cluster.RunningServerPid();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(cluster, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A watchdog that stops watching helps nobody: log and look again at the next tick.
                logger.LogError(e, "Checking the PostgreSQL cluster at {Root} failed; trying again in {Seconds} s", cluster.RootDirectory, seconds);
            }
        }
    }

    private async Task CheckAsync(LocalPostgresCluster cluster, CancellationToken cancellationToken)
    {
        if (cluster.RunningServerPid() is { } pid)
        {
            _lastPid = pid;
            return;
        }
        logger.LogError("The PostgreSQL server of the embedded cluster at {Root} is not running (postmaster pid {Pid} gone): restarting it on 127.0.0.1:{Port}",
            cluster.RootDirectory, _lastPid, cluster.Port);
        try
        {
            await cluster.RestartAsync(cancellationToken);
        }
        catch (LocalPostgresException e)
        {
            logger.LogError("The PostgreSQL server at {Root} did not restart yet; trying again in {Seconds} s. {Reason}",
                cluster.RootDirectory, options.Value.LocalClusterWatchSeconds, e.Message);
            return;
        }
        _lastPid = cluster.RunningServerPid();
        DatabaseUnavailable.ClearPools(services);
        logger.LogWarning("Restarted the PostgreSQL server of the embedded cluster at {Root} (postmaster pid {Pid}, 127.0.0.1:{Port})",
            cluster.RootDirectory, _lastPid, cluster.Port);
    }
}
