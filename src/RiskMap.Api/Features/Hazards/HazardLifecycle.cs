using RiskMap.Api.Data;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Features.Hazards;

/// <summary>
/// The hazard lifecycle of ../shared/DOMAIN.md: Open (未整改) → Rectifying (整改中) → Rectified (已整改) → Closed (验收销号),
/// one step at a time and never backwards. Rectified and Closed need a date and a note; the dates never go backwards
/// either (found ≤ rectifying ≤ rectified ≤ closed ≤ today).
/// </summary>
/// <remarks>
/// The rules of a day (open, status, deadline in force, overdue) are defined once in SQL, the functions of
/// <see cref="DatabaseScripts.HazardDayRules"/> that every query uses (through <see cref="HazardSql"/>); the methods
/// here are their C# form for code that holds hazards in memory, and an integration test checks the two agree on every
/// edge day (found, deadline, each extension, rectifying, rectified and closed days, and the days either side).
/// </remarks>
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

    /// <summary>True when the step to <paramref name="to"/> requires a note (Rectified, Closed).</summary>
    public static bool NeedsNote(HazardStatus to) => to is HazardStatus.Rectified or HazardStatus.Closed;

    /// <summary>True while the deadline can still be extended (the hazard is open: Open or Rectifying).</summary>
    public static bool CanExtendDeadline(HazardStatus status) => status is HazardStatus.Open or HazardStatus.Rectifying;

    /// <summary>
    /// The day a hazard stopped being open: the earlier of <paramref name="rectifiedOn"/> and <paramref name="closedOn"/>,
    /// <see cref="DateOnly.MaxValue"/> while it is open (SQL: riskmap_hazard_open_until, 'infinity').
    /// </summary>
    public static DateOnly OpenUntil(DateOnly? rectifiedOn, DateOnly? closedOn)
        => (rectifiedOn, closedOn) switch
        {
            ({ } r, { } c) => r < c ? r : c,
            ({ } r, null) => r,
            (null, { } c) => c,
            _ => DateOnly.MaxValue,
        };

    /// <summary>
    /// Open on <paramref name="day"/> (status Open or Rectifying at the end of it): found on or before it, neither
    /// rectified nor closed on or before it (SQL: riskmap_hazard_open_on).
    /// </summary>
    public static bool IsOpenOn(DateOnly foundOn, DateOnly? rectifiedOn, DateOnly? closedOn, DateOnly day)
        => foundOn <= day && OpenUntil(rectifiedOn, closedOn) > day;

    /// <summary>
    /// Status at the end of <paramref name="day"/>: Closed, Rectified or Rectifying once the recorded day of that step
    /// has come, otherwise Open; a hazard without a recorded Rectifying day whose <paramref name="status"/> is
    /// Rectifying (imported so) counts as Rectifying until rectified (SQL: riskmap_hazard_status_on).
    /// </summary>
    public static HazardStatus StatusOn(HazardStatus status, DateOnly? rectifyingOn, DateOnly? rectifiedOn, DateOnly? closedOn, DateOnly day)
    {
        if (closedOn <= day) return HazardStatus.Closed;
        if (rectifiedOn <= day) return HazardStatus.Rectified;
        if (rectifyingOn <= day) return HazardStatus.Rectifying;
        if (rectifyingOn is null && status == HazardStatus.Rectifying && rectifiedOn is null) return HazardStatus.Rectifying;
        return HazardStatus.Open;
    }

    /// <summary>
    /// The deadline in force on <paramref name="day"/>: the deadline that the first extension made after the day replaced
    /// (earliest <see cref="DeadlineExtension.ExtendedOn"/>, then the first in <paramref name="extensions"/>, given in the
    /// order they were made), else the current <paramref name="deadline"/> (SQL: riskmap_hazard_deadline_on).
    /// </summary>
    public static DateOnly DeadlineOn(DateOnly deadline, IEnumerable<DeadlineExtension> extensions, DateOnly day)
        => extensions.Where(x => x.ExtendedOn > day).OrderBy(x => x.ExtendedOn).Select(x => (DateOnly?)x.PreviousDeadline).FirstOrDefault()
           ?? deadline;

    /// <summary>
    /// Overdue on <paramref name="day"/>: open on it and <paramref name="deadlineInForce"/> (<see cref="DeadlineOn"/>) is
    /// before it (SQL: riskmap_hazard_overdue_on).
    /// </summary>
    public static bool IsOverdueOn(DateOnly foundOn, DateOnly? rectifiedOn, DateOnly? closedOn, DateOnly deadlineInForce, DateOnly day)
        => IsOpenOn(foundOn, rectifiedOn, closedOn, day) && deadlineInForce < day;
}
