using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;
using RiskMap.Api.Data;

namespace RiskMap.Api.Features.Notifications;

/// <summary>What one run of the reminder job wrote.</summary>
/// <param name="Ran">False when another instance held the job's lock and this run did nothing.</param>
/// <param name="DueSoon">Due-soon notifications written.</param>
/// <param name="Overdue">Overdue notifications written.</param>
public sealed record ReminderRun(bool Ran, int DueSoon, int Overdue);

/// <summary>
/// The scheduled reminders (Quartz.NET, <see cref="NotificationOptions.Schedule"/>): due soon and overdue notifications
/// for the hazards still open (Open, Rectifying) today. One run is one transaction holding a PostgreSQL advisory lock
/// (<c>pg_try_advisory_xact_lock</c>), so that two instances of the service started at the same time do not both do the
/// work; the unique index of <see cref="Notifications"/> keeps even a second run of the same day from adding anything.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ReminderJob(IServiceScopeFactory scopes, TimeProvider time, IOptions<NotificationOptions> options, ILogger<ReminderJob> log) : IJob
{
    /// <summary>The job's key in the scheduler.</summary>
    public static readonly JobKey Key = new("reminders", "notifications");

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var run = await RunAsync(scope.ServiceProvider.GetRequiredService<RiskMapDbContext>(), time, options.Value.DueSoonDays, cancellationToken);
        log.LogInformation("Reminders: {DueSoon} due soon, {Overdue} overdue (ran: {Ran}).", run.DueSoon, run.Overdue, run.Ran);
    }

    /// <summary>
    /// Writes today's reminders (China Standard Time, from <paramref name="time"/>): <see cref="NotificationKind.DueSoon"/>
    /// for each open hazard whose deadline is today or at most <paramref name="dueSoonDays"/> days ahead, once per deadline;
    /// <see cref="NotificationKind.Overdue"/> for each open hazard past its deadline, on the first run that finds it so and
    /// again once 7 days have passed since the last one.
    /// </summary>
    /// <param name="db">The database.</param>
    /// <param name="time">The clock.</param>
    /// <param name="dueSoonDays">The due-soon window in days (<see cref="NotificationOptions.DueSoonDays"/>).</param>
    /// <param name="cancellationToken">Cancels the run (nothing is written).</param>
    public static async Task<ReminderRun> RunAsync(RiskMapDbContext db, TimeProvider time, int dueSoonDays, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var today = CampaignCalendar.Today(time);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await db.Database.SqlQueryRaw<bool>("SELECT pg_try_advisory_xact_lock(hashtext('riskmap.reminders')) AS \"Value\"")
            .SingleAsync(cancellationToken);
        if (!locked) return new ReminderRun(false, 0, 0);
        const string open = "h.status IN ('Open', 'Rectifying')";
        var dueSoon = await Notifications.InsertAsync(db, NotificationKind.DueSoon,
            $"SELECT h.id AS hazard_id FROM hazards h WHERE {open} AND h.deadline BETWEEN @day AND @day + @window",
            """
            NOT EXISTS (SELECT 1 FROM notifications n WHERE n.hazard_id = h.id AND n.kind = 'DueSoon' AND n.user_id = r.user_id
                        AND n.deadline = h.deadline)
            """,
            today, now, p => p.AddWithValue("window", dueSoonDays), false, cancellationToken);
        var overdue = await Notifications.InsertAsync(db, NotificationKind.Overdue,
            $"SELECT h.id AS hazard_id FROM hazards h WHERE {open} AND h.deadline < @day",
            """
            NOT EXISTS (SELECT 1 FROM notifications n WHERE n.hazard_id = h.id AND n.kind = 'Overdue' AND n.user_id = r.user_id
                        AND n.day > @day - 7)
            """,
            today, now, _ => { }, false, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ReminderRun(true, dueSoon, overdue);
    }
}
