namespace RiskMap.Api.Features;

/// <summary>The campaign's calendar: days are China Standard Time (UTC+8, no daylight saving).</summary>
public static class CampaignCalendar
{
    /// <summary>China Standard Time's offset from UTC: 8 hours.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>China Standard Time as a time zone (fixed UTC+8), for schedules written in its clock (daily jobs).</summary>
    public static readonly TimeZoneInfo TimeZone =
        TimeZoneInfo.CreateCustomTimeZone("China Standard Time", Offset, "China Standard Time", "China Standard Time");

    /// <summary>Today in China Standard Time.</summary>
    public static DateOnly Today(TimeProvider time) => Day(time.GetUtcNow());

    /// <summary>The China Standard Time day on which <paramref name="instant"/> falls (e.g. 2020-06-30T20:00Z is 2020-07-01).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The instant is in the last 8 hours of 9999-12-31 UTC (its day in China is past DateOnly's range).</exception>
    public static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime + Offset);
}
