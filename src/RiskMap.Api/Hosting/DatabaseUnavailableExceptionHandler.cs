using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RiskMap.Api.Resources;

namespace RiskMap.Api.Hosting;

/// <summary>
/// Answers a request that failed because the database cannot be reached (<see cref="DatabaseUnavailable.IsCause"/>)
/// with 503 ProblemDetails, a <c>Retry-After</c> header and a message in the request's language, instead of a 500 —
/// whichever endpoint it was, sign-in included. It also empties Npgsql's connection pools, so that no connection
/// to the database that went away is handed out again once it is back.
/// </summary>
public sealed class DatabaseUnavailableExceptionHandler(IProblemDetailsService problems, IStringLocalizer<Messages> messages,
    IServiceProvider services, ILogger<DatabaseUnavailableExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>The <c>code</c> extension of the problem, for scripts.</summary>
    public const string Code = "database.unavailable";

    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // With standbys, a request that needed the primary says that reading still works (DatabaseRouting.cs). Npgsql's
        // multi-host data source answers "no suitable host" with a bare NpgsqlException when it finds only standbys: a
        // database error of such a request counts as an outage when the primary is found unreachable now.
        var primaryOnly = context.RequestServices.GetRequiredService<DatabaseRoute>() is { Target: DatabaseTarget.Primary }
                          && services.GetRequiredService<DatabaseSources>().HasStandby;
        if (!DatabaseUnavailable.IsCause(exception)
            && !(primaryOnly && HasNpgsqlCause(exception)
                 && !(await services.GetRequiredService<ReplicaMonitor>().SampleAsync(cancellationToken)).PrimaryReachable))
            return false;
        logger.LogWarning("The database cannot be reached ({Method} {Path} answered 503): {Reason}",
            context.Request.Method, context.Request.Path, Innermost(exception).Message);
        DatabaseUnavailable.ClearPools(services);

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = DatabaseUnavailable.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var problem = primaryOnly
            ? Contract.Problems.Details(StatusCodes.Status503ServiceUnavailable, ReplicaProblemCodes.PrimaryUnavailable, null,
                DatabaseUnavailable.RetryAfterSeconds)
            : new ProblemDetails { Extensions = { ["code"] = Code } };
        // The texts in the request's language, also for the plain-text answer below (which no problem writer localizes).
        problem.Status = StatusCodes.Status503ServiceUnavailable;
        problem.Title = primaryOnly ? messages[ReplicaProblemCodes.PrimaryUnavailable + ".title"] : messages[Messages.DatabaseUnavailableTitle];
        problem.Detail = primaryOnly
            ? messages[ReplicaProblemCodes.PrimaryUnavailable, DatabaseUnavailable.RetryAfterSeconds]
            : messages[Messages.DatabaseUnavailableDetail, DatabaseUnavailable.RetryAfterSeconds];
        if (await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception }))
            return true;
        // A client that accepts no JSON still gets the 503 and the message, as text.
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync($"{problem.Title}: {problem.Detail}", cancellationToken);
        return true;
    }

    private static bool HasNpgsqlCause(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is Npgsql.NpgsqlException and not Npgsql.PostgresException) return true;
        return false;
    }

    private static Exception Innermost(Exception exception)
    {
        var e = exception;
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}
