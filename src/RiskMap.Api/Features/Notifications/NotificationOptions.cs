namespace RiskMap.Api.Features.Notifications;

/// <summary>Settings of the reminders (configuration section <c>RiskMap:Notifications</c>).</summary>
public sealed class NotificationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "RiskMap:Notifications";

    /// <summary>A hazard whose deadline is at most this many days ahead (today included) is "due soon"; default 7 days.</summary>
    public int DueSoonDays { get; set; } = 7;

    /// <summary>
    /// When the reminder job runs: a Quartz cron expression (seconds first) in China Standard Time; default
    /// <c>0 30 7 * * ?</c>, every day at 07:30.
    /// </summary>
    public string Schedule { get; set; } = "0 30 7 * * ?";

    /// <summary>False to start no scheduler in this instance (the job and the deliveries then run only when called); default true.</summary>
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>How often the delivery job looks for webhook deliveries that are due, in seconds; default 15.</summary>
    public int DeliveryIntervalSeconds { get; set; } = 15;

    /// <summary>
    /// Delay before the second attempt of a failed delivery, in seconds; each further attempt waits twice as long as the
    /// one before (30 s, 60 s, 120 s …); default 30.
    /// </summary>
    public int RetryBaseSeconds { get; set; } = 30;

    /// <summary>Attempts of one delivery before it is marked Failed; default 6.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>How long one attempt waits for the robot's answer, in seconds; default 10.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Host names or addresses (exactly as in the webhook URL) exempt from the refusal of loopback, private, link-local,
    /// unspecified and multicast addresses (<see cref="WebhookAddresses"/>), e.g. an office robot gateway at 10.1.2.3;
    /// default none. The service's own host and port stay refused.
    /// </summary>
    public string[] AllowedWebhookHosts { get; set; } = [];
}
