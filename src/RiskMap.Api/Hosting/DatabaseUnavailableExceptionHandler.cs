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
        if (!DatabaseUnavailable.IsCause(exception)) return false;
        logger.LogWarning("The database cannot be reached ({Method} {Path} answered 503): {Reason}",
            context.Request.Method, context.Request.Path, Innermost(exception).Message);
        DatabaseUnavailable.ClearPools(services);

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = DatabaseUnavailable.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = messages[Messages.DatabaseUnavailableTitle],
            Detail = messages[Messages.DatabaseUnavailableDetail, DatabaseUnavailable.RetryAfterSeconds],
            Extensions = { ["code"] = Code },
        };
        if (await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception }))
            return true;
        // A client that accepts no JSON still gets the 503 and the message, as text.
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync($"{problem.Title}: {problem.Detail}", cancellationToken);
        return true;
    }

    private static Exception Innermost(Exception exception)
    {
        var e = exception;
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}
