using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.Notifications;

/// <summary>
/// The stable codes of the problems and field errors of the inbox and the webhooks (texts in
/// <c>Resources/Messages*.resx</c>, see <see cref="ProblemCodes"/>).
/// </summary>
[ProblemCodeList]
public static class NotificationProblemCodes
{
    // Problem-level codes (title + detail).

    /// <summary>404: no notification of the caller has the id (another user's answers the same); args: id, parameter.</summary>
    [ProblemTitle]
    public const string NotificationUnknown = "notification.unknown";
    /// <summary>404: no webhook has the id; args: id, parameter.</summary>
    [ProblemTitle]
    public const string WebhookUnknown = "notification.webhook.unknown";

    // Field-level codes (message only).

    /// <summary>A webhook address that is not an absolute http or https URL (or carries a user name); args: none.</summary>
    public const string WebhookUrlScheme = "notification.webhook.url-scheme";
    /// <summary>A webhook address that points at the service itself (its own host and port); args: none.</summary>
    public const string WebhookUrlSelf = "notification.webhook.url-self";
    /// <summary>
    /// A webhook address that is, or whose host resolves to, a loopback, private, link-local, unspecified or multicast
    /// address (<see cref="WebhookAddresses"/>); args: the address.
    /// </summary>
    public const string WebhookUrlPrivate = "notification.webhook.url-private";
    /// <summary>A webhook needs exactly one owner: a user or a township; args: none.</summary>
    public const string WebhookOwner = "notification.webhook.owner";
    /// <summary>No user has the name; args: user name.</summary>
    public const string WebhookUserUnknown = "notification.webhook.user-unknown";
    /// <summary>No township has the code; args: code.</summary>
    public const string WebhookTownshipUnknown = "notification.webhook.township-unknown";
}
