using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;
using RiskMap.Api.Resources;

namespace RiskMap.Api.Features.Notifications;

/// <summary>
/// Sends the queued webhook deliveries (<c>webhook_deliveries</c>) whose time has come, after the transactions that
/// queued them committed: each in a transaction of its own that holds the delivery's row (<c>FOR UPDATE SKIP LOCKED</c>,
/// so another instance passes it by), posts the robot message (Chinese, the offices' language), logs the attempt in
/// <c>webhook_attempts</c>, and marks the delivery Delivered, or Pending again after a backoff of
/// <see cref="NotificationOptions.RetryBaseSeconds"/> doubled at each failure, or Failed after
/// <see cref="NotificationOptions.MaxAttempts"/> attempts. An attempt succeeds on a 2xx answer whose JSON
/// <c>errcode</c>, when present, is 0 (both robots answer <c>{"errcode":0,"errmsg":"ok"}</c>). Redirects are not followed.
/// </summary>
[DisallowConcurrentExecution]
public sealed class WebhookDelivery(NpgsqlDataSource dataSource, IHttpClientFactory clients, TimeProvider time, IOptions<NotificationOptions> options,
    IStringLocalizer<Messages> texts, ILogger<WebhookDelivery> log) : IJob
{
    /// <summary>The named <see cref="HttpClient"/> the deliveries use (no redirects, <see cref="NotificationOptions.TimeoutSeconds"/>).</summary>
    public const string ClientName = "riskmap-webhooks";

    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var attempts = await DeliverDueAsync(cancellationToken);
        if (attempts > 0) log.LogInformation("Webhooks: {Attempts} delivery attempts.", attempts);
    }

    /// <summary>Attempts every delivery due now (at most 1000 in one call); returns the number of attempts made.</summary>
    /// <param name="cancellationToken">Stops before the next delivery.</param>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var made = 0;
        while (made < 1000 && await DeliverOneAsync(cancellationToken)) made++;
        return made;
    }

    private sealed record Due(long Id, int Attempts, WebhookKind Kind, string Url, string? Secret, NotificationKind What, string Reference,
        string Level, DateOnly Deadline, string Description, string Enterprise, string? Township);

    private async Task<bool> DeliverOneAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var select = new NpgsqlCommand("""
            SELECT d.id, d.attempts, w.kind AS webhook_kind, w.url, w.secret, d.kind, h.reference, h.level, n.deadline, h.description,
                   e.name AS enterprise, t.name AS township
            FROM webhook_deliveries d
            JOIN notification_webhooks w ON w.id = d.webhook_id
            JOIN notifications n ON n.id = d.notification_id
            JOIN hazards h ON h.id = d.hazard_id
            JOIN enterprises e ON e.id = h.enterprise_id
            LEFT JOIN townships t ON t.code = h.township_code
            WHERE d.status = 'Pending' AND d.next_attempt_at <= @now
            ORDER BY d.next_attempt_at, d.id
            LIMIT 1
            FOR UPDATE OF d SKIP LOCKED
            """, connection, transaction);
        select.Parameters.AddWithValue("now", now);
        var due = (await Sql.QueryAsync(select, r => new Due(r.Get<long>("id"), r.Get<int>("attempts"), Enum.Parse<WebhookKind>(r.Get<string>("webhook_kind")),
            r.Get<string>("url"), r.NullableString("secret"), Enum.Parse<NotificationKind>(r.Get<string>("kind")), r.Get<string>("reference"),
            r.Get<string>("level"), r.Get<DateOnly>("deadline"), r.Get<string>("description"), r.Get<string>("enterprise"), r.NullableString("township")),
            cancellationToken)).SingleOrDefault();
        if (due is null) return false;

        var (title, markdown) = Message(due);
        var url = due.Kind == WebhookKind.DingTalk ? Webhooks.DingTalkSignedUrl(due.Url, due.Secret, now) : due.Url;
        var (status, error) = (default(int?), default(string?));
        var watch = Stopwatch.StartNew();
        try
        {
            using var content = new StringContent(Webhooks.Body(due.Kind, title, markdown), Encoding.UTF8, "application/json");
            using var response = await clients.CreateClient(ClientName).PostAsync(new Uri(url), content, cancellationToken);
            status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode) error = $"HTTP {status}";
            else if (RobotError(body) is { } refused) error = refused;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            error = e.Message;
        }
        var attempt = due.Attempts + 1;
        var settings = options.Value;
        var outcome = error is null ? "Delivered" : attempt >= settings.MaxAttempts ? "Failed" : "Pending";
        var next = now + TimeSpan.FromSeconds(settings.RetryBaseSeconds * Math.Pow(2, attempt - 1));
        await using var record = new NpgsqlCommand("""
            INSERT INTO webhook_attempts (delivery_id, attempt, at, http_status, succeeded, error, duration_ms)
            VALUES (@id, @attempt, @now, @status, @succeeded, @error, @duration);
            UPDATE webhook_deliveries SET attempts = @attempt, status = @outcome, next_attempt_at = @next,
                delivered_at = CASE WHEN @succeeded THEN @now END
            WHERE id = @id;
            """, connection, transaction);
        record.Parameters.AddWithValue("id", due.Id);
        record.Parameters.AddWithValue("attempt", attempt);
        record.Parameters.AddWithValue("now", now);
        record.Parameters.Add(new NpgsqlParameter("status", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)status ?? DBNull.Value });
        record.Parameters.AddWithValue("succeeded", error is null);
        record.Parameters.Text("error", error is { Length: > 500 } ? error[..500] : error);
        record.Parameters.AddWithValue("duration", (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds));
        record.Parameters.AddWithValue("outcome", outcome);
        record.Parameters.AddWithValue("next", next);
        await record.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The robot's refusal in a 2xx answer (<c>errcode</c> not 0), or null.</summary>
    private static string? RobotError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("errcode", out var code)
                   && code.ValueKind == JsonValueKind.Number && code.GetInt64() != 0
                ? $"errcode {code.GetInt64()}: {(json.RootElement.TryGetProperty("errmsg", out var message) ? message.ToString() : "")}"
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The message's title and markdown text, in Chinese.</summary>
    private (string Title, string Markdown) Message(Due due)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Chinese;
        try
        {
            var title = texts[NotificationTexts.Kind(due.What)].Value;
            var markdown = texts[NotificationTexts.Text, title, due.Enterprise, due.Township ?? "—", due.Reference,
                texts[NotificationTexts.Level(due.Level)].Value, due.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                due.Description].Value;
            return (title, markdown);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
