using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.Routing;

/// <summary>
/// The stable codes of the route planner's problems and field errors (texts in <c>Resources/Messages*.resx</c>, see
/// <see cref="ProblemCodes"/>). The 429 and 503 refusals come with <c>Retry-After</c>; their first argument is the
/// seconds to wait.
/// </summary>
[ProblemCodeList]
public static class RoutingProblemCodes
{
    /// <summary>503: no solver became free within the request's own time limit; args: seconds to wait, the time limit in seconds.</summary>
    [ProblemTitle]
    public const string PlannerBusy = "plan.planner-busy";
    /// <summary>429: the user already has as many plans being worked out as allowed; args: seconds to wait, that number.</summary>
    [ProblemTitle]
    public const string PlanRunning = "plan-running";
    /// <summary>429: the user started as many plans in the last minute as allowed; args: seconds to wait, that number.</summary>
    [ProblemTitle]
    public const string PlansPerMinute = "plans-per-minute";
    /// <summary>404: no plan is stored under the id (or the caller may not read it); args: id, hours plans are kept, parameter.</summary>
    [ProblemTitle]
    public const string PlanUnknown = "plan.unknown";
    /// <summary>404: the plan has no such team; args: team, number of teams, parameter.</summary>
    [ProblemTitle]
    public const string TeamUnknown = "plan.team-unknown";

    // Field-level codes (message only).

    /// <summary>A stop names an enterprise that does not exist or lies outside the caller's townships; args: id.</summary>
    public const string EnterpriseUnknown = "plan.enterprise-unknown";
    /// <summary>With keepOrder every stop names its team; args: number of teams.</summary>
    public const string StopTeamRequired = "plan.stop-team-required";
    /// <summary>Too many stops; args: number given, most allowed.</summary>
    public const string TooManyStops = "plan.too-many-stops";
    /// <summary>The lunch break ends before it starts; args: its start (HH:mm).</summary>
    public const string LunchReversed = "schedule.lunch-reversed";
    /// <summary>The working day ends before it starts or leaves no time outside lunch; args: its start (HH:mm).</summary>
    public const string DayReversed = "schedule.day-reversed";
    /// <summary>A schedule's date range is longer than allowed; args: days asked for, most allowed.</summary>
    public const string RangeTooLong = "schedule.range-too-long";
    /// <summary>A schedule's range ends before it starts; args: from (yyyy-MM-dd).</summary>
    public const string RangeReversed = "schedule.range-reversed";
    /// <summary>A cadence rule or sector filter names a sector the service does not know; args: the code.</summary>
    public const string SectorUnknown = "schedule.sector-unknown";
    /// <summary>Two cadence rules speak of the same class and sector; args: class, sector (or "*").</summary>
    public const string CadenceRuleRepeated = "schedule.cadence-rule-repeated";
    /// <summary>A depot named does not exist in the district; args: id.</summary>
    public const string DepotUnknown = "schedule.depot-unknown";
    /// <summary>A depot's location outside China (e.g. 0, 0: a missing position); args: longitude, latitude.</summary>
    public const string DepotOutsideChina = "schedule.depot-outside-china";
    /// <summary>A depot's location farther than the limit from the district's outline; args: longitude, latitude, district code, kilometres.</summary>
    public const string DepotOutsideDistrict = "schedule.depot-outside-district";
    /// <summary>The schedule's range holds no working day; args: from, to (yyyy-MM-dd).</summary>
    public const string NoWorkingDay = "schedule.no-working-day";
    /// <summary>409: the district already has a depot of that name; args: the name, parameter.</summary>
    [ProblemTitle]
    public const string DepotExists = "schedule.depot-exists";
    /// <summary>Neither a start point nor a start depot is given, or both are; no args.</summary>
    public const string StartRequired = "schedule.start-required";
}
