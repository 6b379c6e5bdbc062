using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RiskMap.Api.Hosting;

namespace RiskMap.UnitTests.Hosting;

/// <summary>
/// Which failures mean "the database cannot be reached" (503) and which are faults of a request or of the code that
/// keep their own answer: the exceptions Npgsql, EF Core and Identity throw, bare and wrapped.
/// </summary>
public sealed class DatabaseUnavailableTests
{
    private static PostgresException Postgres(string sqlState) => new("message", "FATAL", "FATAL", sqlState);

    private static NpgsqlException Refused() => new("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

    public static TheoryData<string, Exception> Unavailable => new()
    {
        { "connection refused", Refused() },
        { "connection closed by the server (kill -9)", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()) },
        { "connection reset", new NpgsqlException("Exception while writing to stream", new IOException("reset", new SocketException((int)SocketError.ConnectionReset))) },
        { "no answer while connecting", new NpgsqlException("Failed to connect to 127.0.0.1:5432", new TimeoutException("Timeout during connection attempt")) },
        { "57P01 admin shutdown", Postgres(PostgresErrorCodes.AdminShutdown) },
        { "57P02 crash shutdown", Postgres(PostgresErrorCodes.CrashShutdown) },
        { "57P03 starting up", Postgres(PostgresErrorCodes.CannotConnectNow) },
        { "08006 connection failure", Postgres(PostgresErrorCodes.ConnectionFailure) },
        { "08001 cannot establish", Postgres(PostgresErrorCodes.SqlClientUnableToEstablishSqlConnection) },
        { "53300 too many connections", Postgres(PostgresErrorCodes.TooManyConnections) },
        { "EF Core save", new DbUpdateException("An error occurred while saving the entity changes.", Refused()) },
        { "EF Core transient-failure wrapper", new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", Refused()) },
        { "Identity store call (EF query inside)", new InvalidOperationException("outer", new InvalidOperationException("inner", Postgres(PostgresErrorCodes.AdminShutdown))) },
        { "Npgsql wrapping a server shutdown", new NpgsqlException("A previous command on this connection caused an error", Postgres(PostgresErrorCodes.AdminShutdown)) },
        { "a task's aggregate", new AggregateException(new ArgumentException("unrelated"), Refused()) },
    };

    public static TheoryData<string, Exception> NotUnavailable => new()
    {
        { "unique violation", Postgres(PostgresErrorCodes.UniqueViolation) },
        { "syntax error", Postgres(PostgresErrorCodes.SyntaxError) },
        { "statement cancelled by the server", Postgres(PostgresErrorCodes.QueryCanceled) },
        { "serialization failure", Postgres(PostgresErrorCodes.SerializationFailure) },
        { "deadlock", Postgres(PostgresErrorCodes.DeadlockDetected) },
        { "database does not exist", Postgres(PostgresErrorCodes.InvalidCatalogName) },
        { "wrong password", Postgres(PostgresErrorCodes.InvalidPassword) },
        { "EF Core save of a duplicate", new DbUpdateException("duplicate", Postgres(PostgresErrorCodes.UniqueViolation)) },
        { "Npgsql wrapping a constraint violation", new NpgsqlException("wrapped", Postgres(PostgresErrorCodes.ForeignKeyViolation)) },
        { "Npgsql protocol error without a cause", new NpgsqlException("Received backend message X while expecting ReadyForQuery. Please file a bug.") },
        { "concurrency conflict", new DbUpdateConcurrencyException("stale") },
        { "a bug", new InvalidOperationException("Sequence contains no elements") },
        { "a null", new NullReferenceException() },
        { "a bug wrapping an I/O error that is not the database's", new InvalidOperationException("file", new IOException("disk")) },
        { "a timeout that is not the database's", new TimeoutException("solver") },
        { "an aggregate of bugs", new AggregateException(new ArgumentException("a"), new FormatException("b")) },
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public void The_database_cannot_be_reached(string what, Exception exception)
        => Assert.True(DatabaseUnavailable.IsCause(exception), what);

    [Theory]
    [MemberData(nameof(NotUnavailable))]
    public void A_fault_of_the_request_or_the_code_is_not_an_outage(string what, Exception exception)
        => Assert.False(DatabaseUnavailable.IsCause(exception), what);
}
