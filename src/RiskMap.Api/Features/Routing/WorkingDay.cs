namespace RiskMap.Api.Features.Routing;

/// <summary>
/// When an enterprise receives inspectors (营业时间): a visit must begin at or after <paramref name="Opens"/> and end at or
/// before <paramref name="Closes"/>, on the same day.
/// </summary>
/// <param name="Opens">Opening time, China Standard Time.</param>
/// <param name="Closes">Closing time, China Standard Time; later than <paramref name="Opens"/>.</param>
public readonly record struct OpeningHours(TimeOnly Opens, TimeOnly Closes)
{
    /// <summary>Second of the day the enterprise opens.</summary>
    public int OpensSecond => WorkingDay.SecondOf(Opens);

    /// <summary>Second of the day the enterprise closes.</summary>
    public int ClosesSecond => WorkingDay.SecondOf(Closes);

    /// <summary>The hours as the import's <c>opening_hours</c> column writes them, e.g. <c>08:00-17:30</c>.</summary>
    public override string ToString()
        => $"{Opens.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)}-{Closes.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>
/// An inspection team's working day in China Standard Time (UTC+08:00, no daylight saving since 1991): teams leave the
/// start at <paramref name="Start"/>, finish by <paramref name="End"/>, and visit no enterprise during the lunch break
/// <paramref name="LunchStart"/> … <paramref name="LunchEnd"/> (a visit that would run into it waits until it is over;
/// driving across it is allowed). A lunch break of zero length is no break.
/// </summary>
/// <param name="Start">When the teams leave, default 08:30.</param>
/// <param name="End">When the last visit must be over (or the end point reached), default 17:30.</param>
/// <param name="LunchStart">Start of the lunch break, default 12:00.</param>
/// <param name="LunchEnd">End of the lunch break, default 13:30.</param>
public sealed record WorkingDay(TimeOnly Start, TimeOnly End, TimeOnly LunchStart, TimeOnly LunchEnd)
{
    /// <summary>Default start of the day: 08:30, the usual office start of a county government in Hunan.</summary>
    public static readonly TimeOnly DefaultStart = new(8, 30);

    /// <summary>Default end of the day: 17:30.</summary>
    public static readonly TimeOnly DefaultEnd = new(17, 30);

    /// <summary>Default start of the lunch break: 12:00.</summary>
    public static readonly TimeOnly DefaultLunchStart = new(12, 0);

    /// <summary>Default end of the lunch break: 13:30.</summary>
    public static readonly TimeOnly DefaultLunchEnd = new(13, 30);

    /// <summary>China Standard Time's offset from UTC: +08:00 (the whole country, no daylight saving).</summary>
    public static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    /// <summary>08:30–17:30 with lunch 12:00–13:30.</summary>
    public static WorkingDay Default { get; } = new(DefaultStart, DefaultEnd, DefaultLunchStart, DefaultLunchEnd);

    /// <summary>Second of the day the teams leave.</summary>
    public int StartSecond => SecondOf(Start);

    /// <summary>Second of the day by which everything is over.</summary>
    public int EndSecond => SecondOf(End);

    /// <summary>True when the lunch break has a length.</summary>
    public bool HasLunch => LunchEnd > LunchStart;

    /// <summary>Whole seconds since midnight of <paramref name="time"/>.</summary>
    public static int SecondOf(TimeOnly time) => (int)(time.Ticks / TimeSpan.TicksPerSecond);

    /// <summary>The moment <paramref name="secondOfDay"/> seconds after midnight of <paramref name="day"/>, China Standard Time (+08:00).</summary>
    public static DateTimeOffset At(DateOnly day, double secondOfDay) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), ChinaStandardTime).AddSeconds(Math.Round(secondOfDay));

    /// <summary>
    /// Earliest second of the day at or after <paramref name="ready"/> at which a visit lasting <paramref name="serviceSeconds"/>
    /// may begin: not before the enterprise opens, not overlapping the lunch break (it then begins at the break's end), ending by
    /// the closing time and by <see cref="End"/>. Null when there is no such second that day.
    /// </summary>
    /// <param name="ready">Second of the day the team could be there.</param>
    /// <param name="serviceSeconds">Length of the visit, seconds (≥ 0).</param>
    /// <param name="hours">The enterprise's opening hours; null when it receives inspectors whenever the team works.</param>
    public int? EarliestVisitStart(int ready, int serviceSeconds, OpeningHours? hours)
    {
        var begin = Math.Max(ready, hours?.OpensSecond ?? 0);
        if (HasLunch && begin < SecondOf(LunchEnd) && begin + serviceSeconds > SecondOf(LunchStart)) begin = SecondOf(LunchEnd);
        var latestEnd = Math.Min(EndSecond, hours?.ClosesSecond ?? EndSecond);
        return begin + serviceSeconds <= latestEnd ? begin : null;
    }

    /// <summary>
    /// Clock times of a team's visits in order: the team leaves at <see cref="Start"/>, the k-th visit is ready
    /// <paramref name="travelSeconds"/>[k] after the previous one ends and begins at <see cref="EarliestVisitStart"/> (waiting for
    /// the opening time or the end of lunch); the finish is <paramref name="finishSeconds"/> after the last visit. Visits that would
    /// run past the day's end or a closing time keep their earliest lunch-free start (a kept order is reported as it is).
    /// </summary>
    /// <param name="travelSeconds">Seconds of travel before each visit.</param>
    /// <param name="serviceSeconds">Length of each visit, seconds.</param>
    /// <param name="hours">Each visit's opening hours (null entries or a null list: none).</param>
    /// <param name="finishSeconds">Travel from the last visit to the end point; null for open routes.</param>
    /// <returns>Arrival (visit begins) and departure seconds of the day per visit, and the arrival at the end point (or the last departure).</returns>
    public (int[] Arrivals, int[] Departures, int Finish) Walk(IReadOnlyList<double> travelSeconds, int serviceSeconds,
        IReadOnlyList<OpeningHours?>? hours, double? finishSeconds)
    {
        var arrivals = new int[travelSeconds.Count];
        var departures = new int[travelSeconds.Count];
        var clock = StartSecond;
        for (var k = 0; k < travelSeconds.Count; k++)
        {
            var ready = clock + (int)Math.Ceiling(travelSeconds[k] - 1e-6);
            var visitHours = hours is null ? null : hours[k];
            arrivals[k] = EarliestVisitStart(ready, serviceSeconds, visitHours)
                ?? new WorkingDay(Start, new TimeOnly(23, 59, 59), LunchStart, LunchEnd).EarliestVisitStart(ready, serviceSeconds, null)
                ?? ready;
            departures[k] = clock = arrivals[k] + serviceSeconds;
        }
        return (arrivals, departures, clock + (int)Math.Ceiling((finishSeconds ?? 0) - 1e-6));
    }
}
