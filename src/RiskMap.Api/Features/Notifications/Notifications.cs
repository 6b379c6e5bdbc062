using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using RiskMap.Api.Data;

namespace RiskMap.Api.Features.Notifications;

/// <summary>
/// Writes notifications (<c>notifications</c>) and queues their webhook deliveries (<c>webhook_deliveries</c>), in the
/// caller's transaction: the event call <see cref="RaiseAsync"/> that a write uses beside its own change, and the
/// scheduled reminders of <see cref="ReminderJob"/>. A recipient gets at most one notification per hazard, kind and day
/// (the unique index <c>ux_notifications_once</c>, <c>ON CONFLICT DO NOTHING</c>); a webhook gets at most one delivery per
/// hazard, kind and day (<c>ux_webhook_deliveries_once</c>), however many of its township's people are notified.
/// </summary>
/// <remarks>
/// Recipients, from the hazard's township (<c>hazards.township_code</c>) and sector:
/// <list type="bullet">
/// <item><see cref="NotificationKind.DueSoon"/>: the township chiefs bound to the township.</item>
/// <item><see cref="NotificationKind.Overdue"/>: those chiefs and the department officers whose department supervises the hazard's sector.</item>
/// <item><see cref="NotificationKind.MajorHazard"/> and <see cref="NotificationKind.SupervisedListed"/>: the chiefs, those officers and the district leaders.</item>
/// <item><see cref="NotificationKind.AcceptanceRequested"/>: the users named by the caller, otherwise those officers.</item>
/// <item><see cref="NotificationKind.ExtensionDecided"/>: the users named by the caller, otherwise the chiefs.</item>
/// </list>
/// The user who made the change (<c>actorUserId</c>) is never notified of it.
/// </remarks>
public static class Notifications
{
    private const string HasRole =
        "EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = {0} AND r.name = '{1}')";

    private static readonly string Chiefs = $"""
        SELECT c.hazard_id, ut.user_id FROM candidates c JOIN hazards h ON h.id = c.hazard_id
        JOIN user_townships ut ON ut.township_code = h.township_code
        WHERE {string.Format(HasRole, "ut.user_id", Accounts.Roles.TownshipChief)}
        """;

    private static readonly string Officers = $"""
        SELECT c.hazard_id, u.id AS user_id FROM candidates c JOIN hazards h ON h.id = c.hazard_id
        JOIN departments d ON h.sector = ANY (d.sectors) JOIN users u ON u.department_code = d.code
        WHERE {string.Format(HasRole, "u.id", Accounts.Roles.DepartmentOfficer)}
        """;

    /// <summary>Those who may accept (验收) a hazard: the sector's officers, or the admins when it is supervised at City or Province level (Ledger/LedgerRoles).</summary>
    private static readonly string Acceptors = $"""
        {Officers}
          AND NOT (h.supervised AND h.supervision_level IN ('{Domain.SupervisionLevel.City}', '{Domain.SupervisionLevel.Province}'))
        UNION
        SELECT c.hazard_id, u.id AS user_id FROM candidates c JOIN hazards h ON h.id = c.hazard_id CROSS JOIN users u
        WHERE h.supervised AND h.supervision_level IN ('{Domain.SupervisionLevel.City}', '{Domain.SupervisionLevel.Province}')
          AND {string.Format(HasRole, "u.id", Accounts.Roles.Admin)}
        """;

    private static readonly string Leaders = $"""
        SELECT c.hazard_id, u.id AS user_id FROM candidates c CROSS JOIN users u
        WHERE {string.Format(HasRole, "u.id", Accounts.Roles.DistrictLeader)}
        """;

    private const string Named = "SELECT c.hazard_id, n.user_id FROM candidates c CROSS JOIN unnest(@recipients) AS n(user_id)";

    /// <summary>
    /// Notifies the recipients of <paramref name="kind"/> about hazard <paramref name="hazardId"/> today, inside the
    /// transaction of <paramref name="db"/> if one is open (so the notification is written, or not, with the change that
    /// raised it), and queues a delivery to every webhook of a recipient or of the hazard's township. Webhooks are sent by
    /// <see cref="WebhookDelivery"/> after the commit: a failing robot never rolls the change back. Raising the same kind
    /// for the same hazard again on the same day adds nothing.
    /// </summary>
    /// <param name="db">The database context of the write.</param>
    /// <param name="kind">What happened.</param>
    /// <param name="hazardId">The hazard concerned (must exist).</param>
    /// <param name="time">The clock; the day is today in China Standard Time (<see cref="CampaignCalendar"/>).</param>
    /// <param name="actorUserId">The user who made the change, never notified of it; null for none.</param>
    /// <param name="recipients">
    /// User ids to notify instead of the kind's usual recipients (e.g. the officer asked to accept); null for the usual ones.
    /// </param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The number of notifications written (0 when each recipient already had this one today).</returns>
    public static async Task<int> RaiseAsync(RiskMapDbContext db, NotificationKind kind, long hazardId, TimeProvider time,
        string? actorUserId = null, IReadOnlyCollection<string>? recipients = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        return await InsertAsync(db, kind, "SELECT @hazard AS hazard_id", "TRUE", CampaignCalendar.Today(time), time.GetUtcNow(),
            p =>
            {
                p.AddWithValue("hazard", hazardId);
                p.Add(new NpgsqlParameter("actor", NpgsqlDbType.Text) { Value = (object?)actorUserId ?? DBNull.Value });
                if (recipients is not null) p.Add(new NpgsqlParameter("recipients", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = recipients.ToArray() });
            }, recipients is not null, cancellationToken);
    }

    /// <summary>The recipients query of <paramref name="kind"/> over the hazards of a <c>candidates(hazard_id)</c> CTE.</summary>
    internal static string RecipientsSql(NotificationKind kind, bool named) => named ? Named : kind switch
    {
        NotificationKind.DueSoon or NotificationKind.ExtensionDecided => Chiefs,
        NotificationKind.Overdue => $"{Chiefs}\nUNION\n{Officers}",
        NotificationKind.AcceptanceRequested => Acceptors,
        _ => $"{Chiefs}\nUNION\n{Officers}\nUNION\n{Leaders}",
    };

    /// <summary>
    /// Writes the notifications of <paramref name="kind"/> for the hazards of <paramref name="candidatesSql"/> (a query of
    /// <c>hazard_id</c>) to their recipients where <paramref name="notGivenBefore"/> (over <c>h</c>, the hazard, and
    /// <c>r.user_id</c>) holds, and queues their webhook deliveries; one statement, in the context's transaction.
    /// </summary>
    /// <returns>The number of notifications written.</returns>
    internal static async Task<int> InsertAsync(RiskMapDbContext db, NotificationKind kind, string candidatesSql, string notGivenBefore,
        DateOnly day, DateTimeOffset now, Action<NpgsqlParameterCollection> bind, bool named, CancellationToken cancellationToken)
    {
        var sql = $"""
            WITH candidates AS ({candidatesSql}),
            recipients AS ({RecipientsSql(kind, named)}),
            inserted AS (
                INSERT INTO notifications (user_id, kind, hazard_id, day, deadline, created_at)
                SELECT DISTINCT r.user_id, @kind, h.id, @day, h.deadline, @now
                FROM recipients r JOIN hazards h ON h.id = r.hazard_id JOIN users u ON u.id = r.user_id
                WHERE r.user_id IS DISTINCT FROM @actor AND {notGivenBefore}
                ON CONFLICT DO NOTHING
                RETURNING id, user_id, hazard_id, kind, day),
            queued AS (
                INSERT INTO webhook_deliveries (webhook_id, notification_id, hazard_id, kind, day, next_attempt_at, created_at)
                SELECT DISTINCT ON (w.id, i.hazard_id) w.id, i.id, i.hazard_id, i.kind, i.day, @now, @now
                FROM inserted i JOIN hazards h ON h.id = i.hazard_id
                JOIN notification_webhooks w ON w.user_id = i.user_id OR w.township_code = h.township_code
                ORDER BY w.id, i.hazard_id, i.id
                ON CONFLICT DO NOTHING
                RETURNING id)
            SELECT (SELECT count(*) FROM inserted)::int
            """;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = (NpgsqlCommand)db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            command.Parameters.AddWithValue("kind", kind.ToString());
            command.Parameters.Date("day", day);
            command.Parameters.AddWithValue("now", now);
            bind(command.Parameters);
            if (!command.Parameters.Contains("actor")) command.Parameters.Add(new NpgsqlParameter("actor", NpgsqlDbType.Text) { Value = DBNull.Value });
            return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
