using NetTopologySuite.Geometries;

namespace RiskMap.Api.Data;

/// <summary>
/// A district's settings for multi-day inspection schedules: the days off and the weekend days worked, and the visiting cadence
/// (检查频次). A district without a row uses the defaults (<see cref="Features.Routing.WorkingCalendar.Official2026"/>,
/// <see cref="Features.Routing.VisitCadence.Default"/>).
/// </summary>
public sealed class ScheduleSetting
{
    /// <summary>The district's 6-digit code.</summary>
    public required string DistrictCode { get; set; }
    /// <summary>Public holidays (days off that would be working days).</summary>
    public List<DateOnly> Holidays { get; set; } = [];
    /// <summary>Saturdays and Sundays that are working days (调休上班).</summary>
    public List<DateOnly> WorkingWeekendDays { get; set; } = [];
    /// <summary>The cadence rules as JSON: an array of <see cref="Features.Routing.CadenceRule"/> (riskClass, sector, intervalDays).</summary>
    public required string CadenceRules { get; set; }
    /// <summary>When the settings were last written.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A named place inspection teams leave from or return to (a township government, the department's office).</summary>
public sealed class Depot
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>The district's 6-digit code.</summary>
    public required string DistrictCode { get; set; }
    /// <summary>Name shown on the visit sheet, e.g. 梅湾街道办事处; unique within the district.</summary>
    public required string Name { get; set; }
    /// <summary>Township the place belongs to, when it is a township's government; null for district offices.</summary>
    public string? TownshipCode { get; set; }
    /// <summary>Position, WGS-84 point (SRID 4326).</summary>
    public required Point Location { get; set; }
    /// <summary>Where the position comes from (e.g. "approximated by the township's label point").</summary>
    public string? Source { get; set; }
}
