using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Quartz;
using RiskMap.Api.Contract;
using RiskMap.Api.Data;
using RiskMap.Api.Features.Accounts;

namespace RiskMap.Api.Features.Notifications;

/// <summary>
/// Maps the inbox (<c>/api/v1/notifications</c>, every signed-in user, their own notifications only) and the webhooks with
/// their delivery log (<c>/api/v1/webhooks</c>, admins); registers the reminder and delivery jobs.
/// </summary>
public static class NotificationsApi
{
    /// <summary>
    /// Registers the options (<see cref="NotificationOptions.Section"/>), the webhook HTTP client, and Quartz.NET with its
    /// in-memory store running <see cref="ReminderJob"/> on <see cref="NotificationOptions.Schedule"/> (China Standard Time)
    /// and <see cref="WebhookDelivery"/> every <see cref="NotificationOptions.DeliveryIntervalSeconds"/> seconds. Nothing of
    /// the schedule needs to be shared between instances: the reminder job takes an advisory lock and writes through a unique
    /// index, the deliveries are claimed with <c>FOR UPDATE SKIP LOCKED</c>.
    /// </summary>
    public static IServiceCollection AddRiskMapNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(NotificationOptions.Section);
        services.Configure<NotificationOptions>(section);
        var settings = section.Get<NotificationOptions>() ?? new NotificationOptions();
        services.AddHttpClient(WebhookDelivery.ClientName, c => c.Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(() => WebhookAddresses.Handler(settings.AllowedWebhookHosts));
        services.AddSingleton<WebhookDelivery>();
        services.AddQuartz(q =>
        {
            q.ScheduleJob<ReminderJob>(t => t.WithIdentity("reminders-daily", "notifications")
                .WithCronSchedule(settings.Schedule, c => c.InTimeZone(CampaignCalendar.TimeZone)), j => j.WithIdentity(ReminderJob.Key));
            q.ScheduleJob<WebhookDelivery>(t => t.WithIdentity("webhook-deliveries", "notifications").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(settings.DeliveryIntervalSeconds)).RepeatForever()),
                j => j.WithIdentity("webhook-deliveries", "notifications"));
        });
        if (settings.SchedulerEnabled) services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    /// <summary>Maps the inbox (any signed-in user) and the webhooks (admins) on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapNotifications(this RouteGroupBuilder api)
    {
        var inbox = api.MapGroup("/notifications").WithTags("Notifications").RequireAuthorization(Policies.Read)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesValidationProblem();
        inbox.MapGet("/", GetNotifications).WithName("GetNotifications")
            .WithSummary("The caller's notifications, newest first, paged, with the unread count.")
            .WithDescription("Reminders (a deadline due within the configured days, an overdue hazard) and events (a new major hazard in " +
                             "the caller's scope, an acceptance asked of them, an extension decided, a hazard put under supervision), " +
                             "each with its hazard, enterprise, township and position. unread=true keeps the unread ones; the answer's " +
                             "unread is the caller's unread count whatever the filter.")
            .Produces<NotificationPage>(200, "application/json");
        inbox.MapPost("/{id:long}/read", MarkRead).WithName("MarkNotificationRead")
            .WithSummary("Marks one of the caller's notifications read.")
            .WithDescription("Marking an already read notification again changes nothing (marked 0). Another user's notification " +
                             "answers 404 like an unknown id.")
            .Produces<NotificationReadResult>(200, "application/json").ProducesProblem(StatusCodes.Status404NotFound);
        inbox.MapPost("/read-all", MarkAllRead).WithName("MarkAllNotificationsRead")
            .WithSummary("Marks every unread notification of the caller read.")
            .WithDescription("Answers how many were marked; the unread count is then 0.")
            .Produces<NotificationReadResult>(200, "application/json");

        var hooks = api.MapGroup("/webhooks").WithTags("Notifications").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesValidationProblem();
        hooks.MapGet("/", GetWebhooks).WithName("GetWebhooks")
            .WithSummary("The configured robot webhooks (企业微信, 钉钉) of users and townships.")
            .WithDescription("Secrets are never shown; signed says whether a DingTalk webhook has one.")
            .Produces<List<WebhookItem>>(200, "application/json");
        // Where notifications go and a robot's secret are credentials: a personal API token may read them, not change them.
        var changes = hooks.MapGroup("").RequireAuthorization(Policies.Session);
        changes.MapPost("/", CreateWebhook).WithName("CreateWebhook")
            .WithSummary("Adds a robot webhook for a user or a township.")
            .WithDescription("A user's webhook receives each of the user's notifications; a township's receives each notification about a " +
                             "hazard of the township once. The address must be an absolute http(s) URL that does not point at this " +
                             "service (400 naming url); exactly one of userName and township (400).")
            .Produces<WebhookItem>(201, "application/json").ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        changes.MapDelete("/{id:long}", DeleteWebhook).WithName("DeleteWebhook")
            .WithSummary("Removes a webhook with its deliveries and their log.")
            .WithDescription("Deliveries not yet sent are dropped with it.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        hooks.MapGet("/deliveries", GetDeliveries).WithName("GetWebhookDeliveries")
            .WithSummary("The delivery log: every delivery of a notification to a webhook with each of its attempts, newest first.")
            .WithDescription("A delivery is Pending until the robot accepts it (Delivered) or the attempts run out (Failed); each " +
                             "attempt gives its time, HTTP status, error and duration.")
            .Produces<WebhookDeliveryPage>(200, "application/json");
        return api;
    }

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    /// <summary>A page of the caller's inbox.</summary>
    internal static async Task<Ok<NotificationPage>> GetNotifications([AsParameters] NotificationQuery query, ClaimsPrincipal user,
        NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var userId = UserId(user);
        var items = await Sql.QueryAsync(dataSource, """
            SELECT n.id, n.kind, n.day, n.created_at, n.read_at, h.id AS hazard_id, h.reference, h.level, n.deadline, e.name AS enterprise,
                   h.township_code, t.name AS township, ST_X(e.location) AS longitude, ST_Y(e.location) AS latitude
            FROM notifications n
            JOIN hazards h ON h.id = n.hazard_id
            JOIN enterprises e ON e.id = h.enterprise_id
            LEFT JOIN townships t ON t.code = h.township_code
            WHERE n.user_id = @user AND (@unread IS NULL OR (n.read_at IS NULL) = @unread)
            ORDER BY n.id DESC
            LIMIT @limit OFFSET @offset
            """, p =>
            {
                p.AddWithValue("user", userId);
                p.Add(new NpgsqlParameter("unread", NpgsqlDbType.Boolean) { Value = (object?)query.Unread ?? DBNull.Value });
                p.AddWithValue("limit", query.PageSize);
                p.AddWithValue("offset", (long)(query.Page - 1) * query.PageSize);
            }, r => new NotificationItem(r.Get<long>("id"), Enum.Parse<NotificationKind>(r.Get<string>("kind")), r.Get<DateOnly>("day"),
                r.Get<DateTimeOffset>("created_at"), r.Nullable<DateTimeOffset>("read_at"), r.Get<long>("hazard_id"), r.Get<string>("reference"),
                r.Get<string>("level"), r.Get<DateOnly>("deadline"), r.Get<string>("enterprise"), r.NullableString("township_code"),
                r.NullableString("township"), r.Get<double>("longitude"), r.Get<double>("latitude")), cancellationToken);
        var counts = (await Sql.QueryAsync(dataSource, """
            SELECT count(*) FILTER (WHERE @unread IS NULL OR (read_at IS NULL) = @unread)::int AS total,
                   count(*) FILTER (WHERE read_at IS NULL)::int AS unread
            FROM notifications WHERE user_id = @user
            """, p =>
            {
                p.AddWithValue("user", userId);
                p.Add(new NpgsqlParameter("unread", NpgsqlDbType.Boolean) { Value = (object?)query.Unread ?? DBNull.Value });
            }, r => (Total: r.Get<int>("total"), Unread: r.Get<int>("unread")), cancellationToken)).Single();
        return TypedResults.Ok(new NotificationPage(items, query.Page, query.PageSize, counts.Total, counts.Unread));
    }

    /// <summary>Marks notification <paramref name="id"/> of the caller read; 404 <see cref="NotificationProblemCodes.NotificationUnknown"/> otherwise.</summary>
    /// <param name="id">Notification id (one of the caller's).</param>
    /// <param name="user">The caller.</param>
    /// <param name="dataSource">The database.</param>
    /// <param name="time">The clock.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    internal static async Task<Results<Ok<NotificationReadResult>, ProblemHttpResult>> MarkRead(long id, ClaimsPrincipal user, NpgsqlDataSource dataSource,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await MarkAsync(dataSource, UserId(user), id, time.GetUtcNow(), cancellationToken);
        return result is null ? Problems.NotFound(NotificationProblemCodes.NotificationUnknown, "id", id) : TypedResults.Ok(result);
    }

    /// <summary>Marks every unread notification of the caller read.</summary>
    internal static async Task<Ok<NotificationReadResult>> MarkAllRead(ClaimsPrincipal user, NpgsqlDataSource dataSource, TimeProvider time,
        CancellationToken cancellationToken)
        => TypedResults.Ok((await MarkAsync(dataSource, UserId(user), null, time.GetUtcNow(), cancellationToken))!);

    /// <summary>Marks one (<paramref name="id"/>) or all unread notifications of <paramref name="userId"/> read; null when <paramref name="id"/> is not theirs.</summary>
    private static async Task<NotificationReadResult?> MarkAsync(NpgsqlDataSource dataSource, string userId, long? id, DateTimeOffset now,
        CancellationToken cancellationToken)
        => (await Sql.QueryAsync(dataSource, """
            WITH target AS (SELECT id, read_at FROM notifications WHERE user_id = @user AND (@id IS NULL OR id = @id)),
            marked AS (UPDATE notifications n SET read_at = @now FROM target t WHERE n.id = t.id AND t.read_at IS NULL RETURNING n.id)
            SELECT (SELECT count(*) FROM target)::int AS found, (SELECT count(*) FROM marked)::int AS marked,
                   ((SELECT count(*) FROM notifications WHERE user_id = @user AND read_at IS NULL) - (SELECT count(*) FROM marked))::int AS unread
            """, p =>
            {
                p.AddWithValue("user", userId);
                p.Add(new NpgsqlParameter("id", NpgsqlDbType.Bigint) { Value = (object?)id ?? DBNull.Value });
                p.AddWithValue("now", now);
            }, r => (Found: r.Get<int>("found"), Result: new NotificationReadResult(r.Get<int>("marked"), r.Get<int>("unread"))), cancellationToken))
            .Select(r => id is not null && r.Found == 0 ? null : r.Result).Single();

    private const string WebhookColumns = """
        SELECT w.id, w.kind, w.url, w.secret IS NOT NULL AS signed, u.user_name, w.township_code, w.created_at, w.created_by
        FROM notification_webhooks w LEFT JOIN users u ON u.id = w.user_id
        """;

    private static WebhookItem ReadWebhook(SqlRow r) => new(r.Get<long>("id"), Enum.Parse<WebhookKind>(r.Get<string>("kind")), r.Get<string>("url"),
        r.Get<bool>("signed"), r.NullableString("user_name"), r.NullableString("township_code"), r.Get<DateTimeOffset>("created_at"),
        r.Get<string>("created_by"));

    /// <summary>Every webhook, oldest first.</summary>
    internal static async Task<Ok<List<WebhookItem>>> GetWebhooks(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
        => TypedResults.Ok(await Sql.QueryAsync(dataSource, WebhookColumns + " ORDER BY w.id", _ => { }, ReadWebhook, cancellationToken));

    /// <summary>
    /// Adds a webhook. 400 naming <c>url</c> (<see cref="NotificationProblemCodes.WebhookUrlScheme"/>,
    /// <see cref="NotificationProblemCodes.WebhookUrlSelf"/>, <see cref="NotificationProblemCodes.WebhookUrlPrivate"/>), <c>userName</c>
    /// or <c>township</c> (no or two owners, unknown).
    /// </summary>
    internal static async Task<Results<Created<WebhookItem>, ProblemHttpResult>> CreateWebhook(CreateWebhookRequest request, ClaimsPrincipal user,
        HttpContext http, IOptions<NotificationOptions> options, RiskMapDbContext db, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var url = request.Url!.Trim();
        if (Webhooks.Refusal(url, http) is { } refused) errors.Add(new FieldError("url", refused));
        else if (await WebhookAddresses.ForbiddenAddressAsync(new Uri(url).Host, options.Value.AllowedWebhookHosts, TimeSpan.FromSeconds(3), cancellationToken) is { } forbidden)
            errors.Add(new FieldError("url", NotificationProblemCodes.WebhookUrlPrivate, forbidden));
        string? userId = null;
        var userName = string.IsNullOrWhiteSpace(request.UserName) ? null : request.UserName.Trim();
        var township = string.IsNullOrWhiteSpace(request.Township) ? null : request.Township;
        if ((userName is null) == (township is null)) errors.Add(new FieldError(userName is null ? "userName" : "township", NotificationProblemCodes.WebhookOwner));
        else if (userName is not null)
        {
            userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
            if (userId is null) errors.Add(new FieldError("userName", NotificationProblemCodes.WebhookUserUnknown, userName));
        }
        else if (!await db.Townships.AnyAsync(t => t.Code == township, cancellationToken))
            errors.Add(new FieldError("township", NotificationProblemCodes.WebhookTownshipUnknown, township));
        if (errors.Count > 0) return Problems.Invalid(errors);

        var secret = request.Kind == WebhookKind.DingTalk && !string.IsNullOrWhiteSpace(request.Secret) ? request.Secret.Trim() : null;
        var created = (await Sql.QueryAsync(dataSource, $"""
            WITH w AS (
                INSERT INTO notification_webhooks (user_id, township_code, kind, url, secret, created_at, created_by)
                VALUES (@user, @township, @kind, @url, @secret, @now, @by) RETURNING *)
            {WebhookColumns.Replace("FROM notification_webhooks w", "FROM w", StringComparison.Ordinal)}
            """, p =>
            {
                p.Text("user", userId);
                p.Text("township", township);
                p.AddWithValue("kind", request.Kind!.Value.ToString());
                p.AddWithValue("url", url);
                p.Text("secret", secret);
                p.AddWithValue("now", time.GetUtcNow());
                p.AddWithValue("by", user.Identity?.Name ?? "");
            }, ReadWebhook, cancellationToken)).Single();
        return TypedResults.Created($"/api/v1/webhooks/{created.Id}", created);
    }

    /// <summary>Removes webhook <paramref name="id"/>; 404 <see cref="NotificationProblemCodes.WebhookUnknown"/> when there is none.</summary>
    /// <param name="id">Webhook id.</param>
    /// <param name="dataSource">The database.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteWebhook(long id, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM notification_webhooks WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 0
            ? Problems.NotFound(NotificationProblemCodes.WebhookUnknown, "id", id)
            : TypedResults.NoContent();
    }

    /// <summary>A page of the delivery log with the attempts of each delivery.</summary>
    internal static async Task<Ok<WebhookDeliveryPage>> GetDeliveries([AsParameters] WebhookDeliveryQuery query, NpgsqlDataSource dataSource,
        CancellationToken cancellationToken)
    {
        void Bind(NpgsqlParameterCollection p) => p.Add(new NpgsqlParameter("webhook", NpgsqlDbType.Bigint) { Value = (object?)query.Webhook ?? DBNull.Value });
        var rows = await Sql.QueryAsync(dataSource, """
            SELECT d.id, d.webhook_id, d.hazard_id, d.kind, d.day, d.status, d.next_attempt_at,
                   coalesce(jsonb_agg(jsonb_build_object('attempt', a.attempt, 'at', a.at, 'httpStatus', a.http_status, 'succeeded', a.succeeded,
                       'error', a.error, 'durationMs', a.duration_ms) ORDER BY a.attempt) FILTER (WHERE a.id IS NOT NULL), '[]')::text AS attempts
            FROM webhook_deliveries d LEFT JOIN webhook_attempts a ON a.delivery_id = d.id
            WHERE @webhook IS NULL OR d.webhook_id = @webhook
            GROUP BY d.id
            ORDER BY d.id DESC
            LIMIT @limit OFFSET @offset
            """, p =>
            {
                Bind(p);
                p.AddWithValue("limit", query.PageSize);
                p.AddWithValue("offset", (long)(query.Page - 1) * query.PageSize);
            }, r => new WebhookDeliveryItem(r.Get<long>("id"), r.Get<long>("webhook_id"), r.Get<long>("hazard_id"),
                Enum.Parse<NotificationKind>(r.Get<string>("kind")), r.Get<DateOnly>("day"), r.Get<string>("status"), r.Get<DateTimeOffset>("next_attempt_at"),
                System.Text.Json.JsonSerializer.Deserialize<List<WebhookAttemptItem>>(r.Get<string>("attempts"), AttemptJson)!), cancellationToken);
        var total = (await Sql.QueryAsync(dataSource, "SELECT count(*)::int AS n FROM webhook_deliveries WHERE @webhook IS NULL OR webhook_id = @webhook",
            Bind, r => r.Get<int>("n"), cancellationToken)).Single();
        return TypedResults.Ok(new WebhookDeliveryPage(rows, query.Page, query.PageSize, total));
    }

    private static readonly System.Text.Json.JsonSerializerOptions AttemptJson = new(System.Text.Json.JsonSerializerDefaults.Web);
}
