namespace RiskMap.Api.Features.Notifications;

/// <summary>What a notification is about; stored by name (<c>notifications.kind</c>).</summary>
public enum NotificationKind
{
    /// <summary>An open hazard's deadline is at most <see cref="NotificationOptions.DueSoonDays"/> days ahead; given once per deadline.</summary>
    DueSoon,
    /// <summary>An open hazard is past its deadline; given on the first day it is found overdue, then every 7 days while it stays overdue.</summary>
    Overdue,
    /// <summary>A major hazard was recorded in the recipient's scope.</summary>
    MajorHazard,
    /// <summary>The recipient is asked to accept (验收) a rectified hazard.</summary>
    AcceptanceRequested,
    /// <summary>A deadline extension request was approved or rejected.</summary>
    ExtensionDecided,
    /// <summary>A hazard was put under supervision (挂牌督办).</summary>
    SupervisedListed,
}
