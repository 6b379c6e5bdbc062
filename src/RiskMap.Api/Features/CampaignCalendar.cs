namespace RiskMap.Api.Features;

/// <summary>The campaign's calendar: days are China Standard Time (UTC+8, no daylight saving).</summary>
public static class CampaignCalendar
{
    /// <summary>Today in China Standard Time.</summary>
    public static DateOnly Today(TimeProvider time) => Day(time.GetUtcNow());

    /// <summary>The China Standard Time day on which <paramref name="instant"/> falls (e.g. 2020-06-30T20:00Z is 2020-07-01).</summary>
    public static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime.AddHours(8));
}
