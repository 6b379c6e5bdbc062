using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace RiskMap.Api.Features.Field;

/// <summary>Settings of <see cref="IdempotentWrites"/> (section <c>RiskMap:Idempotency</c>).</summary>
public sealed class IdempotencyOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "RiskMap:Idempotency";

    /// <summary>Days a key and its first answer are kept (default 30, allowed 30–3650): a phone may sync a week-old record and retry it later.</summary>
    public int KeepDays { get; set; } = 30;
}

/// <summary>
/// Deletes idempotency keys older than <see cref="IdempotencyOptions.KeepDays"/>, daily at 03:30 China Standard Time
/// (Quartz.NET, with the reminders' scheduler). Two instances deleting the same rows is harmless.
/// </summary>
[DisallowConcurrentExecution]
public sealed class IdempotencyCleanup(NpgsqlDataSource dataSource, TimeProvider time, IOptions<IdempotencyOptions> options, ILogger<IdempotencyCleanup> log) : IJob
{
    /// <summary>The job's key in the scheduler.</summary>
    public static readonly JobKey Key = new("idempotency-cleanup", "field");

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var deleted = await IdempotentWrites.DeleteExpiredAsync(dataSource, time.GetUtcNow(), options.Value.KeepDays, cancellationToken);
        log.LogInformation("Idempotency keys older than {Days} days deleted: {Deleted}.", options.Value.KeepDays, deleted);
    }
}
