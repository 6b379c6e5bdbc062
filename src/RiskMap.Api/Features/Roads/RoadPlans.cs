using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using RiskMap.Api.Contract;
using RiskMap.Api.Features.Routing;

namespace RiskMap.Api.Features.Roads;

/// <summary>A plan request made ready for the road network.</summary>
/// <param name="Request">The request without the stops no road reaches, its time limit less the time the matrix took.</param>
/// <param name="Distances">The road matrix as a <see cref="DistanceMatrixSource"/> (<see cref="DistanceKind.Road"/>) for the planner.</param>
/// <param name="Unreachable">The stops left out, with the reason (<see cref="DropReason.NoRoadNearby"/> or <see cref="DropReason.NotConnectedByRoad"/>).</param>
/// <param name="Points">The points the matrix covers: start, the stops, the end (for the legs' paths).</param>
/// <param name="Speeds">The speeds the travel times were driven at (the answer's <c>roadSpeeds</c>).</param>
public sealed record RoadPlan(RoutePlanRequest Request, DistanceMatrixSource Distances, IReadOnlyList<DroppedStop> Unreachable, IReadOnlyList<LonLat> Points,
    RoadSpeeds Speeds);

/// <summary>
/// The route planner on a road network: chooses roads when the district has a network and straight lines otherwise,
/// leaves out the stops no road reaches (never a 0-metre leg), and adds each leg's road path to the answer.
/// </summary>
public static class RoadPlans
{
    /// <summary>
    /// Prepares <paramref name="request"/> for <paramref name="district"/>'s road network: null (and no problem) when the
    /// district has none, so the plan stays on straight lines. Otherwise a 400 for a plan without stops
    /// (<see cref="RoadsProblemCodes.NoStops"/>, field <c>stops</c>), with every stop at the start's place
    /// (<see cref="RoadsProblemCodes.StopsAtOnePlace"/>), a start off every road (<see cref="RoadsProblemCodes.StartOffRoad"/>,
    /// field <c>start</c>) or an end no road reaches from the start and back (<see cref="RoadsProblemCodes.EndUnreachable"/>,
    /// field <c>end</c>). A stop is kept when a road leads from the start to it and back; the others are returned as
    /// <see cref="RoadPlan.Unreachable"/>. Stops kept are therefore all connected with each other.
    /// </summary>
    public static async Task<(RoadPlan? Plan, ProblemHttpResult? Problem)> PrepareAsync(RoadNetworks networks, string district, RoutePlanRequest request,
        CancellationToken cancellationToken)
    {
        if (!await networks.HasNetworkAsync(district, cancellationToken)) return (null, null);
        if (request.Stops.Count == 0) return (null, Problems.Invalid("stops", RoadsProblemCodes.NoStops));
        if (request.Stops.All(s => s.Location == request.Start)) return (null, Problems.Invalid("stops", RoadsProblemCodes.StopsAtOnePlace, request.Stops.Count));

        var clock = Stopwatch.StartNew();
        var stops = request.Stops.DistinctBy(s => s.Id).ToList();
        List<LonLat> points = [request.Start, .. stops.Select(s => s.Location)];
        if (request.End is { } end) points.Add(end);
        var roads = await networks.MatrixAsync(district, points, cancellationToken);
        var m = roads.Metres;
        var t = roads.Seconds;
        if (!double.IsFinite(roads.SnapMetres[0])) return (null, Problems.Invalid("start", RoadsProblemCodes.StartOffRoad, RoadNetworks.MaxSnapMetres));
        bool Connected(int i) => double.IsFinite(m[0, i]) && double.IsFinite(m[i, 0]);
        if (request.End is not null && !Connected(points.Count - 1))
            return (null, Problems.Invalid("end", RoadsProblemCodes.EndUnreachable, RoadNetworks.MaxSnapMetres));

        var unreachable = new List<DroppedStop>();
        for (var k = 0; k < stops.Count; k++)
        {
            if (Connected(k + 1)) continue;
            var mandatory = request.Stops.Any(s => s.Id == stops[k].Id && s.Mandatory);
            unreachable.Add(new DroppedStop(stops[k].Id, mandatory,
                double.IsFinite(roads.SnapMetres[k + 1]) ? DropReason.NotConnectedByRoad : DropReason.NoRoadNearby));
        }
        var left = unreachable.Select(u => u.StopId).ToHashSet(StringComparer.Ordinal);
        var index = new Dictionary<LonLat, int>();
        for (var i = 0; i < points.Count; i++) index.TryAdd(points[i], i);

        Task<DistanceMatrix> Distances(IReadOnlyList<LonLat> wanted, CancellationToken _)
        {
            var metres = new double[wanted.Count, wanted.Count];
            var seconds = new double[wanted.Count, wanted.Count];
            for (var i = 0; i < wanted.Count; i++)
            {
                for (var j = 0; j < wanted.Count; j++)
                {
                    if (i == j) continue;
                    var (a, b) = (index[wanted[i]], index[wanted[j]]);
                    (metres[i, j], seconds[i, j]) = (m[a, b], t[a, b]);
                }
            }
            return Task.FromResult(new DistanceMatrix(DistanceKind.Road, metres, seconds));
        }

        // The limit bounds the whole plan: the solver gets what the road matrix left of it.
        var limit = request.EffectiveSolverTimeLimit - clock.Elapsed;
        var floor = TimeSpan.FromSeconds(Ranges.SolverTimeLimitSeconds.Min);
        var ready = request with
        {
            Stops = [.. request.Stops.Where(s => !left.Contains(s.Id))],
            SolverTimeLimit = limit > floor ? limit : floor,
        };
        return (new RoadPlan(ready, Distances, unreachable, points, roads.Speeds), null);
    }

    /// <summary>
    /// <paramref name="plan"/> with the stops <paramref name="road"/> left out added to its dropped stops (a mandatory one
    /// makes the plan Infeasible and is named among the infeasible mandatory stops).
    /// </summary>
    public static RoutePlan WithUnreachable(RoutePlan plan, RoadPlan road)
    {
        if (road.Unreachable.Count == 0) return plan;
        var mandatory = road.Unreachable.Where(u => u.Mandatory).Select(u => u.StopId).ToList();
        return plan with
        {
            Dropped = [.. plan.Dropped, .. road.Unreachable],
            InfeasibleMandatoryStopIds = [.. plan.InfeasibleMandatoryStopIds, .. mandatory],
            Status = mandatory.Count > 0 ? SolveStatus.Infeasible : plan.Status,
        };
    }

    /// <summary>
    /// <paramref name="answer"/> (WGS-84) with the speeds its times were driven at and every leg's road path
    /// (<see cref="RoadNetworks.PathsAsync"/>): each visit's leg from the previous point and the finish to the end point.
    /// </summary>
    public static async Task<PlannedRoutes> WithPathsAsync(RoadNetworks networks, string district, RoadPlan road, PlannedRoutes answer,
        CancellationToken cancellationToken)
    {
        var start = new LonLat(answer.Start.Longitude, answer.Start.Latitude);
        var legs = new List<(LonLat From, LonLat To)>();
        foreach (var team in answer.Teams)
        {
            var previous = start;
            foreach (var v in team.Visits)
            {
                var here = new LonLat(v.Longitude, v.Latitude);
                legs.Add((previous, here));
                previous = here;
            }
            if (team.Finish is not null && answer.End is { } end) legs.Add((previous, new LonLat(end.Longitude, end.Latitude)));
        }
        answer = answer with { RoadSpeeds = road.Speeds };
        if (legs.Count == 0) return answer;
        var paths = await networks.PathsAsync(district, road.Points, legs, cancellationToken);
        var next = 0;
        PlannedPath Path() => PlannedPath.Of(paths[next++].Select(p => (p.Longitude, p.Latitude)));
        return answer with
        {
            Teams = [.. answer.Teams.Select(t =>
            {
                var visits = t.Visits.Select(v => v with { LegPath = Path() }).ToList();
                var finish = t.Finish is { } f && answer.End is not null ? f with { LegPath = Path() } : t.Finish;
                return t with { Visits = visits, Finish = finish };
            })],
        };
    }
}
