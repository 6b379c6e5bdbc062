using RiskMap.Api.Contract;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npgsql;
using RiskMap.Api.Data;
using RiskMap.Api.Features.Accounts;
using RiskMap.Api.Geo;

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
                "aboveScale = true | false, asOf = yyyy-MM-dd (default today), district (6 digits; optional with one district), " +
                $"limit {Ranges.Candidates} (default 200), crs = wgs84 (default) | cgcs2000 | gcj02 | bd09. Score: 1000·overdue major + 400·open " +
                "major + 200·supervised major + 50·overdue general + 10·open general + up to 20 for days since the last inspection " +
                "(365 or never = 20) + sector weight (10 high-risk, 5 other campaign sectors, 2 others) + 5 above-scale. A township " +
                "outside the caller's scope is 403. Enterprises in no township are listed, flagged, only for callers who read the " +
                "whole district and name no township.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/plan", Plan)
            .WithName("PlanRoutes")
            .WithSummary("Plans the visiting order of enterprises for one or more teams from a start point (OR-Tools, straight-line distances).")
            .WithDescription(
                "Body: start {longitude, latitude} (required), end (optional; omitted = routes end at the last visit), stops " +
                $"[{{enterpriseId, mandatory, priority, team}}], teams ({Ranges.Teams}, default 1), workingTimeSeconds (per team, optional), " +
                $"serviceTimeSeconds (per visit, default 0), speedKmh ({Ranges.SpeedKmh}, default 30), timeLimitSeconds ({Ranges.SolverTimeLimitSeconds}, default 2; bounds the whole " +
                "plan: distances, construction and search), " +
                "keepOrder (true: measure the given order per team instead of optimising), asOf, district, crs. Locations come " +
                "from the database. Distances are geodesic (straight line on the WGS-84 ellipsoid); distanceKind says so. Optional " +
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
                "OR-Tools finds no solution within the limit (e.g. 2000 stops in 3 s), status is Heuristic and note explains: the " +
                "routes are the planner's own construction (sweep, nearest neighbour, 2-opt), complete and within the working time.")
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
            .Produces(StatusCodes.Status200OK, contentType: "application/gpx+xml")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/plans/{id}/teams/{team:int}.csv", GetCsv)
            .WithName("GetRouteCsv")
            .WithSummary("One team's visits as CSV with Chinese headers, UTF-8 with BOM (Excel).")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/plans/{id}/teams/{team:int}/sheet", GetSheet)
            .WithName("GetRouteSheet")
            .WithSummary("One team's printable A4 visit sheet (HTML): enterprise, address, open hazards with deadlines, a box for findings.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>Handles <c>GET /api/v1/routes/candidates</c>: one SQL statement, then <see cref="RiskScore.Rank"/>.</summary>
    internal static async Task<Results<Ok<RouteCandidateList>, ProblemHttpResult>> GetCandidates(
        string? township, string? sector, string? openHazardLevel, string? overdue, string? supervised, string? notInspectedForDays,
        string? aboveScale, string? asOf, string? district, string? limit, string? crs,
        RiskMapDbContext db, NpgsqlDataSource dataSource, TimeProvider time, ReadScope scope, CancellationToken cancellationToken)
    {
        var q = new RequestValidator();
        var townships = q.Codes("township", township, 9);
        var sectors = q.Sectors("sector", sector);
        var level = string.IsNullOrWhiteSpace(openHazardLevel) ? null : q.OneOf("openHazardLevel", openHazardLevel, "Any", "Major", "General", "Any", "None");
        var overdueOnly = q.Bool("overdue", overdue);
        var supervisedOnly = q.Bool("supervised", supervised);
        int? days = string.IsNullOrWhiteSpace(notInspectedForDays) ? null : q.Int("notInspectedForDays", notInspectedForDays, 0, Ranges.NotInspectedForDays);
        var aboveScaleOnly = q.Bool("aboveScale", aboveScale);
        var day = q.Date("asOf", asOf) ?? CampaignCalendar.Today(time);
        var districtCode = q.Code("district", district, 6);
        var size = q.Int("limit", limit, DefaultCandidates, Ranges.Candidates);
        var system = q.Crs("crs", crs);
        if (!q.IsValid) return q.ToProblem();
        if (townships?.FirstOrDefault(t => !scope.Covers(t)) is { } outside) return Problems.OutsideScope("township", outside);
        var (resolved, problem) = await Areas.DistrictAsync(db, districtCode, cancellationToken);
        if (problem is not null) return problem;
        foreach (var code in townships ?? [])
        {
            if (await Areas.TownshipExistsAsync(db, code, resolved, cancellationToken) is { } missing) return missing;
        }

        var rows = await RoutingQueries.CandidatesAsync(dataSource, new CandidateFilter(resolved!, townships, sectors, level, overdueOnly, supervisedOnly,
            days, aboveScaleOnly, day, scope.AsArray(), IncludeUnplaced: scope.IsEverything && townships is null), cancellationToken);
        var byId = rows.ToDictionary(r => r.Risk.EnterpriseId);
        var items = RiskScore.Rank(rows.Select(r => r.Risk), day).Take(size).Select((scored, i) =>
        {
            var row = byId[scored.Candidate.EnterpriseId];
            var risk = row.Risk;
            var (lon, lat) = ChinaCoordinates.FromWgs84(system, row.Longitude, row.Latitude);
            return new RouteCandidate(i + 1, risk.EnterpriseId, row.Name, row.CreditCode, risk.SectorCode!, risk.AboveScale, row.Address, row.Township,
                row.TownshipName, lon, lat, risk.OpenMajorHazards, risk.OverdueMajorHazards, risk.SupervisedMajorHazards, risk.OpenGeneralHazards,
                risk.OverdueGeneralHazards, risk.LastInspectedOn, risk.LastInspectedOn is { } last ? day.DayNumber - last.DayNumber : null,
                Math.Round(scored.Score, 2), RoutingQueries.Priority(scored.Score), risk.OverdueMajorHazards > 0, row.Flags);
        }).ToList();
        return TypedResults.Ok(new RouteCandidateList(day, resolved!, rows.Count, size, items, Crs.Name(system), ScoreFormula));
    }

    /// <summary>The risk score in words, as returned with every candidate list.</summary>
    public const string ScoreFormula =
        "1000·overdue major + 400·open major + 200·supervised open major + 50·overdue general + 10·open general " +
        "+ 20·min(days since last inspection, 365)/365 (never inspected = 20) + sector weight (10 fireworks, hazardous chemicals, " +
        "non-coal mines, gas; 5 road traffic, construction, fire safety; 2 others) + 5 above-scale; ties by ascending id";

    /// <summary>Handles <c>POST /api/v1/routes/plan</c>.</summary>
    internal static async Task<Results<Ok<PlannedRoutes>, ProblemHttpResult>> Plan(PlanRouteRequest body, HttpContext http, ReadScope scope,
        RiskMapDbContext db, NpgsqlDataSource dataSource, TimeProvider time, RoutePlanStore store, RoutePlanGate gate,
        IOptions<RoutingOptions> options, [FromServices] DistanceMatrixSource distances, CancellationToken cancellationToken)
    {
        var v = new RequestValidator();
        var system = v.Crs("crs", body.Crs);
        var districtCode = v.Code("district", body.District, 6);
        var start = RequiredPoint(v, "start", body.Start);
        var end = body.End is null ? null : RequiredPoint(v, "end", body.End);
        var keepOrder = body.KeepOrder ?? false;
        var teams = body.Teams ?? 1;
        var limit = v.InRange("timeLimitSeconds", body.TimeLimitSeconds, Ranges.SolverTimeLimitSeconds);
        var asOf = v.InRange("asOf", body.AsOf, Ranges.Day);
        var settings = new RoutePlanRequest
        {
            Start = start ?? default, End = end, Stops = [], Teams = teams, WorkingTimeSeconds = body.WorkingTimeSeconds,
            ServiceTimeSeconds = body.ServiceTimeSeconds ?? 0, SpeedKmh = body.SpeedKmh ?? 30,
            SolverTimeLimit = limit is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        };
        foreach (var (field, messages) in settings.Validate())
        {
            foreach (var message in messages) v.AddError(field, message);
        }
        var stops = body.Stops ?? [];
        if (body.Stops is null) v.AddError("stops", "'stops' is required (an empty list plans nothing).");
        else if (!Ranges.Stops.Contains(stops.Count)) v.AddError("stops", $"{stops.Count} stops were given; a plan takes {Ranges.Stops}.");
        else
        {
            for (var i = 0; i < stops.Count; i++)
            {
                var stop = stops[i];
                if (stop is null) { v.AddError($"stops[{i}]", "A stop is required here."); continue; }
                if (stop.EnterpriseId is not > 0) v.AddError($"stops[{i}].enterpriseId", "An enterprise id (a positive whole number) is required.");
                v.InRange($"stops[{i}].priority", stop.Priority, Ranges.Priority);
                if (keepOrder && (stop.Team is null || stop.Team < 1 || stop.Team > teams))
                    v.AddError($"stops[{i}].team", $"With keepOrder every stop names its team, 1 … {teams}.");
            }
        }
        if (!v.IsValid) return v.ToProblem("Invalid route plan request");
        settings = settings with { Start = ToWgs84(system, settings.Start), End = settings.End is { } given ? ToWgs84(system, given) : null };

        var (resolved, problem) = await Areas.DistrictAsync(db, districtCode, cancellationToken);
        if (problem is not null) return problem;
        var day = asOf ?? CampaignCalendar.Today(time);
        var ids = stops.Select(s => s!.EnterpriseId!.Value).Distinct().ToList();
        var found = (await RoutingQueries.ByIdsAsync(dataSource, ids, resolved!, day, cancellationToken)).ToDictionary(r => r.Risk.EnterpriseId);
        for (var i = 0; i < stops.Count; i++)
        {
            var id = stops[i]!.EnterpriseId!.Value;
            // Another township's enterprise answers exactly like an unknown id, so that ids cannot be probed.
            if (!found.TryGetValue(id, out var row) || !scope.Covers(row.Township))
                v.AddError($"stops[{i}].enterpriseId", $"No enterprise has the id {id}.");
        }
        if (!v.IsValid) return v.ToProblem("Unknown enterprise");

        var scores = found.Values.ToDictionary(r => r.Risk.EnterpriseId, r => RiskScore.Compute(r.Risk, day));
        var request = settings with
        {
            Stops = [.. stops.Select(s =>
            {
                var row = found[s!.EnterpriseId!.Value];
                return new RouteStop(Key(row.Risk.EnterpriseId), row.Longitude, row.Latitude, s.Mandatory ?? false,
                    s.Priority ?? RoutingQueries.Priority(scores[row.Risk.EnterpriseId]));
            })],
        };

        // Per-user quotas, counted only for requests that would plan (a bad request is answered above without counting).
        using var admission = gate.Admit(UserKey(http.User), request.EffectiveSolverTimeLimit);
        if (admission.Refusal is { } refusal) return TooMany(http, refusal, admission.RetryAfter, options.Value);

        RoutePlan plan;
        if (keepOrder)
        {
            var seen = new HashSet<long>();
            var routes = Enumerable.Range(1, teams).Select(_ => new List<string>()).ToList();
            foreach (var stop in stops)
            {
                if (seen.Add(stop!.EnterpriseId!.Value)) routes[stop.Team!.Value - 1].Add(Key(stop.EnterpriseId.Value));
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

        var created = time.GetUtcNow();
        var answer = Describe(RoutePlanStore.NewId(), created, created + store.Lifetime, keepOrder, plan, request, found, scores, day, resolved!);
        store.Add(new StoredPlan(answer, [.. found.Values.Select(r => r.Township)], UserKey(http.User)));
        return TypedResults.Ok(In(answer, system));
    }

    /// <summary>Handles <c>GET /api/v1/routes/plans/{id}</c>.</summary>
    internal static Results<Ok<PlannedRoutes>, ProblemHttpResult> GetPlan(string id, string? crs, ReadScope scope, RoutePlanStore store)
    {
        var q = new RequestValidator();
        var system = q.Crs("crs", crs);
        if (!q.IsValid) return q.ToProblem();
        var (stored, problem) = Find(store, scope, id);
        return problem ?? (Results<Ok<PlannedRoutes>, ProblemHttpResult>)TypedResults.Ok(In(stored!.Plan, system));
    }

    /// <summary>Handles <c>GET /api/v1/routes/plans/{id}/teams/{team}.gpx</c>.</summary>
    internal static Results<FileContentHttpResult, ProblemHttpResult> GetGpx(string id, int team, ReadScope scope, RoutePlanStore store)
    {
        var (plan, route, problem) = FindTeam(store, scope, id, team);
        return problem ?? (Results<FileContentHttpResult, ProblemHttpResult>)TypedResults.File(RouteExports.Gpx(plan!, route!), "application/gpx+xml",
            RouteExports.FileName(plan!, team, "gpx"));
    }

    /// <summary>Handles <c>GET /api/v1/routes/plans/{id}/teams/{team}.csv</c>.</summary>
    internal static Results<FileContentHttpResult, ProblemHttpResult> GetCsv(string id, int team, ReadScope scope, RoutePlanStore store)
    {
        var (plan, route, problem) = FindTeam(store, scope, id, team);
        return problem ?? (Results<FileContentHttpResult, ProblemHttpResult>)TypedResults.File(RouteExports.Csv(route!), "text/csv; charset=utf-8",
            RouteExports.FileName(plan!, team, "csv"));
    }

    /// <summary>
    /// Handles <c>GET /api/v1/routes/plans/{id}/teams/{team}/sheet</c>: open hazards are read on the plan's day. The page
    /// is sent with a Content-Security-Policy that allows no script, so even a mistake in encoding could run nothing.
    /// </summary>
    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetSheet(string id, int team, HttpContext http, ReadScope scope,
        RoutePlanStore store, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        var (plan, route, problem) = FindTeam(store, scope, id, team);
        if (problem is not null) return problem;
        var hazards = await RoutingQueries.OpenHazardsAsync(dataSource, [.. route!.Visits.Select(v => v.EnterpriseId)], plan!.AsOf, cancellationToken);
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        return TypedResults.Content(RouteExports.Sheet(plan, route, hazards, CampaignCalendar.Today(time)), "text/html; charset=utf-8");
    }

    /// <summary>The key the planner's quotas count by: the signed-in user's id.</summary>
    internal static string UserKey(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity?.Name ?? "";

    private static ProblemHttpResult TooMany(HttpContext http, string refusal, TimeSpan retryAfter, RoutingOptions options)
        => refusal == "running"
            ? Problems.RetryLater(http, StatusCodes.Status429TooManyRequests, RoutingProblemCodes.PlanRunning, retryAfter, options.SolvesPerUser)
            : Problems.RetryLater(http, StatusCodes.Status429TooManyRequests, RoutingProblemCodes.PlansPerMinute, retryAfter, options.SolvesPerUserPerMinute);

    private static string Key(long enterpriseId) => enterpriseId.ToString(CultureInfo.InvariantCulture);

    private static LonLat ToWgs84(GeographicSystem system, LonLat point)
    {
        var (lon, lat) = ChinaCoordinates.ToWgs84(system, point.Longitude, point.Latitude);
        return new LonLat(lon, lat);
    }

    private static LonLat? RequiredPoint(RequestValidator v, string field, PlanPoint? point)
    {
        if (point is null) { v.AddError(field, $"'{field}' is required: {{ \"longitude\": …, \"latitude\": … }} in degrees."); return null; }
        if (point.Longitude is null) v.AddError($"{field}.longitude", "The longitude is required.");
        if (point.Latitude is null) v.AddError($"{field}.latitude", "The latitude is required.");
        return point.Longitude is { } lon && point.Latitude is { } lat ? new LonLat(lon, lat) : null;
    }

    private static (StoredPlan? Plan, ProblemHttpResult? Problem) Find(RoutePlanStore store, ReadScope scope, string id)
    {
        // A plan with a stop outside the caller's townships answers exactly like an unknown id: a 403 would name the
        // township, and tell that the plan exists.
        return store.Find(id) is { } stored && stored.Townships.All(scope.Covers)
            ? (stored, null)
            : (null, RequestValidator.NotFound("Unknown plan", "id", $"No plan is stored under '{id}'; plans are kept for {store.Lifetime.TotalHours} hours and lost on a restart"));
    }

    private static (PlannedRoutes? Plan, PlannedTeam? Team, ProblemHttpResult? Problem) FindTeam(RoutePlanStore store, ReadScope scope, string id, int team)
    {
        var (stored, problem) = Find(store, scope, id);
        if (problem is not null) return (null, null, problem);
        var plan = stored!.Plan;
        return team >= 1 && team <= plan.Teams.Count
            ? (plan, plan.Teams[team - 1], null)
            : (null, null, RequestValidator.NotFound("Unknown team", "team", $"The plan has teams 1 … {plan.Teams.Count}, not {team}"));
    }

    /// <summary>The solver's plan as the API's answer, in WGS-84, with enterprise facts and export links.</summary>
    private static PlannedRoutes Describe(string id, DateTimeOffset created, DateTimeOffset expires, bool keepOrder, RoutePlan plan, RoutePlanRequest request,
        IReadOnlyDictionary<long, EnterpriseRisk> enterprises, IReadOnlyDictionary<long, double> scores, DateOnly day, string district)
    {
        EnterpriseRisk Row(string key) => enterprises[long.Parse(key, CultureInfo.InvariantCulture)];
        var teams = plan.Teams.Select(t => new PlannedTeam(t.Team,
            [.. t.Visits.Select(v =>
            {
                var row = Row(v.StopId);
                var risk = row.Risk;
                return new PlannedVisitStop(v.Sequence, risk.EnterpriseId, row.Name, row.CreditCode, risk.SectorCode!, row.Address, row.Township,
                    row.TownshipName, v.Longitude, v.Latitude, v.Mandatory, risk.OpenMajorHazards, risk.OpenGeneralHazards,
                    risk.OverdueMajorHazards + risk.OverdueGeneralHazards, Math.Round(scores[risk.EnterpriseId], 2), v.LegDistanceMetres,
                    v.CumulativeDistanceMetres, v.ArrivalSeconds, v.DepartureSeconds, row.Flags);
            })],
            t.Finish is { } f ? new PlannedFinish(f.LegDistanceMetres, f.CumulativeDistanceMetres, f.ArrivalSeconds) : null,
            t.TotalDistanceMetres, t.TotalTimeSeconds, request.WorkingTimeSeconds is { } limit && t.TotalTimeSeconds > limit,
            new TeamExports($"/api/v1/routes/plans/{id}/teams/{t.Team}.gpx", $"/api/v1/routes/plans/{id}/teams/{t.Team}.csv",
                $"/api/v1/routes/plans/{id}/teams/{t.Team}/sheet"))).ToList();
        var dropped = plan.Dropped.Select(d =>
        {
            var row = Row(d.StopId);
            return new PlannedDrop(row.Risk.EnterpriseId, row.Name, d.Mandatory, d.Reason.ToString(), d.Explanation, row.Flags);
        }).ToList();
        return new PlannedRoutes(id, created, expires, keepOrder ? "KeptOrder" : "Optimised", plan.Status.ToString(), plan.DistanceKind.ToString(),
            plan.DistanceKind == DistanceKind.Road
                ? "Distances along the road network."
                : "Straight-line (geodesic) distances on the WGS-84 ellipsoid: a lower bound; roads are longer, so times are optimistic.",
            day, district, Crs.Name(GeographicSystem.Wgs84),
            new PlannedPoint(request.Start.Longitude, request.Start.Latitude),
            request.End is { } e ? new PlannedPoint(e.Longitude, e.Latitude) : null,
            new PlanSettings(request.Teams, request.WorkingTimeSeconds, request.ServiceTimeSeconds, request.SpeedKmh, request.EffectiveSolverTimeLimit.TotalSeconds),
            teams, dropped, [.. plan.MergedStopIds.Select(k => Row(k).Risk.EnterpriseId)],
            [.. plan.InfeasibleMandatoryStopIds.Select(k => Row(k).Risk.EnterpriseId)], plan.TotalDistanceMetres, plan.SolveTime.TotalSeconds, plan.Note);
    }

    /// <summary><paramref name="plan"/> (WGS-84) with every coordinate in <paramref name="system"/>.</summary>
    private static PlannedRoutes In(PlannedRoutes plan, GeographicSystem system)
    {
        if (system == GeographicSystem.Wgs84) return plan;
        PlannedPoint Shift(PlannedPoint p)
        {
            var (lon, lat) = ChinaCoordinates.FromWgs84(system, p.Longitude, p.Latitude);
            return new PlannedPoint(lon, lat);
        }
        return plan with
        {
            CoordinateSystem = Crs.Name(system),
            Start = Shift(plan.Start),
            End = plan.End is { } end ? Shift(end) : null,
            Teams = [.. plan.Teams.Select(t => t with
            {
                Visits = [.. t.Visits.Select(v =>
                {
                    var (lon, lat) = ChinaCoordinates.FromWgs84(system, v.Longitude, v.Latitude);
                    return v with { Longitude = lon, Latitude = lat };
                })],
            })],
        };
    }
}
