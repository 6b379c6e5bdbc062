namespace RiskMap.Api.Features;

/// <summary>The campaign's calendar: days are China Standard Time (UTC+8, no daylight saving).</summary>
public static class CampaignCalendar
{
    /// <summary>Today in China Standard Time.</summary>
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddHours(8));
}
