using Npgsql;

namespace RiskMap.Api.Hosting;

/// <summary>
/// The one definition of "the database cannot be reached": which exceptions mean that PostgreSQL is down, restarting,
/// refusing connections or not answering, as opposed to a fault in a request or in our code. Requests that fail so
/// answer 503 (<see cref="DatabaseUnavailableExceptionHandler"/>) and imports fail with a message saying so.
/// </summary>
public static class DatabaseUnavailable
{
    /// <summary>Seconds a client is asked to wait (<c>Retry-After</c>) before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>
    /// True when <paramref name="exception"/> or an exception it wraps (EF Core's <c>DbUpdateException</c> and
    /// <c>InvalidOperationException</c> around a transient failure, Identity's store calls, <see cref="AggregateException"/>)
    /// is one of:
    /// <list type="bullet">
    /// <item>a <see cref="PostgresException"/> with SQL state class 08 (connection exception), 57P01 (admin shutdown),
    /// 57P02 (crash shutdown), 57P03 (cannot connect now: starting up or recovering), 53300 (too many connections) or
    /// 25006 (read-only transaction: a write reached a server that is, or still is, a standby);</item>
    /// <item>another <see cref="NpgsqlException"/> that Npgsql itself calls transient
    /// (<see cref="NpgsqlException.IsTransient"/>: a socket error such as a refused connection, the connection closed
    /// under it, or no answer in time — opening a connection or reading a result).</item>
    /// </list>
    /// Everything else — a constraint violation, an SQL error, a statement the server cancelled (57014), a
    /// serialization failure or a bug — is not, and keeps its own answer.
    /// </summary>
    /// <remarks>SQL states: PostgreSQL documentation, Appendix A "PostgreSQL Error Codes".</remarks>
    public static bool IsCause(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return IsUnavailableState(postgres.SqlState);
                // A multi-host data source that found no suitable host wraps what each host answered in an AggregateException.
                case NpgsqlException { InnerException: NpgsqlException or AggregateException }:
                    continue;
                case NpgsqlException npgsql:
                    return npgsql.IsTransient;
                case AggregateException aggregate:
                    return aggregate.InnerExceptions.Any(IsCause);
            }
        }
        return false;
    }

    /// <summary>True for the SQL states listed in <see cref="IsCause"/>.</summary>
    internal static bool IsUnavailableState(string sqlState)
        => sqlState.StartsWith("08", StringComparison.Ordinal)
           || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
               or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections
               or PostgresErrorCodes.ReadOnlySqlTransaction;

    /// <summary>
    /// Closes the idle connections of the service's data source and of every connection-string pool, and makes the
    /// connections in use close when they are returned. Npgsql does the same when it sees a connection break; this also
    /// covers the pools that saw nothing yet, so that no connection to a server that went away is handed out again.
    /// </summary>
    public static void ClearPools(IServiceProvider services)
    {
        if (services.GetRequiredService<RiskMapDatabase>().IsInitialized) services.GetRequiredService<NpgsqlDataSource>().Clear();
        NpgsqlConnection.ClearAllPools();
    }
}
