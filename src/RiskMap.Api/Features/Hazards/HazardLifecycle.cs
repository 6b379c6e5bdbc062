using RiskMap.Api.Domain;

namespace RiskMap.Api.Features.Hazards;

/// <summary>
/// The hazard lifecycle of ../shared/DOMAIN.md: Open (未整改) → Rectifying (整改中) → Rectified (已整改) → Closed (验收销号),
/// one step at a time and never backwards. Rectified and Closed need a date and a note; the dates never go backwards
/// either (found ≤ rectifying ≤ rectified ≤ closed ≤ today).
/// </summary>
public static class HazardLifecycle
{
    /// <summary>The one status a hazard in <paramref name="from"/> may move to; null from Closed.</summary>
    public static HazardStatus? Next(HazardStatus from) => from switch
    {
        HazardStatus.Open => HazardStatus.Rectifying,
        HazardStatus.Rectifying => HazardStatus.Rectified,
        HazardStatus.Rectified => HazardStatus.Closed,
        _ => null,
    };

    /// <summary>True when <paramref name="from"/> → <paramref name="to"/> is allowed.</summary>
    public static bool IsAllowed(HazardStatus from, HazardStatus to) => Next(from) == to;

    /// <summary>What to tell a user whose transition was refused: which transition is allowed from <paramref name="from"/>.</summary>
    public static string Explain(HazardStatus from, HazardStatus to) => Next(from) is { } next
        ? $"{from} → {to} is not allowed; from {from} the allowed transition is {from} → {next}."
        : $"{from} → {to} is not allowed; a {from} hazard is final.";

    /// <summary>True when the step to <paramref name="to"/> requires a note (Rectified, Closed).</summary>
    public static bool NeedsNote(HazardStatus to) => to is HazardStatus.Rectified or HazardStatus.Closed;

    /// <summary>True while the deadline can still be extended (the hazard is open: Open or Rectifying).</summary>
    public static bool CanExtendDeadline(HazardStatus status) => status is HazardStatus.Open or HazardStatus.Rectifying;
}
