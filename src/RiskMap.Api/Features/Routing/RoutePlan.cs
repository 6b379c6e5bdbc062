namespace RiskMap.Api.Features.Routing;

/// <summary>How a solve ended.</summary>
public enum SolveStatus
{
    /// <summary>The plan is proven optimal (trivial plans, or OR-Tools proved it).</summary>
    Optimal,

    /// <summary>A plan that meets every constraint; the search stopped on its own before the time limit.</summary>
    Feasible,

    /// <summary>A plan that meets every constraint; the search was stopped by the time limit, so it may not be optimal.</summary>
    TimeLimitReached,

    /// <summary>
    /// Some mandatory stops cannot be visited within the working time (named in
    /// <see cref="RoutePlan.InfeasibleMandatoryStopIds"/>); the routes are the best plan without them. Also returned,
    /// with empty routes, when no plan exists at all (a requested end point farther than the working time allows).
    /// </summary>
    Infeasible,

    /// <summary>
    /// OR-Tools found no solution before the time limit (large plans with short limits: building the model and the
    /// first search steps outlast it), so the routes are the planner's own construction (<see cref="RoutePlan.Note"/>
    /// says so): stops split across the teams by a sweep around the start, each team's order by nearest neighbour
    /// and 2-opt. It visits every stop that fits, honours the working time and the mandatory stops, and is a usable
    /// plan, but it was not improved by the search; a longer time limit gives a shorter one.
    /// </summary>
    Heuristic,
}

/// <summary>Why a stop is not in any route.</summary>
public enum DropReason
{
    /// <summary>No team can travel there, visit and finish within the working time even visiting nothing else.</summary>
    UnreachableWithinWorkingTime,

    /// <summary>It could be visited alone, but not together with the stops kept (mandatory or of higher priority) within the working time.</summary>
    DoesNotFitInWorkingTime,

    /// <summary>The solver found no place for it within its time limit.</summary>
    NotPlacedBySolver,

    /// <summary>Road plans: no road passes within the snapping limit of the stop (Features/Roads).</summary>
    NoRoadNearby,

    /// <summary>Road plans: no road leads from the start to the stop and back (another part of the network).</summary>
    NotConnectedByRoad,

    /// <summary>Its opening hours and the working day leave no time for the visit on any day, even alone.</summary>
    OutsideOpeningHours,
}

/// <summary>The answer to a <see cref="RoutePlanRequest"/>.</summary>
/// <param name="Status">How the solve ended; <see cref="SolveStatus.Infeasible"/> names the mandatory stops that do not fit.</param>
/// <param name="DistanceKind">Where the distances came from (straight line or road).</param>
/// <param name="Teams">One route per team, team numbers 1 … n in order; unused teams have no visits.</param>
/// <param name="Dropped">Stops visited by no team, with the reason, in request order.</param>
/// <param name="MergedStopIds">Ids that appeared more than once in the request and were visited once (first entry's position).</param>
/// <param name="InfeasibleMandatoryStopIds">Mandatory stops that could not be visited; empty unless <paramref name="Status"/> is Infeasible.</param>
/// <param name="TotalDistanceMetres">Sum of the teams' <see cref="TeamRoute.TotalDistanceMetres"/>.</param>
/// <param name="SolveTime">Wall-clock time the solver used (excluding the distance matrix).</param>
/// <param name="TimeLimit">The time limit that applied to the whole plan: distance matrix, construction and search.</param>
public sealed record RoutePlan(
    SolveStatus Status,
    DistanceKind DistanceKind,
    IReadOnlyList<TeamRoute> Teams,
    IReadOnlyList<DroppedStop> Dropped,
    IReadOnlyList<string> MergedStopIds,
    IReadOnlyList<string> InfeasibleMandatoryStopIds,
    double TotalDistanceMetres,
    TimeSpan SolveTime,
    TimeSpan TimeLimit)
{
    /// <summary>
    /// How the routes were found when it is not the plain OR-Tools search (e.g. why the status is
    /// <see cref="SolveStatus.Heuristic"/>), as a code and its figures; null otherwise. The API words it.
    /// </summary>
    public PlanNote? Note { get; init; }
}

/// <summary>
/// Why a plan's routes are not the plain OR-Tools search's, as a stable code and the figures the words need (the API
/// layer writes them in the request's language, resource key = <paramref name="Code"/>).
/// </summary>
/// <param name="Code"><see cref="Heuristic"/>: OR-Tools found no solution within the time limit, the routes are the planner's own construction.</param>
/// <param name="TimeLimitSeconds">The plan's time limit, seconds.</param>
/// <param name="Stops">Stops planned (duplicates merged).</param>
/// <param name="Teams">Teams planned.</param>
/// <param name="MatrixSeconds">Seconds the distance matrix took.</param>
public sealed record PlanNote(string Code, double TimeLimitSeconds, int Stops, int Teams, double MatrixSeconds)
{
    /// <summary>The code of a <see cref="SolveStatus.Heuristic"/> plan's note.</summary>
    public const string Heuristic = "routes.note.heuristic";
}

/// <summary>One team's day.</summary>
/// <param name="Team">Team number, 1-based.</param>
/// <param name="Visits">Stops in visiting order.</param>
/// <param name="Finish">The last leg to the requested end point; null for open routes and for teams without visits (they stay put).</param>
/// <param name="TotalDistanceMetres">Sum of the legs' metres, including <paramref name="Finish"/>.</param>
/// <param name="TotalTimeSeconds">Seconds from leaving the start to the end of the last visit, or to arriving at the end point.</param>
public sealed record TeamRoute(int Team, IReadOnlyList<PlannedVisit> Visits, RouteFinish? Finish, double TotalDistanceMetres, double TotalTimeSeconds);

/// <summary>One visit in a team's route.</summary>
/// <param name="Sequence">Position in the route, 1-based.</param>
/// <param name="StopId">The stop's id.</param>
/// <param name="Longitude">WGS-84 longitude in degrees.</param>
/// <param name="Latitude">WGS-84 latitude in degrees.</param>
/// <param name="Mandatory">Whether the stop was mandatory.</param>
/// <param name="LegDistanceMetres">Metres from the previous point (the start for the first visit).</param>
/// <param name="CumulativeDistanceMetres">Metres from the start to here along the route.</param>
/// <param name="ArrivalSeconds">Estimated arrival, seconds after leaving the start (travel at the requested speed plus earlier visits).</param>
/// <param name="DepartureSeconds">Arrival plus the service time.</param>
public sealed record PlannedVisit(
    int Sequence,
    string StopId,
    double Longitude,
    double Latitude,
    bool Mandatory,
    double LegDistanceMetres,
    double CumulativeDistanceMetres,
    double ArrivalSeconds,
    double DepartureSeconds);

/// <summary>The leg from the last visit to the requested end point.</summary>
/// <param name="LegDistanceMetres">Metres from the last visit to the end point.</param>
/// <param name="CumulativeDistanceMetres">Metres of the whole route.</param>
/// <param name="ArrivalSeconds">Estimated arrival at the end point, seconds after leaving the start.</param>
public sealed record RouteFinish(double LegDistanceMetres, double CumulativeDistanceMetres, double ArrivalSeconds);

/// <summary>A stop no team visits.</summary>
/// <param name="StopId">The stop's id.</param>
/// <param name="Mandatory">Whether it was mandatory (then the plan's status is Infeasible).</param>
/// <param name="Reason">Why it was dropped (the API words it).</param>
public sealed record DroppedStop(string StopId, bool Mandatory, DropReason Reason);

/// <summary>A closed tour found by <see cref="RoutePlanner.SolveTour"/>.</summary>
/// <param name="Order">Node indices in visiting order, starting with 0; each node once; the return to 0 is implied.</param>
/// <param name="Length">Sum of the matrix entries along the closed tour, in the matrix's units.</param>
/// <param name="Status">How the solve ended.</param>
/// <param name="SolveTime">Wall-clock time the solver used.</param>
public sealed record TourSolution(IReadOnlyList<int> Order, long Length, SolveStatus Status, TimeSpan SolveTime);
