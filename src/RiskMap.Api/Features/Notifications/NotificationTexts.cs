namespace RiskMap.Api.Features.Notifications;

/// <summary>The resource keys of the robot messages (<see cref="WebhookDelivery"/>), in <c>Resources/Messages*.resx</c>.</summary>
public static class NotificationTexts
{
    /// <summary>
    /// The message's markdown; args: title (<see cref="Kind"/>), enterprise, township, hazard reference, level
    /// (<see cref="Level"/>), deadline (yyyy-MM-dd), description.
    /// </summary>
    public const string Text = "notification.webhook.text";

    /// <summary>The title of a notification of <paramref name="kind"/>.</summary>
    public static string Kind(NotificationKind kind) => $"notification.kind.{kind}";

    /// <summary>The name of a hazard level (<c>General</c>, <c>Major</c>) in a message.</summary>
    public static string Level(string level) => $"notification.level.{level}";

    /// <summary>Every key above, for the tests that check both languages.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        [Text, .. Enum.GetValues<NotificationKind>().Select(Kind), .. Enum.GetNames<Domain.HazardLevel>().Select(Level)];
}
