namespace RiskMap.Api.Hosting;

/// <summary>
/// Keeps an embedded cluster's server running: every interval it checks the postmaster's process
/// (<see cref="LocalPostgresCluster.RunningServerPid"/>) and, when it is gone (killed, crashed, stopped by hand),
/// starts the server again on the same port (<see cref="LocalPostgresCluster.RestartAsync"/>) and logs it. A failed
/// restart (e.g. processes of the dead server still hold its shared memory) is logged and tried again at the next check.
/// Run by <c>RiskMap.Cli db watch</c>, which <c>./scripts/run.sh</c> starts beside the service; the service itself only
/// connects and never starts a server.
/// </summary>
public sealed class LocalClusterWatcher(LocalPostgresCluster cluster, ILogger logger)
{
    private int? _lastPid;

    /// <summary>
    /// Watches until <paramref name="stoppingToken"/> is cancelled. <paramref name="restarted"/> runs after each restart
    /// (e.g. to empty connection pools of the same process).
    /// </summary>
    /// <param name="interval">Time between checks; at least 100 ms.</param>
    /// <param name="restarted">Called after the server was started again; may be null.</param>
    /// <param name="stoppingToken">Ends the watch.</param>
    public async Task WatchAsync(TimeSpan interval, Action? restarted, CancellationToken stoppingToken)
    {
        _lastPid = cluster.RunningServerPid();
        using var timer = new PeriodicTimer(interval < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await CheckAsync(interval, stoppingToken)) restarted?.Invoke();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A watchdog that stops watching helps nobody: log and look again at the next tick.
                    logger.LogError(e, "Checking the PostgreSQL cluster at {Root} failed; trying again in {Seconds} s", cluster.RootDirectory, interval.TotalSeconds);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    /// <summary>Returns true when the server was found dead and started again.</summary>
    private async Task<bool> CheckAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        if (cluster.RunningServerPid() is { } pid)
        {
            _lastPid = pid;
            return false;
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
                cluster.RootDirectory, interval.TotalSeconds, e.Message);
            return false;
        }
        _lastPid = cluster.RunningServerPid();
        logger.LogWarning("Restarted the PostgreSQL server of the embedded cluster at {Root} (postmaster pid {Pid}, 127.0.0.1:{Port})",
            cluster.RootDirectory, _lastPid, cluster.Port);
        return true;
    }
}
