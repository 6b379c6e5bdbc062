using RiskMap.Api.Contract;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Npgsql;
using RiskMap.Api.Data;
using RiskMap.Api.Features.Accounts;
using RiskMap.Api.Features.Roads;
using RiskMap.Api.Geo;
using RiskMap.Api.Resources;

namespace RiskMap.Api.Features.Routing;

/// <summary>
/// Maps <c>/api/v1/routes</c>, the inspection planner: candidates ranked by risk, route plans for several teams
/// (OR-Tools, <see cref="RoutePlanner"/>), and each team's route as GPX, CSV or a printable visit sheet. Any signed-in
/// user plans within their read scope.
/// </summary>
public static class RoutingApi
{
    /// <summary>Default number of candidates returned.</summary>
    public const int DefaultCandidates = 200;

    /// <summary>Maps the planner endpoints on <paramref name="api"/> (a group that already requires a signed-in reader).</summary>
    public static RouteGroupBuilder MapRouting(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/routes").WithTags("Routes").ProducesValidationProblem();
        group.MapGet("/candidates", GetCandidates)
            .WithName("GetRouteCandidates")
            .WithSummary("Enterprises worth an inspection visit, ranked by risk score (open major and overdue hazards first), within the caller's scope.")
            .WithDescription(
                "Filters: township (comma-separated 9-digit codes), sector (comma-separated codes), openHazardLevel = Major | General | " +
                "Any | None, overdue = true | false (any overdue hazard), supervised = true | false (an open major hazard under " +
                "supervision, 挂牌督办), notInspectedForDays = N (no inspection in the N days before asOf; never inspected counts), " +
                "aboveScale = true | false, asOf = yyyy-MM-dd (default today; a department officer's default sector filter is their department's sectors), district (6 digits; optional with one district), " +
                $"limit {Ranges.Candidates} (default 200), crs = wgs84 (default) | cgcs2000 | gcj02 | bd09. Score: 1000·overdue major + 400·open " +
                "major + 200·supervised major + 50·overdue general + 10·open general + up to 20 for days since the last inspection " +
                "(365 or never = 20) + sector weight (10 high-risk, 5 other campaign sectors, 2 others) + 5 above-scale. A township " +
                "outside the caller's scope is 403. Enterprises in no township are listed, flagged, only for callers who read the " +
                "whole district and name no township.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/plan", Plan)
            .WithName("PlanRoutes")
            .WithSummary("Plans the visiting order of enterprises for one or more teams from a start point (OR-Tools; road distances when the district has a road network, else straight lines).")
            .WithDescription(
                "Body: start {longitude, latitude} (required), end (optional; omitted = routes end at the last visit), stops " +
                $"[{{enterpriseId, mandatory, priority, team}}], teams ({Ranges.Teams}, default 1), workingTimeSeconds (per team, optional), " +
                $"serviceTimeSeconds (per visit, default 0), speedKmh ({Ranges.SpeedKmh}, default 30), timeLimitSeconds ({Ranges.SolverTimeLimitSeconds}, default 2; bounds the whole " +
                "plan: distances, construction and search), " +
                "keepOrder (true: measure the given order per team instead of optimising), asOf, district, crs. Locations come " +
                "from the database. Distances are along the district's road network when one is imported (pgRouting; each point " +
                "snapped to its nearest road point within 2 km, the snap walked; stops no road reaches from the start and back are " +
                "dropped with reason NoRoadNearby or NotConnectedByRoad; each leg's legPath is a GeoJSON LineString along the roads; " +
                "no stops, or every stop at the start, is 400), else geodesic (straight line on the WGS-84 ellipsoid); distanceKind says which. Optional " +
                "stops that do not fit the working time are dropped with a reason; duplicates are visited once; stops in no " +
                "township or outside the district are planned and flagged. An unknown enterprise is 400 naming stops[i].enterpriseId; " +
                "one outside the caller's scope answers the same. At most RiskMap:Routing:ConcurrentSolves plans are solved at once: " +
                "a request waits up to its own time limit for a free solver, then gets 503 with Retry-After. Per user, at most " +
                "RiskMap:Routing:SolvesPerUser plan requests run at once and RiskMap:Routing:SolvesPerUserPerMinute start per minute; " +
                "one more gets 429 with Retry-After. The plan is kept 24 hours under its id for the export links (at most " +
                "RiskMap:Routing:StoredPlansPerUser per user: a new plan replaces the user's oldest). Teams share the work: the planner's starting routes split the stops " +
                "evenly by bearing from the start (a sweep), and the search pays for the longest team's working day (a global span " +
                "cost on time, 1 s ≈ the metres driven in it) as well as for total metres, so visits are not piled onto one team; a " +
                "span cost rather than a cap on visits, because a team driving to a remote cluster should visit fewer stops. When " +
                "OR-Tools finds no solution within the limit (e.g. 2000 stops in 3 s), status is Heuristic and note explains (noteCode " +
                "routes.note.heuristic): the routes are the planner's own construction (sweep, nearest neighbour, 2-opt), complete and " +
                "within the working time. The note, distanceNote and each dropped stop's explanation are in the request's language " +
                "(Accept-Language: zh-CN, the default, or en); noteCode and reason are the stable values for scripts.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/plans/{id}", GetPlan)
            .WithName("GetRoutePlan")
            .WithSummary("A stored plan (kept 24 hours), optionally in another coordinate system (crs).")
            .WithDescription("A plan with a stop outside the caller's townships answers 404, exactly like an unknown id; so do its exports.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/plans/{id}/teams/{team:int}.gpx", GetGpx)
            .WithName("GetRouteGpx")
            .WithSummary("One team's route as GPX 1.1: numbered waypoints in visit order and a route from the start, WGS-84.")
            .WithDescription(
                "For navigation devices and GIS. Metadata named after the team and the plan's day; one waypoint per visit named " +
                "\"01 name\" in visit order (description: the address; type: mandatory or optional); one route from the start " +
                "through the visits to the end point when the plan has one. Names in the request's language (Accept-Language: " +
                "zh-CN, the default, or en). A plan that is not stored or not readable by the caller, or a team it does not have, is 404.")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "application/gpx+xml")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/plans/{id}/teams/{team:int}.csv", GetCsv)
            .WithName("GetRouteCsv")
            .WithSummary("One team's visits as CSV, UTF-8 with BOM (Excel).")
            .WithDescription(
                "One row per visit in order: sequence, enterprise, credit code, sector, address, township, WGS-84 longitude and " +
                "latitude (7 decimals), mandatory, open major, open general and overdue hazards, score, leg and cumulative metres, " +
                "expected arrival and departure in minutes after leaving, flags. Headers and words in the request's language: " +
                "Chinese (the default) or, under Accept-Language: en, the canonical column names (sequence, enterprise_name, …). " +
                "A plan that is not stored or not readable by the caller, or a team it does not have, is 404.")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/plans/{id}/teams/{team:int}/sheet", GetSheet)
            .WithName("GetRouteSheet")
            .WithSummary("One team's printable A4 visit sheet (HTML): enterprise, address, open hazards with deadlines, a box for findings.")
            .WithDescription(
                "An HTML page styled for A4 printing: team, day, distance and expected time; per visit the enterprise, address, " +
                "sector, township, expected arrival, its open hazards on the plan's day with deadlines (days overdue, supervision) " +
                "and a box for findings; signature lines. Labels in the request's language (Accept-Language: zh-CN, the default, " +
                "or en). Sent with a Content-Security-Policy that allows no script. A plan that is not stored or not readable by " +
                "the caller, or a team it does not have, is 404.")
            .Produces(StatusCodes.Status200OK, typeof(string), "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapSchedule();
        return group;
    }

    /// <summary>
    /// The candidates of <paramref name="query"/>: one SQL statement, then <see cref="RiskScore.Rank"/>. 403 for a township
    /// outside the caller's, 404 for an unknown district or a township not in it.
    /// </summary>
    internal static async Task<Results<Ok<RouteCandidateList>, ProblemHttpResult>> GetCandidates([AsParameters] RouteCandidateQuery query,
        ClaimsPrincipal user, RiskMapDbContext db, NpgsqlDataSource dataSource, TimeProvider time, ReadScope scope, IStringLocalizer<Messages> localizer,
        CancellationToken cancellationToken)
    {
        var townships = query.Township?.Codes;
        var day = query.AsOf ?? CampaignCalendar.Today(time);
        var size = query.Limit;
        var system = (query.Crs ?? OutputCrs.Wgs84).System;
        if (townships?.FirstOrDefault(t => !scope.Covers(t)) is { } outside) return Problems.OutsideScope("township", outside);
        var (resolved, problem) = await Areas.DistrictAsync(db, query.District, cancellationToken);
        if (problem is not null) return problem;
        foreach (var code in townships ?? [])
        {
            if (await Areas.TownshipExistsAsync(db, code, resolved, cancellationToken) is { } missing) return missing;
        }

        // A department officer plans for their own department's sectors unless they name others.
        var rows = await RoutingQueries.CandidatesAsync(dataSource, new CandidateFilter(resolved!, townships, query.Sector?.Codes ?? ScheduleApi.OwnSectors(user),
            query.OpenHazardLevel?.ToString(), query.Overdue, query.Supervised, query.NotInspectedForDays, query.AboveScale, day, scope.AsArray(),
            IncludeUnplaced: scope.IsEverything && townships is null), cancellationToken);
        var byId = rows.ToDictionary(r => r.Risk.EnterpriseId);
        var items = RiskScore.Rank(rows.Select(r => r.Risk), day).Take(size).Select((scored, i) =>
        {
            var row = byId[scored.Candidate.EnterpriseId];
            var risk = row.Risk;
            var (lon, lat) = ChinaCoordinates.OutputFromWgs84(system, row.Longitude, row.Latitude);
            return new RouteCandidate(i + 1, risk.EnterpriseId, row.Name, row.CreditCode, risk.SectorCode!, risk.AboveScale, row.Address, row.Township,
                row.TownshipName, lon, lat, risk.OpenMajorHazards, risk.OverdueMajorHazards, risk.SupervisedMajorHazards, risk.OpenGeneralHazards,
                risk.OverdueGeneralHazards, risk.LastInspectedOn, risk.LastInspectedOn is { } last ? day.DayNumber - last.DayNumber : null,
                Math.Round(scored.Score, 2), RoutingQueries.Priority(scored.Score), risk.OverdueMajorHazards > 0, row.Flags);
        }).ToList();
        return TypedResults.Ok(new RouteCandidateList(day, resolved!, rows.Count, size, items, Crs.Name(system), new RouteTexts(localizer).ScoreFormula));
    }

    /// <summary>
    /// Plans <paramref name="body"/> (validated before this runs, <see cref="RequestValidation"/>): 400 naming
    /// <c>stops[i].enterpriseId</c> for an enterprise that does not exist or lies outside the caller's townships, then the
    /// per-user quotas (429) and a free solver (503), then the plan, stored for its exports.
    /// </summary>
    internal static async Task<Results<Ok<PlannedRoutes>, ProblemHttpResult>> Plan(PlanRouteRequest body, HttpContext http, ReadScope scope,
        RiskMapDbContext db, NpgsqlDataSource dataSource, TimeProvider time, RoutePlanStore store, RoutePlanGate gate,
        IOptions<RoutingOptions> options, [FromServices] DistanceMatrixSource distances, RoadNetworks roads, IStringLocalizer<Messages> localizer,
        CancellationToken cancellationToken)
    {
        var system = Crs.Parse(body.Crs) ?? GeographicSystem.Wgs84;
        var keepOrder = body.KeepOrder;
        var teams = body.Teams;
        var stops = body.Stops!.Select(s => s!).ToList();
        var settings = new RoutePlanRequest
        {
            Start = ToWgs84(system, body.Start!), End = body.End is { } end ? ToWgs84(system, end) : null, Stops = [], Teams = teams,
            WorkingTimeSeconds = body.WorkingTimeSeconds, ServiceTimeSeconds = body.ServiceTimeSeconds, SpeedKmh = body.SpeedKmh,
            SolverTimeLimit = TimeSpan.FromSeconds(body.TimeLimitSeconds),
        };

        var (resolved, problem) = await Areas.DistrictAsync(db, body.District, cancellationToken);
        if (problem is not null) return problem;
        var day = body.AsOf ?? CampaignCalendar.Today(time);
        var ids = stops.Select(s => s.EnterpriseId!.Value).Distinct().ToList();
        var found = (await RoutingQueries.ByIdsAsync(dataSource, ids, resolved!, day, cancellationToken)).ToDictionary(r => r.Risk.EnterpriseId);
        var unknown = new List<FieldError>();
        for (var i = 0; i < stops.Count; i++)
        {
            var id = stops[i].EnterpriseId!.Value;
            // Another township's enterprise answers exactly like an unknown id, so that ids cannot be probed.
            if (!found.TryGetValue(id, out var row) || !scope.Covers(row.Township))
                unknown.Add(new FieldError($"stops[{i}].enterpriseId", RoutingProblemCodes.EnterpriseUnknown, id));
        }
        if (unknown.Count > 0) return Problems.Invalid(unknown);

        var scores = found.Values.ToDictionary(r => r.Risk.EnterpriseId, r => RiskScore.Compute(r.Risk, day));
        // Opening hours are kept as a schedule keeps them, on the clock of the plan's working day.
        var opening = await ScheduleApi.OpeningHoursAsync(db, ids, cancellationToken);
        var request = settings with
        {
            Day = body.Hours,
            Stops = [.. stops.Select(s =>
            {
                var row = found[s.EnterpriseId!.Value];
                return new RouteStop(Key(row.Risk.EnterpriseId), row.Longitude, row.Latitude, s.Mandatory,
                    s.Priority ?? RoutingQueries.Priority(scores[row.Risk.EnterpriseId]), opening.TryGetValue(row.Risk.EnterpriseId, out var h) ? h : null);
            })],
        };

        // Per-user quotas, counted only for requests that would plan (a bad request is answered above without counting).
        using var admission = gate.Admit(UserKey(http.User), request.EffectiveSolverTimeLimit);
        if (admission.Refusal is { } refusal) return TooMany(http, refusal, admission.RetryAfter, options.Value);

        // Roads when the district has a network (stops no road reaches are left out, with the reason), straight lines otherwise.
        var (road, roadProblem) = await RoadPlans.PrepareAsync(roads, resolved!, request, cancellationToken);
        if (roadProblem is not null) return roadProblem;
        if (road is not null) (request, distances) = (road.Request, road.Distances);

        RoutePlan plan;
        if (keepOrder)
        {
            var seen = new HashSet<long>();
            var routes = Enumerable.Range(1, teams).Select(_ => new List<string>()).ToList();
            var kept = request.Stops.Select(s => s.Id).ToHashSet();
            foreach (var stop in stops)
            {
                if (kept.Contains(Key(stop.EnterpriseId!.Value)) && seen.Add(stop.EnterpriseId.Value)) routes[stop.Team!.Value - 1].Add(Key(stop.EnterpriseId.Value));
            }
            plan = await RoutePlanner.EvaluateAsync(request, routes, distances, cancellationToken);
        }
        else if (ids.Count == 0)
        {
            plan = await RoutePlanner.PlanAsync(request, distances, cancellationToken);
        }
        else
        {
            // Wait for a free solver no longer than the solve itself may take; the wait holds no thread.
            using var lease = await gate.EnterAsync(request.EffectiveSolverTimeLimit, cancellationToken);
            if (lease is null)
                return Problems.RetryLater(http, StatusCodes.Status503ServiceUnavailable, RoutingProblemCodes.PlannerBusy, request.EffectiveSolverTimeLimit,
                    request.EffectiveSolverTimeLimit.TotalSeconds);
            plan = await RoutePlanner.PlanAsync(request, distances, cancellationToken);
        }

        if (road is not null) plan = RoadPlans.WithUnreachable(plan, road);
        var created = time.GetUtcNow();
        var answer = Describe(RoutePlanStore.NewId(), created, created + store.Lifetime, keepOrder, plan, request, found, scores, day, resolved!,
            body.Hours, opening, null);
        if (road is not null) answer = await RoadPlans.WithPathsAsync(roads, resolved!, road, answer, cancellationToken);
        var stored = new StoredPlan(answer, [.. found.Values.Select(r => r.Township)], UserKey(http.User), plan.Note);
        await store.AddAsync(stored, cancellationToken);
        return TypedResults.Ok(In(Worded(stored, new RouteTexts(localizer)), system));
    }

    /// <summary>The stored plan <paramref name="id"/> in the coordinate system of <paramref name="query"/>; 404 as for an unknown id when the caller may not read it.</summary>
    /// <param name="id">The plan's id (32 hex digits), from the answer of <c>POST /api/v1/routes/plan</c>.</param>
    /// <param name="query">The coordinate system.</param>
    /// <param name="scope">The caller's townships.</param>
    /// <param name="store">The stored plans.</param>
    /// <param name="localizer">Texts in the request's language.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    internal static async Task<Results<Ok<PlannedRoutes>, ProblemHttpResult>> GetPlan(string id, [AsParameters] RoutePlanQuery query, ReadScope scope,
        RoutePlanStore store, IStringLocalizer<Messages> localizer, CancellationToken cancellationToken)
    {
        var (stored, problem) = await FindAsync(store, scope, id, cancellationToken);
        return problem ?? (Results<Ok<PlannedRoutes>, ProblemHttpResult>)TypedResults.Ok(
            In(Worded(stored!, new RouteTexts(localizer)), (query.Crs ?? OutputCrs.Wgs84).System));
    }

    /// <summary>Team <paramref name="team"/>'s route of plan <paramref name="id"/> as GPX (<see cref="RouteExports.Gpx"/>).</summary>
    /// <param name="id">The plan's id (32 hex digits).</param>
    /// <param name="team">The team, 1 … the plan's number of teams.</param>
    /// <param name="scope">The caller's townships.</param>
    /// <param name="store">The stored plans.</param>
    /// <param name="localizer">Texts in the request's language.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetGpx(string id, int team, ReadScope scope, RoutePlanStore store,
        IStringLocalizer<Messages> localizer, CancellationToken cancellationToken)
    {
        var (plan, route, problem) = await FindTeamAsync(store, scope, id, team, cancellationToken);
        return problem ?? (Results<FileContentHttpResult, ProblemHttpResult>)TypedResults.File(RouteExports.Gpx(plan!, route!, new RouteTexts(localizer)),
            "application/gpx+xml", RouteExports.FileName(plan!, team, "gpx"));
    }

    /// <summary>Team <paramref name="team"/>'s visits of plan <paramref name="id"/> as CSV (<see cref="RouteExports.Csv"/>).</summary>
    /// <param name="id">The plan's id (32 hex digits).</param>
    /// <param name="team">The team, 1 … the plan's number of teams.</param>
    /// <param name="scope">The caller's townships.</param>
    /// <param name="store">The stored plans.</param>
    /// <param name="localizer">Texts in the request's language.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetCsv(string id, int team, ReadScope scope, RoutePlanStore store,
        IStringLocalizer<Messages> localizer, CancellationToken cancellationToken)
    {
        var (plan, route, problem) = await FindTeamAsync(store, scope, id, team, cancellationToken);
        return problem ?? (Results<FileContentHttpResult, ProblemHttpResult>)TypedResults.File(RouteExports.Csv(route!, new RouteTexts(localizer)),
            "text/csv; charset=utf-8", RouteExports.FileName(plan!, team, "csv"));
    }

    /// <summary>
    /// Team <paramref name="team"/>'s visit sheet of plan <paramref name="id"/> (<see cref="RouteExports.Sheet"/>): open
    /// hazards are read on the plan's day. The page is sent with a Content-Security-Policy that allows no script, so even a
    /// mistake in encoding could run nothing.
    /// </summary>
    /// <param name="id">The plan's id (32 hex digits).</param>
    /// <param name="team">The team, 1 … the plan's number of teams.</param>
    /// <param name="http">The request's context, for the security header.</param>
    /// <param name="scope">The caller's townships.</param>
    /// <param name="store">The stored plans.</param>
    /// <param name="dataSource">The database.</param>
    /// <param name="time">The clock, for the printing day.</param>
    /// <param name="localizer">Texts in the request's language.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetSheet(string id, int team, HttpContext http, ReadScope scope,
        RoutePlanStore store, NpgsqlDataSource dataSource, TimeProvider time, IStringLocalizer<Messages> localizer, CancellationToken cancellationToken)
    {
        var (plan, route, problem) = await FindTeamAsync(store, scope, id, team, cancellationToken);
        if (problem is not null) return problem;
        var hazards = await RoutingQueries.OpenHazardsAsync(dataSource, [.. route!.Visits.Select(v => v.EnterpriseId)], plan!.AsOf, cancellationToken);
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        // The sheet is dated with the day the route is driven (a schedule's day), known from its clock times; else today.
        var day = route.Visits.FirstOrDefault()?.ArrivalTime is { } arrival
            ? CampaignCalendar.Day(arrival) : CampaignCalendar.Today(time);
        return TypedResults.Content(RouteExports.Sheet(plan, route, hazards, day, new RouteTexts(localizer)), "text/html; charset=utf-8");
    }

    /// <summary>The key the planner's quotas count by: the signed-in user's id.</summary>
    internal static string UserKey(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity?.Name ?? "";

    internal static ProblemHttpResult TooMany(HttpContext http, string refusal, TimeSpan retryAfter, RoutingOptions options)
        => refusal == "running"
            ? Problems.RetryLater(http, StatusCodes.Status429TooManyRequests, RoutingProblemCodes.PlanRunning, retryAfter, options.SolvesPerUser)
            : Problems.RetryLater(http, StatusCodes.Status429TooManyRequests, RoutingProblemCodes.PlansPerMinute, retryAfter, options.SolvesPerUserPerMinute);

    internal static string Key(long enterpriseId) => enterpriseId.ToString(CultureInfo.InvariantCulture);

    /// <summary><paramref name="point"/> (validated: both coordinates given) in WGS-84.</summary>
    internal static LonLat ToWgs84(GeographicSystem system, PlanPoint point)
    {
        var (lon, lat) = ChinaCoordinates.ToWgs84(system, point.Longitude!.Value, point.Latitude!.Value);
        return new LonLat(lon, lat);
    }

    private static async Task<(StoredPlan? Plan, ProblemHttpResult? Problem)> FindAsync(RoutePlanStore store, ReadScope scope, string id,
        CancellationToken cancellationToken)
    {
        // A plan with a stop outside the caller's townships answers exactly like an unknown id: a 403 would name the
        // township, and tell that the plan exists.
        return await store.FindAsync(id, cancellationToken) is { } stored && stored.Townships.All(scope.Covers)
            ? (stored, null)
            : (null, Problems.NotFound(RoutingProblemCodes.PlanUnknown, "id", id, store.Lifetime.TotalHours));
    }

    private static async Task<(PlannedRoutes? Plan, PlannedTeam? Team, ProblemHttpResult? Problem)> FindTeamAsync(RoutePlanStore store, ReadScope scope,
        string id, int team, CancellationToken cancellationToken)
    {
        var (stored, problem) = await FindAsync(store, scope, id, cancellationToken);
        if (problem is not null) return (null, null, problem);
        var plan = stored!.Plan;
        return team >= 1 && team <= plan.Teams.Count
            ? (plan, plan.Teams[team - 1], null)
            : (null, null, Problems.NotFound(RoutingProblemCodes.TeamUnknown, "team", team, plan.Teams.Count));
    }

    /// <summary>
    /// The solver's plan as the API's answer, in WGS-84, with enterprise facts, export links and clock times: each team's visits
    /// walked through <paramref name="hours"/> (<see cref="WorkingDay.Walk"/>: leave at the start time, wait for the opening time
    /// in <paramref name="openingHours"/>, no visit into the lunch break), the travel before each visit being the plan's gap
    /// between the previous departure and this arrival.
    /// </summary>
    internal static PlannedRoutes Describe(string id, DateTimeOffset created, DateTimeOffset expires, bool keepOrder, RoutePlan plan, RoutePlanRequest request,
        IReadOnlyDictionary<long, EnterpriseRisk> enterprises, IReadOnlyDictionary<long, double> scores, DateOnly day, string district,
        WorkingDay hours, IReadOnlyDictionary<long, OpeningHours>? openingHours, (string? Start, string? End)? names)
    {
        EnterpriseRisk Row(string key) => enterprises[long.Parse(key, CultureInfo.InvariantCulture)];
        var teams = plan.Teams.Select(t =>
        {
            var travel = t.Visits.Select((v, k) => v.ArrivalSeconds - (k == 0 ? 0 : t.Visits[k - 1].DepartureSeconds)).ToList();
            var visitHours = t.Visits.Select(v => openingHours is not null && openingHours.TryGetValue(Row(v.StopId).Risk.EnterpriseId, out var h) ? h : (OpeningHours?)null).ToList();
            var (arrivals, departures, finish) = hours.Walk(travel, request.ServiceTimeSeconds, visitHours,
                t.Finish is { } last ? last.ArrivalSeconds - (t.Visits.Count == 0 ? 0 : t.Visits[^1].DepartureSeconds) : null);
            return new PlannedTeam(t.Team,
            [.. t.Visits.Select((v, k) =>
            {
                var row = Row(v.StopId);
                var risk = row.Risk;
                return new PlannedVisitStop(v.Sequence, risk.EnterpriseId, row.Name, row.CreditCode, risk.SectorCode!, row.Address, row.Township,
                    row.TownshipName, v.Longitude, v.Latitude, v.Mandatory, risk.OpenMajorHazards, risk.OpenGeneralHazards,
                    risk.OverdueMajorHazards + risk.OverdueGeneralHazards, Math.Round(scores[risk.EnterpriseId], 2), v.LegDistanceMetres,
                    v.CumulativeDistanceMetres, v.ArrivalSeconds, v.DepartureSeconds, row.Flags,
                    WorkingDay.At(day, arrivals[k]), WorkingDay.At(day, departures[k]));
            })],
            t.Finish is { } f ? new PlannedFinish(f.LegDistanceMetres, f.CumulativeDistanceMetres, f.ArrivalSeconds, WorkingDay.At(day, finish)) : null,
            t.TotalDistanceMetres, t.TotalTimeSeconds, request.WorkingTimeSeconds is { } limit && t.TotalTimeSeconds > limit,
            new TeamExports($"/api/v1/routes/plans/{id}/teams/{t.Team}.gpx", $"/api/v1/routes/plans/{id}/teams/{t.Team}.csv",
                $"/api/v1/routes/plans/{id}/teams/{t.Team}/sheet"));
        }).ToList();
        var dropped = plan.Dropped.Select(d =>
        {
            var row = Row(d.StopId);
            return new PlannedDrop(row.Risk.EnterpriseId, row.Name, d.Mandatory, d.Reason.ToString(), "", row.Flags);
        }).ToList();
        return new PlannedRoutes(id, created, expires, keepOrder ? "KeptOrder" : "Optimised", plan.Status.ToString(), plan.DistanceKind.ToString(),
            "", day, district, Crs.Name(GeographicSystem.Wgs84),
            new PlannedPoint(request.Start.Longitude, request.Start.Latitude),
            request.End is { } e ? new PlannedPoint(e.Longitude, e.Latitude) : null,
            new PlanSettings(request.Teams, request.WorkingTimeSeconds, request.ServiceTimeSeconds, request.SpeedKmh, request.EffectiveSolverTimeLimit.TotalSeconds),
            teams, dropped, [.. plan.MergedStopIds.Select(k => Row(k).Risk.EnterpriseId)],
            [.. plan.InfeasibleMandatoryStopIds.Select(k => Row(k).Risk.EnterpriseId)], plan.TotalDistanceMetres, plan.SolveTime.TotalSeconds, null, plan.Note?.Code,
            PlanHours.From(hours), names?.Start, names?.End);
    }

    /// <summary>
    /// <paramref name="stored"/>'s plan with its words in the request's language: what the distances mean, the note (from
    /// the stored <see cref="PlanNote"/>) and each dropped stop's explanation. The store keeps the codes, so a plan reads
    /// in the language of whoever asks for it.
    /// </summary>
    internal static PlannedRoutes Worded(StoredPlan stored, RouteTexts texts) => stored.Plan with
    {
        DistanceNote = texts.DistanceNote(stored.Plan.DistanceKind),
        Note = stored.Note is { } note ? texts.Note(note) : null,
        Dropped = [.. stored.Plan.Dropped.Select(d => d with { Explanation = texts.DropExplanation(d.Reason) })],
    };

    /// <summary><paramref name="plan"/> (WGS-84) with every coordinate in <paramref name="system"/>.</summary>
    internal static PlannedRoutes In(PlannedRoutes plan, GeographicSystem system)
    {
        if (system == GeographicSystem.Wgs84) return plan;
        PlannedPoint Shift(PlannedPoint p)
        {
            var (lon, lat) = ChinaCoordinates.OutputFromWgs84(system, p.Longitude, p.Latitude);
            return new PlannedPoint(lon, lat);
        }
        PlannedPath? ShiftPath(PlannedPath? path) => path is null ? null
            : PlannedPath.Of(path.Coordinates.Select(c => ChinaCoordinates.OutputFromWgs84(system, c[0], c[1])));
        return plan with
        {
            CoordinateSystem = Crs.Name(system),
            Start = Shift(plan.Start),
            End = plan.End is { } end ? Shift(end) : null,
            Teams = [.. plan.Teams.Select(t => t with
            {
                Visits = [.. t.Visits.Select(v =>
                {
                    var (lon, lat) = ChinaCoordinates.OutputFromWgs84(system, v.Longitude, v.Latitude);
                    return v with { Longitude = lon, Latitude = lat, LegPath = ShiftPath(v.LegPath) };
                })],
                Finish = t.Finish is { } f ? f with { LegPath = ShiftPath(f.LegPath) } : null,
            })],
        };
    }
}
