using System.ComponentModel.DataAnnotations;
using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.Notifications;

/// <summary>The query of <c>GET /api/v1/notifications</c>.</summary>
/// <param name="Unread">True for unread notifications only, false for read ones only; default all.</param>
/// <param name="Page">Page number, from 1.</param>
/// <param name="PageSize">Notifications per page, 1–200; default 50.</param>
public sealed record NotificationQuery(
    bool? Unread = null,
    [InRange(nameof(Ranges.Page))] int Page = 1,
    [InRange(nameof(Ranges.NotificationPageSize))] int PageSize = 50);

/// <summary>One notification of the caller's inbox, with what the page needs to show and open its hazard.</summary>
/// <param name="Id">Notification id.</param>
/// <param name="Kind">DueSoon, Overdue, MajorHazard, AcceptanceRequested, ExtensionDecided or SupervisedListed.</param>
/// <param name="Day">The day it was given (China Standard Time).</param>
/// <param name="CreatedAt">When it was written (UTC).</param>
/// <param name="ReadAt">When the caller marked it read (UTC); null while unread.</param>
/// <param name="HazardId">The hazard.</param>
/// <param name="HazardReference">The hazard's reference, e.g. HZ-2020-000001.</param>
/// <param name="Level">The hazard's level: General or Major.</param>
/// <param name="Deadline">The hazard's deadline when the notification was given.</param>
/// <param name="Enterprise">The enterprise's name.</param>
/// <param name="TownshipCode">The hazard's township (9 digits); null when the enterprise lies in no township.</param>
/// <param name="Township">The township's name.</param>
/// <param name="Longitude">The enterprise's longitude, WGS-84 degrees.</param>
/// <param name="Latitude">The enterprise's latitude, WGS-84 degrees.</param>
public sealed record NotificationItem(long Id, NotificationKind Kind, DateOnly Day, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt,
    long HazardId, string HazardReference, string Level, DateOnly Deadline, string Enterprise, string? TownshipCode, string? Township,
    double Longitude, double Latitude);

/// <summary>A page of the caller's inbox, newest first.</summary>
/// <param name="Items">The notifications of the page.</param>
/// <param name="Page">Page number.</param>
/// <param name="PageSize">Page size.</param>
/// <param name="Total">Notifications matching the query.</param>
/// <param name="Unread">The caller's unread notifications (the page's badge), whatever the query.</param>
public sealed record NotificationPage(IReadOnlyList<NotificationItem> Items, int Page, int PageSize, int Total, int Unread);

/// <summary>The answer of marking notifications read.</summary>
/// <param name="Marked">Notifications marked read by this request (0 for one already read).</param>
/// <param name="Unread">The caller's unread notifications left.</param>
public sealed record NotificationReadResult(int Marked, int Unread);

/// <summary>A webhook to create: exactly one of <c>userName</c> and <c>township</c>.</summary>
/// <param name="Kind">WeCom (企业微信 group robot) or DingTalk (钉钉 robot).</param>
/// <param name="Url">The robot's address: an absolute http(s) URL that does not point at this service.</param>
/// <param name="Secret">DingTalk's signing secret (加签, starts with SEC); requests are then signed. Ignored for WeCom.</param>
/// <param name="UserName">The user whose notifications it receives.</param>
/// <param name="Township">The township (9 digits) whose hazards' notifications it receives, once each.</param>
public sealed record CreateWebhookRequest(
    [property: Required] WebhookKind? Kind,
    [property: Required, StringLength(2000)] string? Url,
    [property: StringLength(200)] string? Secret = null,
    [property: StringLength(Domain.FieldLengths.UserName)] string? UserName = null,
    [property: DigitCode(9)] string? Township = null);

/// <summary>A configured webhook; its secret is never shown.</summary>
/// <param name="Id">Webhook id.</param>
/// <param name="Kind">WeCom or DingTalk.</param>
/// <param name="Url">The robot's address.</param>
/// <param name="Signed">True when a DingTalk secret is set.</param>
/// <param name="UserName">The user it belongs to, or null.</param>
/// <param name="Township">The township it belongs to, or null.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="CreatedBy">The admin who created it.</param>
public sealed record WebhookItem(long Id, WebhookKind Kind, string Url, bool Signed, string? UserName, string? Township, DateTimeOffset CreatedAt,
    string CreatedBy);

/// <summary>The query of the delivery log.</summary>
/// <param name="Webhook">Only the deliveries of this webhook id; default all.</param>
/// <param name="Page">Page number, from 1.</param>
/// <param name="PageSize">Deliveries per page, 1–200; default 50.</param>
public sealed record WebhookDeliveryQuery(
    long? Webhook = null,
    [InRange(nameof(Ranges.Page))] int Page = 1,
    [InRange(nameof(Ranges.NotificationPageSize))] int PageSize = 50);

/// <summary>One attempt of a delivery.</summary>
/// <param name="Attempt">1 for the first.</param>
/// <param name="At">When (UTC).</param>
/// <param name="HttpStatus">The robot's HTTP status; null when no answer came.</param>
/// <param name="Succeeded">True when the robot accepted the message.</param>
/// <param name="Error">Why it failed (HTTP status, the robot's errcode, or the network error).</param>
/// <param name="DurationMs">How long it took, milliseconds.</param>
public sealed record WebhookAttemptItem(int Attempt, DateTimeOffset At, int? HttpStatus, bool Succeeded, string? Error, int DurationMs);

/// <summary>One delivery of a notification to a webhook, with its attempts.</summary>
/// <param name="Id">Delivery id.</param>
/// <param name="WebhookId">The webhook.</param>
/// <param name="HazardId">The hazard of the notification.</param>
/// <param name="Kind">The notification's kind.</param>
/// <param name="Day">The notification's day.</param>
/// <param name="Status">Pending (waiting for its next attempt), Delivered or Failed (gave up).</param>
/// <param name="NextAttemptAt">When a Pending delivery is tried next (UTC).</param>
/// <param name="Attempts">Every attempt, first first.</param>
public sealed record WebhookDeliveryItem(long Id, long WebhookId, long HazardId, NotificationKind Kind, DateOnly Day, string Status,
    DateTimeOffset NextAttemptAt, IReadOnlyList<WebhookAttemptItem> Attempts);

/// <summary>A page of the delivery log, newest first.</summary>
/// <param name="Items">The deliveries.</param>
/// <param name="Page">Page number.</param>
/// <param name="PageSize">Page size.</param>
/// <param name="Total">Deliveries matching the query.</param>
public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDeliveryItem> Items, int Page, int PageSize, int Total);
