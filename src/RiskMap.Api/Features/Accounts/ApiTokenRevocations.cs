using Npgsql;

namespace RiskMap.Api.Features.Accounts;

/// <summary>
/// Listens on the PostgreSQL channel <see cref="Channel"/>, on which the database announces every API token revoked or
/// deleted (trigger <c>tr_api_tokens_notify_revoked</c>, Data/Sql/riskmap_api_tokens_notify_revoked.sql) with its
/// SHA-256 hash when the change commits, and drops that token from this instance's <see cref="ApiTokenCache"/>. One
/// connection of the pool is held for it. When the connection is lost the cache is emptied and not trusted
/// (<see cref="ApiTokenCache.Listening"/>) until listening again, tried every second: a revocation can never be missed.
/// </summary>
public sealed class ApiTokenRevocations(NpgsqlDataSource dataSource, ApiTokenCache cache, ILogger<ApiTokenRevocations> logger) : BackgroundService
{
    /// <summary>The channel's name.</summary>
    public const string Channel = "riskmap_api_token_revoked";

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => cache.Remove(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(stoppingToken);
                cache.Listening = true;
                while (true) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                if (cache.Listening) logger.LogWarning("API token revocations are not heard ({Reason}); tokens are looked up on every request until they are", e.Message);
                cache.Listening = false;
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        cache.Listening = false;
    }
}
