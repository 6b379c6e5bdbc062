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
    /// <summary>Solver time limit when none is given: 2 seconds.</summary>
    public static readonly TimeSpan DefaultSolverTimeLimit = TimeSpan.FromSeconds(2);

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

    /// <summary>Time spent at each visit in seconds (<see cref="Ranges.ServiceTimeSeconds"/>); default 0.</summary>
    public int ServiceTimeSeconds { get; init; }

    /// <summary>Travel speed in km/h used to turn metres into travel time (<see cref="Ranges.SpeedKmh"/>); default 30.</summary>
    public double SpeedKmh { get; init; } = 30;

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
    /// <c>stops[3].id</c>, <c>stops[3].priority</c>); empty when the request is valid.
    /// </summary>
    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var v = new RequestValidator();
        CheckPoint("start", Start);
        if (End is { } end) CheckPoint("end", end);
        if (Stops is null) v.AddError("stops", "Stops are required (an empty list is allowed).");
        else if (!Ranges.Stops.Contains(Stops.Count)) v.AddError("stops", $"{Stops.Count} stops were given; a plan takes {Ranges.Stops}.");
        else
        {
            for (var i = 0; i < Stops.Count; i++)
            {
                var stop = Stops[i];
                if (stop is null) { v.AddError($"stops[{i}]", "The stop is missing."); continue; }
                if (string.IsNullOrWhiteSpace(stop.Id)) v.AddError($"stops[{i}].id", "The stop id is required.");
                CheckPoint($"stops[{i}]", new LonLat(stop.Longitude, stop.Latitude));
                v.InRange($"stops[{i}].priority", stop.Priority, Ranges.Priority);
            }
        }
        v.InRange("teams", Teams, Ranges.Teams);
        v.InRange("speedKmh", SpeedKmh, Ranges.SpeedKmh);
        v.InRange("serviceTimeSeconds", ServiceTimeSeconds, Ranges.ServiceTimeSeconds);
        v.InRange("workingTimeSeconds", WorkingTimeSeconds, Ranges.WorkingTimeSeconds);
        v.InRange("solverTimeLimit", EffectiveSolverTimeLimit.TotalSeconds, Ranges.SolverTimeLimitSeconds);
        return new Dictionary<string, string[]>(v.Errors, StringComparer.Ordinal);

        void CheckPoint(string field, LonLat point)
        {
            v.InRange($"{field}.longitude", point.Longitude, Ranges.Longitude);
            v.InRange($"{field}.latitude", point.Latitude, Ranges.Latitude);
        }
    }
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
public sealed record RouteStop(string Id, double Longitude, double Latitude, bool Mandatory = false, int Priority = 1)
{
    /// <summary>The stop's position.</summary>
    public LonLat Location => new(Longitude, Latitude);
}

/// <summary>
/// A <see cref="RoutePlanRequest"/> failed <see cref="RoutePlanRequest.Validate"/>. <see cref="ArgumentException.ParamName"/>
/// is the first offending field; <see cref="Errors"/> holds them all, shaped for <c>TypedResults.ValidationProblem</c>.
/// </summary>
public sealed class RoutePlanValidationException : ArgumentException
{
    /// <summary>Creates the exception from the problems found; <paramref name="errors"/> must not be empty.</summary>
    public RoutePlanValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base(Describe(errors), errors.Keys.First())
    {
        Errors = errors;
    }

    /// <summary>Problems by field path, e.g. <c>stops[3].longitude</c> → its message.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    private static string Describe(IReadOnlyDictionary<string, string[]> errors) =>
        "Invalid route plan request: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
}
