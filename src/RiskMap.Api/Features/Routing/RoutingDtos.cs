using System.Globalization;
using System.ComponentModel.DataAnnotations;
using RiskMap.Api.Contract;
using RiskMap.Api.Features.Enterprises;
using RiskMap.Api.Features.Roads;

namespace RiskMap.Api.Features.Routing;

// The planner's API contract. Kept apart from the solver's records (RoutePlanRequest, RoutePlan) so that the solver can
// change without breaking clients, and because the API names enterprises where the solver knows only stop ids.

/// <summary>Why a stop is flagged; a flagged stop is still planned.</summary>
public static class StopFlags
{
    /// <summary>The enterprise's point lies in no township of the database.</summary>
    public const string NoTownship = "NoTownship";

    /// <summary>The enterprise's point lies outside the chosen district's outline.</summary>
    public const string OutsideDistrict = "OutsideDistrict";

    /// <summary>
    /// The enterprise's point is questionable (a location-quality flag: shared with other enterprises, at a township's
    /// label point, coarse, or against its address); the team may not find the site there.
    /// </summary>
    public const string QuestionableLocation = "QuestionableLocation";
}

/// <summary>The query of <c>GET /api/v1/routes/candidates</c>.</summary>
/// <param name="Township">Only these townships: comma-separated 9-digit codes, each one the caller may read (403 otherwise) and of the district (404 otherwise).</param>
/// <param name="Sector">Only these sectors: comma-separated sector codes, e.g. <c>gas,fireworks</c>.</param>
/// <param name="OpenHazardLevel">
/// Only enterprises whose open hazards on <c>asOf</c> are: Major (an open major hazard), General (open general hazards
/// only), Any (something open) or None (nothing open).
/// </param>
/// <param name="Overdue">true: only enterprises with an overdue open hazard; false: only those without; default any.</param>
/// <param name="Supervised">true: only enterprises with an open major hazard under supervision (挂牌督办); false: only those without; default any.</param>
/// <param name="NotInspectedForDays">Only enterprises not inspected in the N days before asOf (never inspected counts), <see cref="Ranges.NotInspectedForDays"/>.</param>
/// <param name="AboveScale">true: only enterprises above designated size (规模以上); false: only those below; default any.</param>
/// <param name="AsOf">The day hazards are counted on and inspection recency measured from, yyyy-MM-dd (China Standard Time); default today.</param>
/// <param name="District">6-digit district code; may be omitted when the database holds one district.</param>
/// <param name="Limit">Most candidates returned (<see cref="Ranges.Candidates"/>); default 200.</param>
/// <param name="Crs">Coordinate system of the points: wgs84 (default), cgcs2000, gcj02 or bd09.</param>
public sealed record RouteCandidateQuery(
    TownshipList? Township = null,
    SectorList? Sector = null,
    OpenHazardLevel? OpenHazardLevel = null,
    bool? Overdue = null,
    bool? Supervised = null,
    [InRange(nameof(Ranges.NotInspectedForDays))] int? NotInspectedForDays = null,
    bool? AboveScale = null,
    [InRange(nameof(Ranges.Day))] DateOnly? AsOf = null,
    [DigitCode(6)] string? District = null,
    [InRange(nameof(Ranges.Candidates))] int Limit = RoutingApi.DefaultCandidates,
    OutputCrs? Crs = null);

/// <summary>The query of <c>GET /api/v1/routes/plans/{id}</c>.</summary>
/// <param name="Crs">Coordinate system of the plan's points: wgs84 (default), cgcs2000, gcj02 or bd09.</param>
public sealed record RoutePlanQuery(OutputCrs? Crs = null);

/// <summary>Enterprises worth a visit, best first (<c>GET /api/v1/routes/candidates</c>).</summary>
/// <param name="AsOf">Day the hazards are counted on and inspection recency is measured from.</param>
/// <param name="District">6-digit district code the candidates belong to.</param>
/// <param name="Total">Enterprises matching the filters (before <paramref name="Limit"/>).</param>
/// <param name="Limit">Most candidates returned.</param>
/// <param name="Items">Up to <paramref name="Limit"/> candidates in rank order.</param>
/// <param name="CoordinateSystem">wgs84 (default), or gcj02/bd09/cgcs2000 when the request asked for it.</param>
/// <param name="ScoreFormula">The score's formula in words, in the request's language (see <see cref="RiskScore"/>).</param>
public sealed record RouteCandidateList(DateOnly AsOf, string District, int Total, int Limit, IReadOnlyList<RouteCandidate> Items,
    string CoordinateSystem, string ScoreFormula);

/// <summary>One enterprise worth a visit, with what its score is made of.</summary>
/// <param name="Rank">1-based position by score (ties by ascending id).</param>
/// <param name="EnterpriseId">Enterprise id, the stop id of a plan request.</param>
/// <param name="Name">Name.</param>
/// <param name="CreditCode">Unified social credit code.</param>
/// <param name="Sector">Sector code.</param>
/// <param name="AboveScale">规模以上.</param>
/// <param name="Address">Address.</param>
/// <param name="Township">Township code; null when the point lies in none.</param>
/// <param name="TownshipName">Township name.</param>
/// <param name="Longitude">Longitude in degrees, in <see cref="RouteCandidateList.CoordinateSystem"/>.</param>
/// <param name="Latitude">Latitude in degrees, in <see cref="RouteCandidateList.CoordinateSystem"/>.</param>
/// <param name="OpenMajor">Open major hazards on the day.</param>
/// <param name="OverdueMajor">Of them, past their deadline in force.</param>
/// <param name="SupervisedMajor">Of them, under supervision (挂牌督办).</param>
/// <param name="OpenGeneral">Open general hazards on the day.</param>
/// <param name="OverdueGeneral">Of them, past their deadline in force.</param>
/// <param name="LastInspectedOn">Latest inspection on or before the day; null when never inspected.</param>
/// <param name="DaysSinceInspection">Days from <paramref name="LastInspectedOn"/> to the day; null when never inspected.</param>
/// <param name="Score">Risk score in points (<see cref="RiskScore.Compute"/>).</param>
/// <param name="Priority">Solver priority 1 … 100 derived from the score (<see cref="RoutingQueries.Priority"/>).</param>
/// <param name="SuggestMandatory">True when an overdue major hazard makes the visit one not to drop.</param>
/// <param name="Flags"><see cref="StopFlags"/> that apply.</param>
public sealed record RouteCandidate(int Rank, long EnterpriseId, string Name, string CreditCode, string Sector, bool AboveScale, string? Address,
    string? Township, string? TownshipName, double Longitude, double Latitude, int OpenMajor, int OverdueMajor, int SupervisedMajor,
    int OpenGeneral, int OverdueGeneral, DateOnly? LastInspectedOn, int? DaysSinceInspection, double Score, int Priority, bool SuggestMandatory,
    IReadOnlyList<string> Flags);

// The request records' attributes target their properties: validation reads them there as on the constructor, and the
// OpenAPI generator only there (required, minimum/maximum in the schemas).

/// <summary>
/// A plan request (<c>POST /api/v1/routes/plan</c>). <see cref="Start"/> and <see cref="Stops"/> are required; every other
/// member has its default here. Rules over several members: at most <see cref="Ranges.Stops"/> stops, no null stop, and
/// with <see cref="KeepOrder"/> every stop names its team (<see cref="Validate"/>).
/// </summary>
/// <param name="Start">Where every team leaves from; required.</param>
/// <param name="Stops">Enterprises to visit, by id (an empty list gives an empty plan), <see cref="Ranges.Stops"/>; required.</param>
/// <param name="End">Where every team finishes; null (default) for open routes ending at each team's last visit.</param>
/// <param name="Teams">
/// Number of teams (<see cref="Ranges.Teams"/>); default 1. Teams share the work: the starting routes split the stops evenly by bearing from
/// the start, and the search weighs the longest team's day (a global span cost on working time) against the total metres.
/// </param>
/// <param name="WorkingTimeSeconds">Longest day per team in seconds, travel plus visits (<see cref="Ranges.WorkingTimeSeconds"/>); null (default) for no limit.</param>
/// <param name="ServiceTimeSeconds">Seconds spent at each visit (<see cref="Ranges.ServiceTimeSeconds"/>); default 0.</param>
/// <param name="SpeedKmh">Travel speed in km/h (<see cref="Ranges.SpeedKmh"/>); default 30.</param>
/// <param name="TimeLimitSeconds">How long planning may take in seconds (distances, construction and search; <see cref="Ranges.SolverTimeLimitSeconds"/>); default 2.</param>
/// <param name="KeepOrder">
/// True to keep the order given instead of optimising: every stop names its <see cref="PlanStopRequest.Team"/> and each
/// team visits its stops in list order (after a planner moved or removed stops by hand). Default false.
/// </param>
/// <param name="AsOf">Day hazards are counted on (priorities, the visit sheet), yyyy-MM-dd (<see cref="Ranges.Day"/>); default today.</param>
/// <param name="District">6-digit district whose outline flags stops outside it; may be omitted when the database holds one.</param>
/// <param name="Crs">Coordinate system of <paramref name="Start"/>/<paramref name="End"/> and of the answer's coordinates: wgs84 (default), cgcs2000, gcj02 or bd09.</param>
/// <param name="StartTime">When the teams leave, China Standard Time, "HH:mm:ss"; default 08:30:00. Arrivals are reported as clock times from it.</param>
/// <param name="LunchStart">Start of the lunch break, "HH:mm:ss"; default 12:00:00. A visit that would run into the break begins after it.</param>
/// <param name="LunchEnd">End of the lunch break, "HH:mm:ss"; default 13:30:00; equal to <paramref name="LunchStart"/> for no break.</param>
public sealed record PlanRouteRequest(
    [property: Required] PlanPoint? Start,
    [property: Required] IReadOnlyList<PlanStopRequest?>? Stops,
    PlanPoint? End = null,
    [property: InRange(nameof(Ranges.Teams))] int Teams = 1,
    [property: InRange(nameof(Ranges.WorkingTimeSeconds))] int? WorkingTimeSeconds = null,
    [property: InRange(nameof(Ranges.ServiceTimeSeconds))] int ServiceTimeSeconds = 0,
    [property: InRange(nameof(Ranges.SpeedKmh))] double SpeedKmh = RoutePlanRequest.DefaultSpeedKmh,
    [property: InRange(nameof(Ranges.SolverTimeLimitSeconds))] double TimeLimitSeconds = RoutePlanRequest.DefaultSolverTimeLimitSeconds,
    bool KeepOrder = false,
    [property: InRange(nameof(Ranges.Day))] DateOnly? AsOf = null,
    [property: DigitCode(6)] string? District = null,
    [property: KnownCrs] string? Crs = null,
    TimeOnly? StartTime = null,
    TimeOnly? LunchStart = null,
    TimeOnly? LunchEnd = null) : IValidatableObject
{
    /// <summary>The working day of the clock times: <see cref="StartTime"/> and the lunch break (defaults of <see cref="WorkingDay"/>), no end (the working time limits the day).</summary>
    public WorkingDay Hours => new(StartTime ?? WorkingDay.DefaultStart, TimeOnly.MaxValue, LunchStart ?? WorkingDay.DefaultLunchStart, LunchEnd ?? WorkingDay.DefaultLunchEnd);

    /// <summary>
    /// The rules over several members, each naming its field: <c>stops</c> when there are more than
    /// <see cref="Ranges.Stops"/> (<see cref="RoutingProblemCodes.TooManyStops"/>), <c>stops[i]</c> for a null stop
    /// (<see cref="ProblemCodes.Required"/>), and with <see cref="KeepOrder"/> <c>stops[i].team</c> for a stop without a
    /// team in 1 … <see cref="Teams"/> (<see cref="RoutingProblemCodes.StopTeamRequired"/>).
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var stops = Stops ?? [];
        if (!Ranges.Stops.Contains(stops.Count))
        {
            yield return new CodedValidationResult(RoutingProblemCodes.TooManyStops, [nameof(Stops)], stops.Count, Ranges.Stops.Max);
            yield break;
        }
        if (Hours.LunchEnd < Hours.LunchStart)
            yield return new CodedValidationResult(RoutingProblemCodes.LunchReversed, [nameof(LunchEnd)], Hours.LunchStart.ToString("HH:mm", CultureInfo.InvariantCulture));
        for (var i = 0; i < stops.Count; i++)
        {
            if (stops[i] is not { } stop) yield return new CodedValidationResult(ProblemCodes.Required, [$"stops[{i}]"]);
            else if (KeepOrder && (stop.Team is not { } team || team < 1 || team > Teams))
                yield return new CodedValidationResult(RoutingProblemCodes.StopTeamRequired, [$"stops[{i}].team"], Teams);
        }
    }
}

/// <summary>A point given by the caller, in the request's coordinate system.</summary>
/// <param name="Longitude">Degrees (<see cref="Ranges.Longitude"/>); required.</param>
/// <param name="Latitude">Degrees (<see cref="Ranges.Latitude"/>); required.</param>
public sealed record PlanPoint(
    [property: Required, InRange(nameof(Ranges.Longitude))] double? Longitude,
    [property: Required, InRange(nameof(Ranges.Latitude))] double? Latitude);

/// <summary>One stop of a plan request.</summary>
/// <param name="EnterpriseId">
/// Enterprise to visit (required); its location comes from the database. Repeated ids are visited once; an id no enterprise
/// of the caller's townships has is a 400 naming this field.
/// </param>
/// <param name="Mandatory">True when the visit must not be dropped (e.g. an overdue major hazard); default false.</param>
/// <param name="Priority">For optional stops (<see cref="Ranges.Priority"/>), higher kept first; default the enterprise's <see cref="RouteCandidate.Priority"/>.</param>
/// <param name="Team">With <see cref="PlanRouteRequest.KeepOrder"/>, the team (1 … teams) that visits it; ignored otherwise.</param>
public sealed record PlanStopRequest(
    [property: Required] long? EnterpriseId,
    bool Mandatory = false,
    [property: InRange(nameof(Ranges.Priority))] int? Priority = null,
    int? Team = null);

/// <summary>
/// A plan: each team's ordered visits with leg and total distances and estimated times, the stops left out and why.
/// Stored for <see cref="RoutePlanStore.Lifetime"/> under <paramref name="Id"/> for the export links.
/// </summary>
/// <param name="Id">Plan id (32 hex digits), for <c>GET /api/v1/routes/plans/{id}</c> and the exports.</param>
/// <param name="CreatedAt">When it was planned.</param>
/// <param name="ExpiresAt">When the stored plan and its export links expire.</param>
/// <param name="Mode"><c>Optimised</c> (OR-Tools chose the order) or <c>KeptOrder</c> (the caller's order, only measured).</param>
/// <param name="Status">
/// Optimal, Feasible, TimeLimitReached (the solver used its whole time limit), Heuristic (OR-Tools found nothing within the
/// time limit, so the routes are the planner's own complete construction; see <paramref name="Note"/>) or Infeasible
/// (mandatory stops do not fit; see <paramref name="InfeasibleMandatoryEnterpriseIds"/>).
/// </param>
/// <param name="DistanceKind"><c>StraightLine</c> (geodesic on the WGS-84 ellipsoid) or <c>Road</c> (a road network).</param>
/// <param name="DistanceNote">What <paramref name="DistanceKind"/> means for the figures, in words in the request's language.</param>
/// <param name="AsOf">Day hazards are counted on.</param>
/// <param name="District">District whose outline flags stops.</param>
/// <param name="CoordinateSystem">Coordinate system of every longitude/latitude in this answer.</param>
/// <param name="Start">Start point.</param>
/// <param name="End">End point; null for open routes.</param>
/// <param name="Settings">The settings the plan was made with.</param>
/// <param name="Teams">One route per team, 1 … n.</param>
/// <param name="Dropped">Stops no team visits, with the reason.</param>
/// <param name="MergedEnterpriseIds">Ids that appeared more than once in the request and are visited once.</param>
/// <param name="InfeasibleMandatoryEnterpriseIds">Mandatory stops that could not be visited within the working time.</param>
/// <param name="TotalDistanceMetres">Sum of the teams' totals, metres.</param>
/// <param name="SolveSeconds">Seconds the solver ran (0 for <c>KeptOrder</c> and empty plans).</param>
/// <param name="Note">
/// How the routes were found when it is not the plain search (e.g. why the status is Heuristic), in words in the request's
/// language; null otherwise.
/// </param>
/// <param name="NoteCode">
/// The stable code of <paramref name="Note"/> for scripts: <c>routes.note.heuristic</c> (OR-Tools found no solution within
/// the time limit; the routes are the planner's own construction); null when there is no note.
/// </param>
/// <param name="Hours">The working day the clock times follow (start, end, lunch break; China Standard Time).</param>
/// <param name="StartName">The start's name when it is a depot (a township government, the department's office); null for a clicked point.</param>
/// <param name="EndName">The end's name when it is a depot; null otherwise.</param>
/// <param name="RoadSpeeds">
/// On a road network (<paramref name="DistanceKind"/> <c>Road</c>), the speeds the travel times were driven at: each edge at its
/// own speed (the road file's speed column), else at its road class's speed (the district's setting), and the walk between a
/// point and its road at the walking speed; <c>settings.speedKmh</c> is then not used. Null on straight lines (times are the
/// metres at <c>settings.speedKmh</c>).
/// </param>
public sealed record PlannedRoutes(string Id, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string Mode, string Status, string DistanceKind,
    string DistanceNote, DateOnly AsOf, string District, string CoordinateSystem, PlannedPoint Start, PlannedPoint? End, PlanSettings Settings,
    IReadOnlyList<PlannedTeam> Teams, IReadOnlyList<PlannedDrop> Dropped, IReadOnlyList<long> MergedEnterpriseIds,
    IReadOnlyList<long> InfeasibleMandatoryEnterpriseIds, double TotalDistanceMetres, double SolveSeconds, string? Note, string? NoteCode,
    PlanHours? Hours = null, string? StartName = null, string? EndName = null, RoadSpeeds? RoadSpeeds = null);

/// <summary>The working day of a plan, China Standard Time.</summary>
/// <param name="StartTime">When the teams leave the start.</param>
/// <param name="EndTime">When the last visit must be over (schedules; single-day plans limit the day by workingTimeSeconds instead).</param>
/// <param name="LunchStart">Start of the lunch break (no visit runs into it).</param>
/// <param name="LunchEnd">End of the lunch break.</param>
public sealed record PlanHours(TimeOnly StartTime, TimeOnly EndTime, TimeOnly LunchStart, TimeOnly LunchEnd)
{
    /// <summary>The same hours as a <see cref="WorkingDay"/>.</summary>
    public WorkingDay ToWorkingDay() => new(StartTime, EndTime, LunchStart, LunchEnd);

    /// <summary><paramref name="day"/>'s hours.</summary>
    public static PlanHours From(WorkingDay day) => new(day.Start, day.End, day.LunchStart, day.LunchEnd);
}

/// <summary>A point in an answer.</summary>
/// <param name="Longitude">Degrees.</param>
/// <param name="Latitude">Degrees.</param>
public sealed record PlannedPoint(double Longitude, double Latitude);

/// <summary>The settings a plan was made with (defaults filled in).</summary>
/// <param name="Teams">Number of teams.</param>
/// <param name="WorkingTimeSeconds">Longest day per team, seconds; null for no limit.</param>
/// <param name="ServiceTimeSeconds">Seconds per visit.</param>
/// <param name="SpeedKmh">Travel speed, km/h.</param>
/// <param name="TimeLimitSeconds">Solver time limit, seconds.</param>
public sealed record PlanSettings(int Teams, int? WorkingTimeSeconds, int ServiceTimeSeconds, double SpeedKmh, double TimeLimitSeconds);

/// <summary>One team's route.</summary>
/// <param name="Team">Team number, 1-based.</param>
/// <param name="Visits">Visits in order.</param>
/// <param name="Finish">The leg to the end point; null for open routes and for teams without visits.</param>
/// <param name="TotalDistanceMetres">Sum of the legs, including <paramref name="Finish"/>, metres.</param>
/// <param name="TotalTimeSeconds">Seconds from leaving the start to the end of the last visit (or arriving at the end point).</param>
/// <param name="ExceedsWorkingTime">True when <paramref name="TotalTimeSeconds"/> is over the working time (possible only for KeptOrder plans).</param>
/// <param name="Exports">Links to this team's GPX, CSV and printable visit sheet.</param>
public sealed record PlannedTeam(int Team, IReadOnlyList<PlannedVisitStop> Visits, PlannedFinish? Finish, double TotalDistanceMetres,
    double TotalTimeSeconds, bool ExceedsWorkingTime, TeamExports Exports);

/// <summary>One visit.</summary>
/// <param name="Sequence">Position in the team's route, 1-based.</param>
/// <param name="EnterpriseId">Enterprise id.</param>
/// <param name="Name">Enterprise name.</param>
/// <param name="CreditCode">Unified social credit code.</param>
/// <param name="Sector">Sector code.</param>
/// <param name="Address">Address.</param>
/// <param name="Township">Township code; null when the point lies in none.</param>
/// <param name="TownshipName">Township name.</param>
/// <param name="Longitude">Degrees, in the plan's coordinate system.</param>
/// <param name="Latitude">Degrees, in the plan's coordinate system.</param>
/// <param name="Mandatory">Whether the visit was mandatory.</param>
/// <param name="OpenMajor">Open major hazards on the plan's day.</param>
/// <param name="OpenGeneral">Open general hazards on the plan's day.</param>
/// <param name="Overdue">Of those, past their deadline.</param>
/// <param name="Score">Risk score in points.</param>
/// <param name="LegDistanceMetres">Metres from the previous point (the start for the first visit).</param>
/// <param name="CumulativeDistanceMetres">Metres from the start to here.</param>
/// <param name="ArrivalSeconds">Estimated arrival, seconds after leaving the start.</param>
/// <param name="DepartureSeconds">Arrival plus the service time, seconds after leaving the start.</param>
/// <param name="Flags"><see cref="StopFlags"/> that apply.</param>
/// <param name="ArrivalTime">When the visit begins, China Standard Time (+08:00) on the plan's day: the team leaves at the plan's start time, waits for the opening time and does not begin a visit that would run into the lunch break.</param>
/// <param name="DepartureTime">When the visit ends (<paramref name="ArrivalTime"/> plus the service time), China Standard Time.</param>
public sealed record PlannedVisitStop(int Sequence, long EnterpriseId, string Name, string CreditCode, string Sector, string? Address, string? Township,
    string? TownshipName, double Longitude, double Latitude, bool Mandatory, int OpenMajor, int OpenGeneral, int Overdue, double Score,
    double LegDistanceMetres, double CumulativeDistanceMetres, double ArrivalSeconds, double DepartureSeconds, IReadOnlyList<string> Flags,
    DateTimeOffset? ArrivalTime = null, DateTimeOffset? DepartureTime = null)
{
    /// <summary>The leg from the previous point as a GeoJSON LineString along the roads (Road plans); null for straight-line plans.</summary>
    public PlannedPath? LegPath { get; init; }
}

/// <summary>The leg from the last visit to the end point.</summary>
/// <param name="LegDistanceMetres">Metres from the last visit.</param>
/// <param name="CumulativeDistanceMetres">Metres of the whole route.</param>
/// <param name="ArrivalSeconds">Arrival at the end point, seconds after leaving the start.</param>
/// <param name="ArrivalTime">Arrival at the end point, China Standard Time (+08:00).</param>
public sealed record PlannedFinish(double LegDistanceMetres, double CumulativeDistanceMetres, double ArrivalSeconds, DateTimeOffset? ArrivalTime = null)
{
    /// <summary>The leg to the end point as a GeoJSON LineString along the roads (Road plans); null for straight-line plans.</summary>
    public PlannedPath? LegPath { get; init; }
}

/// <summary>
/// A leg along the roads as a GeoJSON LineString (RFC 7946): the previous point, its nearest road point, the road, the next
/// stop's road point and the stop, in the plan's coordinate system.
/// </summary>
/// <param name="Type">Always <c>LineString</c>.</param>
/// <param name="Coordinates">[longitude, latitude] pairs in degrees, at least two.</param>
public sealed record PlannedPath(string Type, IReadOnlyList<IReadOnlyList<double>> Coordinates)
{
    /// <summary>A LineString through <paramref name="points"/> ([longitude, latitude] each).</summary>
    public static PlannedPath Of(IEnumerable<(double Longitude, double Latitude)> points)
        => new("LineString", [.. points.Select(p => (IReadOnlyList<double>)[p.Longitude, p.Latitude])]);
}

/// <summary>A stop no team visits.</summary>
/// <param name="EnterpriseId">Enterprise id.</param>
/// <param name="Name">Enterprise name.</param>
/// <param name="Mandatory">Whether it was mandatory (the plan is then Infeasible).</param>
/// <param name="Reason">UnreachableWithinWorkingTime, DoesNotFitInWorkingTime or NotPlacedBySolver (see <see cref="DropReason"/>).</param>
/// <param name="Explanation"><paramref name="Reason"/> in words, in the request's language.</param>
/// <param name="Flags"><see cref="StopFlags"/> that apply.</param>
public sealed record PlannedDrop(long EnterpriseId, string Name, bool Mandatory, string Reason, string Explanation, IReadOnlyList<string> Flags);

/// <summary>Relative links to one team's exports (they work while the plan is stored).</summary>
/// <param name="Gpx">GPX 1.1: numbered waypoints and a route, WGS-84.</param>
/// <param name="Csv">CSV with Chinese headers, UTF-8 with BOM (opens in Excel).</param>
/// <param name="Sheet">Printable A4 visit sheet (HTML).</param>
public sealed record TeamExports(string Gpx, string Csv, string Sheet);
