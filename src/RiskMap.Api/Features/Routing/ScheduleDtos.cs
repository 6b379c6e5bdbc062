using System.ComponentModel.DataAnnotations;
using System.Globalization;
using RiskMap.Api.Contract;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Features.Routing;

// The week planner's API contract: multi-day schedules, enterprises due by their visiting cadence, a district's schedule
// settings and its depots. The solver's records (ScheduleRequest, SchedulePlan) stay apart, as for single-day plans.

/// <summary>
/// A schedule request (<c>POST /api/v1/routes/schedule</c>): visits spread by one OR-Tools model over the working days from
/// <see cref="From"/> to <see cref="To"/> (at most <see cref="Ranges.ScheduleDays"/> calendar days) for <see cref="Teams"/> teams a day.
/// </summary>
/// <param name="From">First day, yyyy-MM-dd; required.</param>
/// <param name="To">Last day, yyyy-MM-dd, on or after <paramref name="From"/>, at most 31 calendar days in all; required.</param>
/// <param name="Start">Where every team leaves from each day (in <paramref name="Crs"/>); give this or <paramref name="StartDepotId"/>.</param>
/// <param name="StartDepotId">A depot of the district to leave from (its name is on the visit sheet); give this or <paramref name="Start"/>.</param>
/// <param name="End">Where every team ends each day; null (default) for days ending at the last visit.</param>
/// <param name="EndDepotId">A depot to end at instead of <paramref name="End"/>.</param>
/// <param name="Teams">Teams working each day (<see cref="Ranges.Teams"/>); default 1.</param>
/// <param name="StartTime">When the teams leave, China Standard Time, "HH:mm:ss"; default 08:30:00.</param>
/// <param name="EndTime">When the last visit must be over (or the end reached); default 17:30:00.</param>
/// <param name="LunchStart">Start of the lunch break, no visit runs into it; default 12:00:00.</param>
/// <param name="LunchEnd">End of the lunch break; default 13:30:00; equal to <paramref name="LunchStart"/> for no break.</param>
/// <param name="ServiceTimeSeconds">Seconds spent at each visit (<see cref="Ranges.ServiceTimeSeconds"/>); default 1800.</param>
/// <param name="SpeedKmh">Travel speed where the distances have no travel times of their own (<see cref="Ranges.SpeedKmh"/>); default 30.</param>
/// <param name="TimeLimitSeconds">How long scheduling may take (<see cref="Ranges.SolverTimeLimitSeconds"/>); default 10.</param>
/// <param name="Stops">Enterprises to visit besides the due ones, by id (mandatory or optional with a priority); default none.</param>
/// <param name="IncludeDue">
/// True (default) to add every enterprise due by the district's visiting cadence on <paramref name="To"/> (<c>GET
/// /api/v1/routes/due</c>) as a mandatory stop, within the caller's townships and <paramref name="Sectors"/>.
/// </param>
/// <param name="Sectors">Sector codes the due enterprises are taken from; default every sector, or a department officer's own sectors.</param>
/// <param name="District">6-digit district; may be omitted when the database holds one.</param>
/// <param name="Crs">Coordinate system of the points given and answered: wgs84 (default), cgcs2000, gcj02 or bd09.</param>
public sealed record ScheduleRouteRequest(
    [property: Required, InRange(nameof(Ranges.Day))] DateOnly? From,
    [property: Required, InRange(nameof(Ranges.Day))] DateOnly? To,
    PlanPoint? Start = null,
    long? StartDepotId = null,
    PlanPoint? End = null,
    long? EndDepotId = null,
    [property: InRange(nameof(Ranges.Teams))] int Teams = 1,
    TimeOnly? StartTime = null,
    TimeOnly? EndTime = null,
    TimeOnly? LunchStart = null,
    TimeOnly? LunchEnd = null,
    [property: InRange(nameof(Ranges.ServiceTimeSeconds))] int ServiceTimeSeconds = ScheduleRouteRequest.DefaultServiceTimeSeconds,
    [property: InRange(nameof(Ranges.SpeedKmh))] double SpeedKmh = RoutePlanRequest.DefaultSpeedKmh,
    [property: InRange(nameof(Ranges.SolverTimeLimitSeconds))] double TimeLimitSeconds = ScheduleRouteRequest.DefaultTimeLimitSeconds,
    IReadOnlyList<PlanStopRequest?>? Stops = null,
    bool IncludeDue = true,
    IReadOnlyList<string>? Sectors = null,
    [property: DigitCode(6)] string? District = null,
    [property: KnownCrs] string? Crs = null) : IValidatableObject
{
    /// <summary>Default length of a visit in a schedule: 1800 s (half an hour).</summary>
    public const int DefaultServiceTimeSeconds = 1800;

    /// <summary>Default time limit of a schedule: 10 s.</summary>
    public const double DefaultTimeLimitSeconds = 10;

    /// <summary>The working day, defaults filled in.</summary>
    public WorkingDay Hours => new(StartTime ?? WorkingDay.DefaultStart, EndTime ?? WorkingDay.DefaultEnd,
        LunchStart ?? WorkingDay.DefaultLunchStart, LunchEnd ?? WorkingDay.DefaultLunchEnd);

    /// <summary>
    /// The rules over several members, each naming its field: <c>to</c> before <c>from</c> (<see cref="RoutingProblemCodes.RangeReversed"/>)
    /// or more than <see cref="Ranges.ScheduleDays"/> days (<see cref="RoutingProblemCodes.RangeTooLong"/>); <c>start</c> when neither or
    /// both of start and startDepotId are given (<see cref="RoutingProblemCodes.StartRequired"/>); <c>endTime</c> not after
    /// <c>startTime</c> (<see cref="RoutingProblemCodes.DayReversed"/>); <c>lunchEnd</c> before <c>lunchStart</c>;
    /// <c>sectors[i]</c> unknown (<see cref="RoutingProblemCodes.SectorUnknown"/>); <c>stops</c> too many, <c>stops[i]</c> null.
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (From is { } from && To is { } to)
        {
            var days = to.DayNumber - from.DayNumber + 1;
            if (days < 1) yield return new CodedValidationResult(RoutingProblemCodes.RangeReversed, [nameof(To)], from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            else if (!Ranges.ScheduleDays.Contains(days)) yield return new CodedValidationResult(RoutingProblemCodes.RangeTooLong, [nameof(To)], days, Ranges.ScheduleDays.Max);
        }
        if ((Start is null) == (StartDepotId is null)) yield return new CodedValidationResult(RoutingProblemCodes.StartRequired, [nameof(Start)]);
        var hours = Hours;
        if (hours.End <= hours.Start)
            yield return new CodedValidationResult(RoutingProblemCodes.DayReversed, [nameof(EndTime)], hours.Start.ToString("HH:mm", CultureInfo.InvariantCulture));
        if (hours.LunchEnd < hours.LunchStart)
            yield return new CodedValidationResult(RoutingProblemCodes.LunchReversed, [nameof(LunchEnd)], hours.LunchStart.ToString("HH:mm", CultureInfo.InvariantCulture));
        var sectors = Sectors ?? [];
        for (var i = 0; i < sectors.Count; i++)
        {
            if (!Sector.IsKnown(sectors[i])) yield return new CodedValidationResult(RoutingProblemCodes.SectorUnknown, [$"sectors[{i}]"], sectors[i] ?? "");
        }
        var stops = Stops ?? [];
        if (!Ranges.Stops.Contains(stops.Count))
        {
            yield return new CodedValidationResult(RoutingProblemCodes.TooManyStops, [nameof(Stops)], stops.Count, Ranges.Stops.Max);
            yield break;
        }
        for (var i = 0; i < stops.Count; i++)
        {
            if (stops[i] is null) yield return new CodedValidationResult(ProblemCodes.Required, [$"stops[{i}]"]);
        }
    }
}

/// <summary>A schedule: the working days planned, each as a stored single-day plan (with its export links), and what was left out.</summary>
/// <param name="From">First day asked for.</param>
/// <param name="To">Last day asked for.</param>
/// <param name="District">The district.</param>
/// <param name="Status">Optimal, Feasible, TimeLimitReached, Heuristic or Infeasible (mandatory visits left out, see <paramref name="UnplacedMandatoryEnterpriseIds"/>).</param>
/// <param name="DistanceKind"><c>StraightLine</c> or <c>Road</c>.</param>
/// <param name="WorkingDays">The days planned: weekdays of the range that are not holidays, and weekend days worked in exchange.</param>
/// <param name="SkippedDays">Days of the range not planned, with why: <c>Weekend</c> or <c>Holiday</c>.</param>
/// <param name="Days">One plan per working day, in order; each is stored under its id for the GPX, CSV and visit-sheet links.</param>
/// <param name="Dropped">Stops no team visits on any day, with the reason.</param>
/// <param name="MandatoryCount">Mandatory stops asked for (due enterprises and stops marked mandatory).</param>
/// <param name="UnplacedMandatoryEnterpriseIds">Mandatory stops that could not be placed on any day.</param>
/// <param name="SolveSeconds">Seconds the whole schedule took.</param>
/// <param name="TimeLimitSeconds">The time limit that applied.</param>
public sealed record ScheduledRoutes(DateOnly From, DateOnly To, string District, string Status, string DistanceKind, IReadOnlyList<DateOnly> WorkingDays,
    IReadOnlyList<SkippedDay> SkippedDays, IReadOnlyList<PlannedRoutes> Days, IReadOnlyList<PlannedDrop> Dropped, int MandatoryCount,
    IReadOnlyList<long> UnplacedMandatoryEnterpriseIds, double SolveSeconds, double TimeLimitSeconds);

/// <summary>A day of the range that is not planned.</summary>
/// <param name="Day">The day.</param>
/// <param name="Reason"><c>Weekend</c> or <c>Holiday</c>.</param>
public sealed record SkippedDay(DateOnly Day, string Reason);

/// <summary>The query of <c>GET /api/v1/routes/due</c>.</summary>
/// <param name="AsOf">The day, yyyy-MM-dd; enterprises whose last inspection plus their cadence interval is on or before it are due; default today.</param>
/// <param name="Sector">Only these sectors (comma-separated codes); default every sector, or a department officer's own sectors.</param>
/// <param name="Township">Only these townships (comma-separated 9-digit codes), each one the caller may read.</param>
/// <param name="District">6-digit district; may be omitted when the database holds one.</param>
public sealed record RouteDueQuery(
    [InRange(nameof(Ranges.Day))] DateOnly? AsOf = null,
    SectorList? Sector = null,
    TownshipList? Township = null,
    [DigitCode(6)] string? District = null);

/// <summary>Enterprises due for an inspection by the district's visiting cadence, most overdue first.</summary>
/// <param name="AsOf">The day.</param>
/// <param name="District">The district.</param>
/// <param name="Count">Number of enterprises due.</param>
/// <param name="Rules">The cadence rules that applied (the district's, or the defaults).</param>
/// <param name="Items">The enterprises.</param>
public sealed record RouteDueList(DateOnly AsOf, string District, int Count, IReadOnlyList<CadenceRuleDto> Rules, IReadOnlyList<RouteDueEnterprise> Items);

/// <summary>An enterprise due for an inspection.</summary>
/// <param name="EnterpriseId">Enterprise id.</param>
/// <param name="Name">Name.</param>
/// <param name="Sector">Sector code.</param>
/// <param name="AboveScale">Above designated size.</param>
/// <param name="Township">Township code.</param>
/// <param name="TownshipName">Township name.</param>
/// <param name="OpenMajor">Open major hazards on the day.</param>
/// <param name="LastInspectedOn">Last inspection on or before the day; null when never inspected.</param>
/// <param name="IntervalDays">Its cadence: the shortest interval of the rules that apply, days.</param>
/// <param name="DueOn">Last inspection plus the interval; null when never inspected (due at once).</param>
/// <param name="DaysOverdue">Days from <paramref name="DueOn"/> to the day; null when never inspected.</param>
public sealed record RouteDueEnterprise(long EnterpriseId, string Name, string Sector, bool AboveScale, string? Township, string? TownshipName, int OpenMajor,
    DateOnly? LastInspectedOn, int IntervalDays, DateOnly? DueOn, int? DaysOverdue);

/// <summary>A visiting-cadence rule on the wire.</summary>
/// <param name="RiskClass">OpenMajorHazard, AboveScale or Any; required.</param>
/// <param name="Sector">Sector code, or null for every sector.</param>
/// <param name="IntervalDays">Longest time between two inspections, days (<see cref="Ranges.CadenceDays"/>); required.</param>
public sealed record CadenceRuleDto(
    [property: Required] CadenceRiskClass? RiskClass,
    string? Sector,
    [property: Required, InRange(nameof(Ranges.CadenceDays))] int? IntervalDays);

/// <summary>The query naming a district (<c>GET /api/v1/routes/schedule-settings</c>, <c>GET /api/v1/routes/depots</c>).</summary>
/// <param name="District">6-digit district; may be omitted when the database holds one.</param>
public sealed record ScheduleDistrictQuery([DigitCode(6)] string? District = null);

/// <summary>A district's schedule settings (<c>GET</c> and <c>PUT /api/v1/routes/schedule-settings</c>).</summary>
/// <param name="District">6-digit district; may be omitted when the database holds one.</param>
/// <param name="Holidays">Days off (公休假日 that fall on weekdays); default the 2026 official holidays.</param>
/// <param name="WorkingWeekendDays">Weekend days worked in exchange (调休上班); default those of 2026.</param>
/// <param name="Cadence">The visiting cadence rules; default the project's (<see cref="VisitCadence.Default"/>).</param>
/// <param name="IsDefault">In answers: true when the district has not set its own and these are the defaults; ignored in requests.</param>
public sealed record ScheduleSettingsDto(
    [property: DigitCode(6)] string? District,
    [property: Required] IReadOnlyList<DateOnly>? Holidays,
    [property: Required] IReadOnlyList<DateOnly>? WorkingWeekendDays,
    [property: Required] IReadOnlyList<CadenceRuleDto?>? Cadence,
    bool IsDefault = false) : IValidatableObject
{
    /// <summary>
    /// Each list within its range (<see cref="Ranges.CalendarDays"/>, <see cref="Ranges.CadenceRules"/>); a rule naming an unknown
    /// sector is <c>cadence[i].sector</c> (<see cref="RoutingProblemCodes.SectorUnknown"/>); two rules for the same class and sector
    /// are <c>cadence[i]</c> (<see cref="RoutingProblemCodes.CadenceRuleRepeated"/>); a null rule is required.
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Holidays is { } holidays && !Ranges.CalendarDays.Contains(holidays.Count))
            yield return new CodedValidationResult(ProblemCodes.Range, [nameof(Holidays)], Ranges.CalendarDays.MinText, Ranges.CalendarDays.MaxText, holidays.Count);
        if (WorkingWeekendDays is { } weekends && !Ranges.CalendarDays.Contains(weekends.Count))
            yield return new CodedValidationResult(ProblemCodes.Range, [nameof(WorkingWeekendDays)], Ranges.CalendarDays.MinText, Ranges.CalendarDays.MaxText, weekends.Count);
        var rules = Cadence ?? [];
        if (!Ranges.CadenceRules.Contains(rules.Count))
        {
            yield return new CodedValidationResult(ProblemCodes.Range, [nameof(Cadence)], Ranges.CadenceRules.MinText, Ranges.CadenceRules.MaxText, rules.Count);
            yield break;
        }
        var seen = new HashSet<(CadenceRiskClass?, string?)>();
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i] is not { } rule) { yield return new CodedValidationResult(ProblemCodes.Required, [$"cadence[{i}]"]); continue; }
            if (rule.Sector is not null && !Sector.IsKnown(rule.Sector))
                yield return new CodedValidationResult(RoutingProblemCodes.SectorUnknown, [$"cadence[{i}].sector"], rule.Sector);
            else if (!seen.Add((rule.RiskClass, rule.Sector)))
                yield return new CodedValidationResult(RoutingProblemCodes.CadenceRuleRepeated, [$"cadence[{i}]"], rule.RiskClass?.ToString() ?? "", rule.Sector ?? "*");
        }
    }
}

/// <summary>A named start or end place.</summary>
/// <param name="Id">Depot id, for startDepotId / endDepotId.</param>
/// <param name="Name">Name, e.g. 梅湾街道办事处.</param>
/// <param name="Township">Township code when it is a township's government.</param>
/// <param name="Longitude">WGS-84 longitude, degrees.</param>
/// <param name="Latitude">WGS-84 latitude, degrees.</param>
/// <param name="Source">Where the position comes from.</param>
public sealed record DepotDto(long Id, string Name, string? Township, double Longitude, double Latitude, string? Source);

/// <summary>A district's depots.</summary>
/// <param name="District">The district.</param>
/// <param name="Items">The depots by name.</param>
public sealed record DepotList(string District, IReadOnlyList<DepotDto> Items);

/// <summary>A depot to add (<c>POST /api/v1/routes/depots</c>).</summary>
/// <param name="Name">Name, unique in the district (<see cref="Ranges.DepotNameLength"/>); required.</param>
/// <param name="Location">Position, WGS-84; required.</param>
/// <param name="Township">Township code when it is a township's government (9 digits).</param>
/// <param name="District">6-digit district; may be omitted when the database holds one.</param>
public sealed record CreateDepotRequest(
    [property: Required, InRange(nameof(Ranges.DepotNameLength))] string? Name,
    [property: Required] PlanPoint? Location,
    [property: DigitCode(9)] string? Township = null,
    [property: DigitCode(6)] string? District = null);
