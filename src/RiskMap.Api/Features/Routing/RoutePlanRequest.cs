using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.Routing;

/// <summary>
/// What an inspection planner asks for: visit <see cref="Stops"/> with <see cref="Teams"/> teams that all
/// leave from <see cref="Start"/>. Validate with <see cref="Validate"/>; the field names it reports are the
/// camel-case property paths (<c>stops[3].longitude</c>), ready for an RFC 7807 validation problem.
/// </summary>
/// <remarks>
/// Route ends: without <see cref="End"/> routes are open — a team's day ends at its last visit, because
/// inspection teams usually go home or back to the office from there and the planner does not know where.
/// With <see cref="End"/> every team finishes there (set it to <see cref="Start"/> for closed tours).
/// </remarks>
public sealed record RoutePlanRequest
{
    /// <summary>Solver time limit when none is given, in seconds: 2.</summary>
    public const double DefaultSolverTimeLimitSeconds = 2;

    /// <summary>Travel speed when none is given, in km/h: 30.</summary>
    public const double DefaultSpeedKmh = 30;

    /// <summary>Solver time limit when none is given: <see cref="DefaultSolverTimeLimitSeconds"/>.</summary>
    public static readonly TimeSpan DefaultSolverTimeLimit = TimeSpan.FromSeconds(DefaultSolverTimeLimitSeconds);

    /// <summary>Longest solver time limit a caller may ask for (<see cref="Ranges.SolverTimeLimitSeconds"/>).</summary>
    public static readonly TimeSpan MaxSolverTimeLimit = TimeSpan.FromSeconds(Ranges.SolverTimeLimitSeconds.Max);

    /// <summary>Where every team leaves from (WGS-84).</summary>
    public required LonLat Start { get; init; }

    /// <summary>Where every team must finish (WGS-84); null for open routes ending at each team's last visit.</summary>
    public LonLat? End { get; init; }

    /// <summary>Places to visit. Entries sharing an <see cref="RouteStop.Id"/> are merged into one visit.</summary>
    public required IReadOnlyList<RouteStop> Stops { get; init; }

    /// <summary>
    /// Number of inspection teams (<see cref="Ranges.Teams"/>); default 1. With several teams the plan shares the work:
    /// the starting routes split the stops evenly by bearing from <see cref="Start"/>, and the search pays for the
    /// longest team's day (a global span cost on working time, 1 s weighing about as much as the metres travelled in
    /// it) as well as for the total metres, so it does not pile the visits onto one team to save distance.
    /// </summary>
    public int Teams { get; init; } = 1;

    /// <summary>
    /// Longest working time per team in seconds (travel plus visits, from leaving <see cref="Start"/> to the last
    /// visit's end, or to arriving at <see cref="End"/>; <see cref="Ranges.WorkingTimeSeconds"/>); null for no limit. Optional
    /// stops that do not fit are dropped.
    /// </summary>
    public int? WorkingTimeSeconds { get; init; }

    /// <summary>
    /// The day's clock (start time and lunch break, China Standard Time) for the stops' opening hours
    /// (<see cref="RouteStop.Hours"/>); null when the plan has no clock. When it is set and a stop has opening hours, the plan keeps
    /// each visit inside its hours and out of the lunch break the way a schedule does (<see cref="RouteScheduler"/>): teams may
    /// wait, the day ends <see cref="WorkingTimeSeconds"/> after the start (else at midnight), and a stop whose hours leave no
    /// time for its visit even alone is dropped with <see cref="DropReason.OutsideOpeningHours"/>. <see cref="WorkingDay.End"/>
    /// is not used.
    /// </summary>
    public WorkingDay? Day { get; init; }

    /// <summary>Time spent at each visit in seconds (<see cref="Ranges.ServiceTimeSeconds"/>); default 0.</summary>
    public int ServiceTimeSeconds { get; init; }

    /// <summary>Travel speed in km/h used to turn metres into travel time (<see cref="Ranges.SpeedKmh"/>); default 30.</summary>
    public double SpeedKmh { get; init; } = DefaultSpeedKmh;

    /// <summary>
    /// How long the whole plan may take, in seconds of wall-clock time (distance matrix, construction and search);
    /// null for <see cref="DefaultSolverTimeLimit"/>; within <see cref="Ranges.SolverTimeLimitSeconds"/>. When it is too short
    /// for OR-Tools the plan is the planner's own construction (<see cref="SolveStatus.Heuristic"/>).
    /// </summary>
    public TimeSpan? SolverTimeLimit { get; init; }

    /// <summary>The time limit that applies: <see cref="SolverTimeLimit"/> or <see cref="DefaultSolverTimeLimit"/>.</summary>
    public TimeSpan EffectiveSolverTimeLimit => SolverTimeLimit ?? DefaultSolverTimeLimit;

    /// <summary>
    /// Checks every field and returns the problems by field path (<c>start.latitude</c>, <c>stops[3].longitude</c>,
    /// <c>teams</c>, <c>speedKmh</c>, <c>serviceTimeSeconds</c>, <c>workingTimeSeconds</c>, <c>solverTimeLimit</c>,
    /// <c>stops[3].id</c>, <c>stops[3].priority</c>), each as coded errors (<see cref="ProblemCodes.Range"/>,
    /// <see cref="ProblemCodes.Required"/>, <see cref="RoutingProblemCodes.TooManyStops"/>); empty when the request is valid.
    /// </summary>
    public IReadOnlyDictionary<string, FieldError[]> Validate()
    {
        var errors = new List<FieldError>();
        CheckPoint("start", Start);
        if (End is { } end) CheckPoint("end", end);
        if (Stops is null) errors.Add(new FieldError("stops", ProblemCodes.Required));
        else if (!Ranges.Stops.Contains(Stops.Count)) errors.Add(new FieldError("stops", RoutingProblemCodes.TooManyStops, Stops.Count, Ranges.Stops.Max));
        else
        {
            for (var i = 0; i < Stops.Count; i++)
            {
                var stop = Stops[i];
                if (stop is null) { errors.Add(new FieldError($"stops[{i}]", ProblemCodes.Required)); continue; }
                if (string.IsNullOrWhiteSpace(stop.Id)) errors.Add(new FieldError($"stops[{i}].id", ProblemCodes.Required));
                CheckPoint($"stops[{i}]", new LonLat(stop.Longitude, stop.Latitude));
                Check($"stops[{i}].priority", stop.Priority, PriorityRange);
            }
        }
        Check("teams", Teams, TeamsRange);
        Check("speedKmh", SpeedKmh, SpeedRange);
        Check("serviceTimeSeconds", ServiceTimeSeconds, ServiceTimeRange);
        Check("workingTimeSeconds", WorkingTimeSeconds, WorkingTimeRange);
        Check("solverTimeLimit", EffectiveSolverTimeLimit.TotalSeconds, TimeLimitRange);
        return errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

        void CheckPoint(string field, LonLat point)
        {
            Check($"{field}.longitude", point.Longitude, LongitudeRange);
            Check($"{field}.latitude", point.Latitude, LatitudeRange);
        }

        void Check(string field, object? value, InRangeAttribute range)
        {
            if (!range.IsValid(value)) errors.Add(RequestValidation.Error(field, range, value));
        }
    }

    // The API's range checks, so that the planner and the API refuse the same values with the same codes.
    private static readonly InRangeAttribute LongitudeRange = new(nameof(Ranges.Longitude));
    private static readonly InRangeAttribute LatitudeRange = new(nameof(Ranges.Latitude));
    private static readonly InRangeAttribute PriorityRange = new(nameof(Ranges.Priority));
    private static readonly InRangeAttribute TeamsRange = new(nameof(Ranges.Teams));
    private static readonly InRangeAttribute SpeedRange = new(nameof(Ranges.SpeedKmh));
    private static readonly InRangeAttribute ServiceTimeRange = new(nameof(Ranges.ServiceTimeSeconds));
    private static readonly InRangeAttribute WorkingTimeRange = new(nameof(Ranges.WorkingTimeSeconds));
    private static readonly InRangeAttribute TimeLimitRange = new(nameof(Ranges.SolverTimeLimitSeconds));
}

/// <summary>A place to visit, usually an enterprise.</summary>
/// <param name="Id">Caller's identifier (e.g. the enterprise id); entries with the same id are visited once.</param>
/// <param name="Longitude">WGS-84 longitude in degrees (<see cref="Ranges.Longitude"/>).</param>
/// <param name="Latitude">WGS-84 latitude in degrees (<see cref="Ranges.Latitude"/>).</param>
/// <param name="Mandatory">True when the stop must be visited; the plan is infeasible if it cannot be.</param>
/// <param name="Priority">
/// For optional stops, how much dropping it costs relative to other optional stops, in <see cref="Ranges.Priority"/>
/// (e.g. a rounded <see cref="RiskScore"/> band); when not all fit, the plan keeps the higher total priority. Ignored
/// for mandatory stops.
/// </param>
/// <param name="Hours">
/// Opening hours (营业时间): with <see cref="RoutePlanRequest.Day"/> set, the visit begins no earlier than the opening and ends by
/// the closing; null when it receives inspectors whenever the team works.
/// </param>
public sealed record RouteStop(string Id, double Longitude, double Latitude, bool Mandatory = false, int Priority = 1, OpeningHours? Hours = null)
{
    /// <summary>The stop's position.</summary>
    public LonLat Location => new(Longitude, Latitude);
}

/// <summary>
/// A <see cref="RoutePlanRequest"/> failed <see cref="RoutePlanRequest.Validate"/>. <see cref="ArgumentException.ParamName"/>
/// is the first offending field; <see cref="Errors"/> holds them all as coded errors (<see cref="Problems.Invalid(IEnumerable{FieldError})"/>
/// answers them).
/// </summary>
public sealed class RoutePlanValidationException : ArgumentException
{
    /// <summary>Creates the exception from the problems found; <paramref name="errors"/> must not be empty.</summary>
    public RoutePlanValidationException(IReadOnlyDictionary<string, FieldError[]> errors)
        : base(Describe(errors), errors.Keys.First())
    {
        Errors = errors;
    }

    /// <summary>Problems by field path, e.g. <c>stops[3].longitude</c> → its coded errors.</summary>
    public IReadOnlyDictionary<string, FieldError[]> Errors { get; }

    // A message for logs and developers (codes and arguments); callers of the API get the localised texts of the codes.
    private static string Describe(IReadOnlyDictionary<string, FieldError[]> errors) =>
        "Invalid route plan request: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value.Select(m => $"{m.Code}({string.Join(", ", m.Args)})"))}"));
}
