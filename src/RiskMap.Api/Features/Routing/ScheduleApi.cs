using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;
using Npgsql;
using RiskMap.Api.Contract;
using RiskMap.Api.Data;
using RiskMap.Api.Features.Accounts;
using RiskMap.Api.Features.Roads;
using RiskMap.Api.Geo;
using RiskMap.Api.Resources;

namespace RiskMap.Api.Features.Routing;

/// <summary>
/// The week planner under <c>/api/v1/routes</c>: multi-day schedules (<see cref="RouteScheduler"/>), the enterprises due by the
/// visiting cadence, the district's schedule settings (holidays, cadence) and its depots (named start and end places).
/// </summary>
public static class ScheduleApi
{
    /// <summary>Maps the schedule endpoints on the planner's group (signed-in readers; the settings and depot writes are for admins).</summary>
    public static RouteGroupBuilder MapSchedule(this RouteGroupBuilder group)
    {
        group.MapPost("/schedule", Schedule)
            .WithName("ScheduleRoutes")
            .WithSummary("Plans several working days × teams at once (OR-Tools, one model), keeping every enterprise due by its visiting cadence where it fits.")
            .WithDescription(
                $"Body: from, to (yyyy-MM-dd, at most {Ranges.ScheduleDays.Max} calendar days; longer is 400 schedule.range-too-long), start " +
                "{longitude, latitude} or startDepotId, end / endDepotId (optional), teams, startTime (default 08:30:00), endTime (17:30:00), " +
                "lunchStart/lunchEnd (12:00:00–13:30:00), serviceTimeSeconds (default 1800), speedKmh, timeLimitSeconds (default 10), stops " +
                "[{enterpriseId, mandatory, priority}], includeDue (default true: every enterprise due on `to` by the district's cadence is a " +
                "mandatory stop), sectors (default every sector; a department officer's own sectors), district, crs. Working days skip weekends " +
                "and the district's holidays and include its worked weekend days (GET /routes/schedule-settings). One routing model holds a " +
                "vehicle per day and team; visits keep to the working day, the enterprise's opening hours and the lunch break. Each working day " +
                "is answered as a stored plan with clock times (China Standard Time) and its GPX, CSV and visit-sheet links. Mandatory stops " +
                "that do not fit are listed in unplacedMandatoryEnterpriseIds and dropped with their reason. Quotas and the 503 as for /routes/plan. " +
                "On a district with a road network the days are planned on roads exactly as /routes/plan is (distanceKind Road, roadSpeeds, legPath; " +
                "stops no road reaches dropped with NoRoadNearby or NotConnectedByRoad; the road matrix counts against timeLimitSeconds).")
            .Produces<ScheduledRoutes>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/due", GetDue)
            .WithName("GetRoutesDue")
            .WithSummary("Enterprises due for an inspection by the district's visiting cadence (检查频次) on asOf, most overdue first.")
            .WithDescription(
                "An enterprise is due when its last inspection on or before asOf plus its interval is on or before asOf, or when it was never " +
                "inspected. Its interval is the shortest of the district's cadence rules that apply (risk class OpenMajorHazard, AboveScale or " +
                "Any, for one sector or all); without rules of its own the district uses the defaults: open major hazard monthly (30 days), " +
                "above-scale enterprises of the high-risk sectors quarterly (91), others yearly (365). Within the caller's townships; a " +
                "department officer sees their own sectors unless sector is given.")
            .Produces<RouteDueList>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/schedule-settings", GetSettings)
            .WithName("GetScheduleSettings")
            .WithSummary("A district's schedule settings: holidays, worked weekend days and visiting cadence rules (or the defaults).")
            .WithDescription("Defaults: the 2026 public holidays and worked weekend days of the State Council General Office's notice of 4 November 2025; the cadence of GET /routes/due.")
            .Produces<ScheduleSettingsDto>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/schedule-settings", PutSettings)
            .RequireAuthorization(Policies.Admin)
            .WithName("PutScheduleSettings")
            .WithSummary("Replaces a district's schedule settings (admins).")
            .WithDescription("A cadence rule for an unknown sector is 400 naming cadence[i].sector; two rules for the same class and sector are 400 naming the second. Nothing is stored on a 400.")
            .Produces<ScheduleSettingsDto>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/depots", GetDepots)
            .WithName("GetDepots")
            .WithSummary("A district's depots: named places teams leave from or return to (township governments, the department's office).")
            .WithDescription("Use a depot's id as startDepotId or endDepotId of a schedule; its name is printed on the visit sheet.")
            .Produces<DepotList>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/depots", PostDepot)
            .RequireAuthorization(Policies.Admin)
            .WithName("CreateDepot")
            .WithSummary("Adds a depot to a district (admins).")
            .WithDescription("The name must be new in the district (409 otherwise); location in WGS-84, in China (400 schedule.depot-outside-china " +
                "naming location, e.g. for 0, 0) and within 2 km of the district's outline (400 schedule.depot-outside-district).")
            .Produces<DepotDto>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    /// <summary>
    /// Schedules <paramref name="body"/>: the district's settings, the start and end (depots by id), the stops given and the
    /// enterprises due on <c>to</c>, the solve within the quotas, then one stored plan per working day.
    /// </summary>
    internal static async Task<Results<Ok<ScheduledRoutes>, ProblemHttpResult>> Schedule(ScheduleRouteRequest body, HttpContext http, ReadScope scope,
        RiskMapDbContext db, NpgsqlDataSource dataSource, TimeProvider time, RoutePlanStore store, RoutePlanGate gate, IOptions<RoutingOptions> options,
        [FromServices] DistanceMatrixSource distances, RoadNetworks roads, IStringLocalizer<Messages> localizer, CancellationToken cancellationToken)
    {
        var system = Crs.Parse(body.Crs) ?? GeographicSystem.Wgs84;
        var (district, problem) = await Areas.DistrictAsync(db, body.District, cancellationToken);
        if (problem is not null) return problem;
        var from = body.From!.Value;
        var to = body.To!.Value;
        var (calendar, cadence, _) = await SettingsAsync(db, district!, cancellationToken);
        var workingDays = calendar.WorkingDays(from, to);
        if (workingDays.Count == 0) return Problems.Invalid("to", RoutingProblemCodes.NoWorkingDay, Day(from), Day(to));

        var (start, startName, startProblem) = await PlaceAsync(db, district!, system, body.Start, body.StartDepotId, "startDepotId", cancellationToken);
        if (startProblem is not null) return startProblem;
        LonLat? end = null;
        string? endName = null;
        if (body.End is not null || body.EndDepotId is not null)
        {
            var (endPoint, name, endProblem) = await PlaceAsync(db, district!, system, body.End, body.EndDepotId, "endDepotId", cancellationToken);
            if (endProblem is not null) return endProblem;
            (end, endName) = (endPoint, name);
        }

        // The stops given, checked like a plan's; then the due enterprises as mandatory stops.
        var given = body.Stops?.Select(s => s!).ToList() ?? [];
        var givenIds = given.Select(s => s.EnterpriseId!.Value).Distinct().ToList();
        var found = (await RoutingQueries.ByIdsAsync(dataSource, givenIds, district!, to, cancellationToken)).ToDictionary(r => r.Risk.EnterpriseId);
        var unknown = given.Select((s, i) => (s, i))
            .Where(x => !found.TryGetValue(x.s.EnterpriseId!.Value, out var row) || !scope.Covers(row.Township))
            .Select(x => new FieldError($"stops[{x.i}].enterpriseId", RoutingProblemCodes.EnterpriseUnknown, x.s.EnterpriseId!.Value))
            .ToList();
        if (unknown.Count > 0) return Problems.Invalid(unknown);

        var due = body.IncludeDue
            ? Due(await RoutingQueries.CandidatesAsync(dataSource, new CandidateFilter(district!, null, body.Sectors ?? OwnSectors(http.User), null, null, null, null,
                null, to, scope.AsArray(), IncludeUnplaced: scope.IsEverything), cancellationToken), cadence, to)
            : [];
        foreach (var (row, _, _) in due) found.TryAdd(row.Risk.EnterpriseId, row);
        var scores = found.Values.ToDictionary(r => r.Risk.EnterpriseId, r => RiskScore.Compute(r.Risk, to));

        var stops = new Dictionary<long, (bool Mandatory, int Priority)>();
        foreach (var s in given)
        {
            var id = s.EnterpriseId!.Value;
            var priority = s.Priority ?? RoutingQueries.Priority(scores[id]);
            stops[id] = stops.TryGetValue(id, out var had) ? (had.Mandatory || s.Mandatory, Math.Max(had.Priority, priority)) : (s.Mandatory, priority);
        }
        // The most overdue first, up to the most stops one model takes; the rest are reported as not placed.
        var overflow = new List<long>();
        foreach (var (row, _, _) in due)
        {
            var id = row.Risk.EnterpriseId;
            if (stops.TryGetValue(id, out var had)) stops[id] = (true, had.Priority);
            else if (stops.Count < Ranges.Stops.Max) stops[id] = (true, RoutingQueries.Priority(scores[id]));
            else overflow.Add(id);
        }
        var ids = stops.Keys.ToList();
        var opening = await OpeningHoursAsync(db, ids, cancellationToken);

        var hours = body.Hours;
        var limit = TimeSpan.FromSeconds(body.TimeLimitSeconds);
        var request = new ScheduleRequest(start!.Value, end, workingDays, body.Teams, hours, body.ServiceTimeSeconds, body.SpeedKmh, limit,
            [.. stops.Select(p =>
            {
                var row = found[p.Key];
                return new ScheduleStop(RoutingApi.Key(p.Key), new LonLat(row.Longitude, row.Latitude), p.Value.Mandatory, p.Value.Priority,
                    opening.TryGetValue(p.Key, out var h) ? h : null);
            })]);

        using var admission = gate.Admit(RoutingApi.UserKey(http.User), limit);
        if (admission.Refusal is { } refusal) return RoutingApi.TooMany(http, refusal, admission.RetryAfter, options.Value);

        // Roads when the district has a network, as for a one-day plan: the stops no road reaches are left out with the reason,
        // and the matrix counts against the time limit.
        var (road, roadProblem) = await RoadPlans.PrepareAsync(roads, district!, new RoutePlanRequest
        {
            Start = request.Start, End = request.End, Teams = body.Teams, ServiceTimeSeconds = body.ServiceTimeSeconds, SpeedKmh = body.SpeedKmh,
            SolverTimeLimit = limit,
            Stops = [.. request.Stops.Select(s => new RouteStop(s.Id, s.Location.Longitude, s.Location.Latitude, s.Mandatory, s.Priority))],
        }, cancellationToken);
        if (roadProblem is not null) return roadProblem;
        if (road is not null)
        {
            var kept = road.Request.Stops.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            request = request with { Stops = [.. request.Stops.Where(s => kept.Contains(s.Id))], TimeLimit = road.Request.EffectiveSolverTimeLimit };
            distances = road.Distances;
        }
        SchedulePlan plan;
        using (var lease = await gate.EnterAsync(limit, cancellationToken))
        {
            if (lease is null)
                return Problems.RetryLater(http, StatusCodes.Status503ServiceUnavailable, RoutingProblemCodes.PlannerBusy, limit, limit.TotalSeconds);
            plan = await RouteScheduler.ScheduleAsync(request, distances, cancellationToken);
        }
        if (road is not null) plan = plan with { Dropped = [.. plan.Dropped, .. road.Unreachable] };

        var texts = new RouteTexts(localizer);
        var created = time.GetUtcNow();
        var settings = new RoutePlanRequest
        {
            Start = request.Start, End = request.End, Stops = [], Teams = body.Teams, ServiceTimeSeconds = body.ServiceTimeSeconds,
            SpeedKmh = body.SpeedKmh, SolverTimeLimit = limit,
        };
        var days = new List<PlannedRoutes>(plan.Days.Count);
        foreach (var day in plan.Days)
        {
            var dayPlan = new RoutePlan(plan.Status, plan.DistanceKind, day.Teams, [], [], [], day.Teams.Sum(t => t.TotalDistanceMetres), plan.SolveTime, limit);
            var answer = RoutingApi.Describe(RoutePlanStore.NewId(), created, created + store.Lifetime, false, dayPlan, settings, found, scores, day.Day,
                district!, hours, opening, (startName, endName));
            if (road is not null) answer = await RoadPlans.WithPathsAsync(roads, district!, road, answer, cancellationToken);
            var stored = new StoredPlan(answer, [.. day.Teams.SelectMany(t => t.Visits).Select(v => found[long.Parse(v.StopId, System.Globalization.CultureInfo.InvariantCulture)].Township)],
                RoutingApi.UserKey(http.User));
            await store.AddAsync(stored, cancellationToken);
            days.Add(RoutingApi.In(RoutingApi.Worded(stored, texts), system));
        }
        var dropped = plan.Dropped.Select(d => (Id: long.Parse(d.StopId, System.Globalization.CultureInfo.InvariantCulture), d.Mandatory, Reason: d.Reason.ToString()))
            .Concat(overflow.Select(id => (Id: id, Mandatory: true, Reason: nameof(DropReason.NotPlacedBySolver))))
            .Select(d => new PlannedDrop(d.Id, found[d.Id].Name, d.Mandatory, d.Reason, texts.DropExplanation(d.Reason), found[d.Id].Flags))
            .ToList();
        var unplaced = dropped.Where(d => d.Mandatory).Select(d => d.EnterpriseId).ToList();
        var skipped = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).Where(d => !calendar.IsWorkingDay(d))
            .Select(d => new SkippedDay(d, d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? "Weekend" : "Holiday")).ToList();
        var status = unplaced.Count > 0 ? SolveStatus.Infeasible : plan.Status;
        return TypedResults.Ok(new ScheduledRoutes(from, to, district!, status.ToString(), plan.DistanceKind.ToString(), workingDays, skipped, days, dropped,
            stops.Count(s => s.Value.Mandatory) + overflow.Count, unplaced, plan.SolveTime.TotalSeconds, limit.TotalSeconds));
    }

    /// <summary>The enterprises due on <paramref name="query"/>'s day by the district's cadence, most overdue (never inspected) first.</summary>
    internal static async Task<Results<Ok<RouteDueList>, ProblemHttpResult>> GetDue([AsParameters] RouteDueQuery query, HttpContext http, ReadScope scope,
        RiskMapDbContext db, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        var townships = query.Township?.Codes;
        if (townships?.FirstOrDefault(t => !scope.Covers(t)) is { } outside) return Problems.OutsideScope("township", outside);
        var (district, problem) = await Areas.DistrictAsync(db, query.District, cancellationToken);
        if (problem is not null) return problem;
        foreach (var code in townships ?? [])
        {
            if (await Areas.TownshipExistsAsync(db, code, district, cancellationToken) is { } missing) return missing;
        }
        var day = query.AsOf ?? CampaignCalendar.Today(time);
        var (_, cadence, _) = await SettingsAsync(db, district!, cancellationToken);
        var rows = await RoutingQueries.CandidatesAsync(dataSource, new CandidateFilter(district!, townships, query.Sector?.Codes ?? OwnSectors(http.User),
            null, null, null, null, null, day, scope.AsArray(), IncludeUnplaced: scope.IsEverything && townships is null), cancellationToken);
        var items = Due(rows, cadence, day).Select(d => new RouteDueEnterprise(d.Row.Risk.EnterpriseId, d.Row.Name, d.Row.Risk.SectorCode!, d.Row.Risk.AboveScale,
            d.Row.Township, d.Row.TownshipName, d.Row.Risk.OpenMajorHazards, d.Row.Risk.LastInspectedOn, d.IntervalDays, d.DueOn,
            d.DueOn is { } on ? day.DayNumber - on.DayNumber : null)).ToList();
        return TypedResults.Ok(new RouteDueList(day, district!, items.Count, [.. cadence.Rules.Select(Dto)], items));
    }

    /// <summary>The district's settings, or the defaults marked as such.</summary>
    internal static async Task<Results<Ok<ScheduleSettingsDto>, ProblemHttpResult>> GetSettings([AsParameters] ScheduleDistrictQuery query, RiskMapDbContext db,
        CancellationToken cancellationToken)
    {
        var (district, problem) = await Areas.DistrictAsync(db, query.District, cancellationToken);
        if (problem is not null) return problem;
        var (calendar, cadence, isDefault) = await SettingsAsync(db, district!, cancellationToken);
        return TypedResults.Ok(new ScheduleSettingsDto(district, [.. calendar.Holidays.Order()], [.. calendar.WorkingWeekendDays.Order()],
            [.. cadence.Rules.Select(Dto)], isDefault));
    }

    /// <summary>Replaces the district's settings (validated before this runs) in one statement.</summary>
    internal static async Task<Results<Ok<ScheduleSettingsDto>, ProblemHttpResult>> PutSettings(ScheduleSettingsDto body, RiskMapDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (district, problem) = await Areas.DistrictAsync(db, body.District, cancellationToken);
        if (problem is not null) return problem;
        var rules = body.Cadence!.Select(r => new CadenceRule(r!.RiskClass!.Value, r.Sector, r.IntervalDays!.Value)).ToList();
        var row = await db.ScheduleSettings.FindAsync([district], cancellationToken);
        if (row is null)
        {
            row = new ScheduleSetting { DistrictCode = district!, CadenceRules = "[]" };
            db.ScheduleSettings.Add(row);
        }
        row.Holidays = [.. body.Holidays!.Distinct().Order()];
        row.WorkingWeekendDays = [.. body.WorkingWeekendDays!.Distinct().Order()];
        row.CadenceRules = JsonSerializer.Serialize(rules, Json);
        row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ScheduleSettingsDto(district, row.Holidays, row.WorkingWeekendDays, [.. rules.Select(Dto)], false));
    }

    /// <summary>The district's depots by name.</summary>
    internal static async Task<Results<Ok<DepotList>, ProblemHttpResult>> GetDepots([AsParameters] ScheduleDistrictQuery query, RiskMapDbContext db,
        CancellationToken cancellationToken)
    {
        var (district, problem) = await Areas.DistrictAsync(db, query.District, cancellationToken);
        if (problem is not null) return problem;
        var depots = await db.Depots.Where(d => d.DistrictCode == district).OrderBy(d => d.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(new DepotList(district!, [.. depots.Select(ToDto)]));
    }

    /// <summary>Metres from the district's outline within which a depot may lie (a township government near the border, a coarse outline).</summary>
    public const double DepotReachMetres = 2000;

    /// <summary>
    /// Adds a depot; 400 naming <c>location</c> when it lies outside China (<see cref="RoutingProblemCodes.DepotOutsideChina"/>, e.g.
    /// 0, 0) or farther than <see cref="DepotReachMetres"/> from the district (<see cref="RoutingProblemCodes.DepotOutsideDistrict"/>;
    /// ST_DWithin on geography); 409 when the district already has one of that name.
    /// </summary>
    internal static async Task<Results<Ok<DepotDto>, ProblemHttpResult>> PostDepot(CreateDepotRequest body, RiskMapDbContext db, CancellationToken cancellationToken)
    {
        var (district, problem) = await Areas.DistrictAsync(db, body.District, cancellationToken);
        if (problem is not null) return problem;
        if (body.Township is { } township && await Areas.TownshipExistsAsync(db, township, district, cancellationToken) is { } missing) return missing;
        // A position of 0, 0 (a missing one) or anywhere outside China or the district is refused, naming the field.
        var (lon, lat) = (body.Location!.Longitude!.Value, body.Location.Latitude!.Value);
        if (!ChinaOutline.Contains(lon, lat)) return Problems.Invalid("location", RoutingProblemCodes.DepotOutsideChina, lon, lat);
        var point = new Point(lon, lat) { SRID = 4326 };
        if (!await db.Districts.AnyAsync(d => d.Code == district && EF.Functions.IsWithinDistance(d.Boundary, point, DepotReachMetres, true), cancellationToken))
            return Problems.Invalid("location", RoutingProblemCodes.DepotOutsideDistrict, lon, lat, district!, DepotReachMetres / 1000);
        var name = body.Name!.Trim();
        if (await db.Depots.AnyAsync(d => d.DistrictCode == district && d.Name == name, cancellationToken))
            return Problems.Of(StatusCodes.Status409Conflict, RoutingProblemCodes.DepotExists, "name", name);
        var depot = new Depot
        {
            DistrictCode = district!, Name = name, TownshipCode = body.Township,
            Location = point, Source = null,
        };
        db.Depots.Add(depot);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToDto(depot));
    }

    /// <summary>
    /// The district's working calendar and cadence: its stored settings, or <see cref="WorkingCalendar.Official2026"/> and
    /// <see cref="VisitCadence.Default"/> (IsDefault true).
    /// </summary>
    internal static async Task<(WorkingCalendar Calendar, VisitCadence Cadence, bool IsDefault)> SettingsAsync(RiskMapDbContext db, string district,
        CancellationToken cancellationToken)
    {
        var row = await db.ScheduleSettings.AsNoTracking().FirstOrDefaultAsync(s => s.DistrictCode == district, cancellationToken);
        return row is null
            ? (WorkingCalendar.Official2026, VisitCadence.Default, true)
            : (new WorkingCalendar(row.Holidays.ToHashSet(), row.WorkingWeekendDays.ToHashSet()),
                new VisitCadence(JsonSerializer.Deserialize<List<CadenceRule>>(row.CadenceRules, Json) ?? []), false);
    }

    /// <summary>The opening hours of those of <paramref name="ids"/> that have them, by enterprise id.</summary>
    internal static Task<Dictionary<long, OpeningHours>> OpeningHoursAsync(RiskMapDbContext db, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        db.Enterprises.Where(e => ids.Contains(e.Id) && e.OpensAt != null && e.ClosesAt != null)
            .Select(e => new { e.Id, e.OpensAt, e.ClosesAt }).ToDictionaryAsync(e => e.Id, e => new OpeningHours(e.OpensAt!.Value, e.ClosesAt!.Value), cancellationToken);

    /// <summary>The enterprises of <paramref name="rows"/> due on <paramref name="day"/>, never inspected first, then by due day.</summary>
    internal static List<(EnterpriseRisk Row, int IntervalDays, DateOnly? DueOn)> Due(IEnumerable<EnterpriseRisk> rows, VisitCadence cadence, DateOnly day) =>
        [.. rows.Select(r => (Row: r, Interval: cadence.IntervalDays(r.Risk.SectorCode, r.Risk.AboveScale, r.Risk.OpenMajorHazards)))
            .Where(x => x.Interval is not null)
            .Select(x => (x.Row, IntervalDays: x.Interval!.Value, DueOn: VisitCadence.DueOn(x.Row.Risk.LastInspectedOn, x.Interval.Value)))
            .Where(x => x.DueOn is null || x.DueOn <= day)
            .OrderBy(x => x.DueOn ?? DateOnly.MinValue).ThenBy(x => x.Row.Risk.EnterpriseId)];

    /// <summary>A department officer's own sectors (their claims); null for everyone else (every sector).</summary>
    internal static IReadOnlyCollection<string>? OwnSectors(ClaimsPrincipal user) =>
        user.IsInRole(Roles.DepartmentOfficer) && user.FindAll(RiskMapClaims.Sector).Select(c => c.Value).ToList() is { Count: > 0 } sectors ? sectors : null;

    private static async Task<(LonLat? Point, string? Name, ProblemHttpResult? Problem)> PlaceAsync(RiskMapDbContext db, string district, GeographicSystem system,
        PlanPoint? point, long? depotId, string field, CancellationToken cancellationToken)
    {
        if (depotId is not { } id) return (RoutingApi.ToWgs84(system, point!), null, null);
        var depot = await db.Depots.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.DistrictCode == district, cancellationToken);
        return depot is null
            ? (null, null, Problems.Invalid(field, RoutingProblemCodes.DepotUnknown, id))
            : (new LonLat(depot.Location.X, depot.Location.Y), depot.Name, null);
    }

    private static CadenceRuleDto Dto(CadenceRule rule) => new(rule.RiskClass, rule.Sector, rule.IntervalDays);

    private static DepotDto ToDto(Depot d) => new(d.Id, d.Name, d.TownshipCode, d.Location.X, d.Location.Y, d.Source);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
}
