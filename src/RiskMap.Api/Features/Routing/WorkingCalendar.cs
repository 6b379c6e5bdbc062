namespace RiskMap.Api.Features.Routing;

/// <summary>
/// Which days inspection teams work: Monday to Friday, except public holidays, plus the weekend days worked in exchange
/// (调休上班). A district may replace both lists (<see cref="ScheduleSettingsDto"/>); without its own lists the official
/// 2026 arrangement applies (<see cref="Holidays2026"/>).
/// </summary>
/// <param name="Holidays">Days off that would otherwise be working days (and weekend days of a holiday, harmlessly).</param>
/// <param name="WorkingWeekendDays">Saturdays and Sundays that are working days.</param>
public sealed record WorkingCalendar(IReadOnlyCollection<DateOnly> Holidays, IReadOnlyCollection<DateOnly> WorkingWeekendDays)
{
    /// <summary>
    /// The public holidays of 2026 as the State Council General Office set them (国务院办公厅关于2026年部分节假日安排的通知, 4 November
    /// 2025): 元旦 1–3 January, 春节 15–23 February, 清明节 4–6 April, 劳动节 1–5 May, 端午节 19–21 June, 中秋节 25–27 September,
    /// 国庆节 1–7 October.
    /// </summary>
    public static IReadOnlyList<DateOnly> Holidays2026 { get; } =
    [
        .. Range(2026, 1, 1, 3), .. Range(2026, 2, 15, 23), .. Range(2026, 4, 4, 6), .. Range(2026, 5, 1, 5),
        .. Range(2026, 6, 19, 21), .. Range(2026, 9, 25, 27), .. Range(2026, 10, 1, 7),
    ];

    /// <summary>
    /// The weekend days worked in exchange in 2026, from the same notice: 4 January, 14 and 28 February, 9 May, 20 September and
    /// 10 October.
    /// </summary>
    public static IReadOnlyList<DateOnly> WorkingWeekendDays2026 { get; } =
    [
        new(2026, 1, 4), new(2026, 2, 14), new(2026, 2, 28), new(2026, 5, 9), new(2026, 9, 20), new(2026, 10, 10),
    ];

    /// <summary>The official 2026 calendar (<see cref="Holidays2026"/>, <see cref="WorkingWeekendDays2026"/>).</summary>
    public static WorkingCalendar Official2026 { get; } = new(Holidays2026, WorkingWeekendDays2026);

    /// <summary>True when teams work on <paramref name="day"/>.</summary>
    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? WorkingWeekendDays.Contains(day) : !Holidays.Contains(day);

    /// <summary>The working days from <paramref name="from"/> to <paramref name="to"/>, both included, in order; empty when to &lt; from.</summary>
    public IReadOnlyList<DateOnly> WorkingDays(DateOnly from, DateOnly to)
    {
        var days = new List<DateOnly>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day)) days.Add(day);
        }
        return days;
    }

    private static IEnumerable<DateOnly> Range(int year, int month, int first, int last) =>
        Enumerable.Range(first, last - first + 1).Select(d => new DateOnly(year, month, d));
}
