using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Quartz;
using RiskMap.Api.Contract;
using RiskMap.Api.Data;
using RiskMap.Api.Domain;
using RiskMap.Api.Features.Accounts;
using RiskMap.Api.Features.Attachments;
using RiskMap.Api.Features.Hazards;
using RiskMap.Api.Features.Records;
using RiskMap.Api.Features.Routing;
using RiskMap.Api.Geo;

namespace RiskMap.Api.Features.Field;

/// <summary>
/// The phone page's server side (<c>wwwroot/field/</c>): giving a team of a stored route plan to an inspector for a day,
/// and the day's download for the inspector — their stops in visit order with each enterprise and its open hazards, and
/// the township outlines. The plans themselves are <see cref="RoutePlanStore"/>'s (read through its public methods);
/// the assignments are rows of <c>field_assignments</c> (Data/Sql/field_assignments.sql).
/// </summary>
public static class FieldApi
{
    /// <summary>Registers the idempotency settings (validated at start) and the cleanup of old keys.</summary>
    public static IServiceCollection AddRiskMapField(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdempotencyOptions>().Bind(configuration.GetSection(IdempotencyOptions.Section))
            .Validate(o => o.KeepDays is >= 30 and <= 3650, $"{IdempotencyOptions.Section}:KeepDays must be 30 … 3650 days.").ValidateOnStart();
        services.AddQuartz(q => q.ScheduleJob<IdempotencyCleanup>(t => t.WithIdentity("idempotency-cleanup-daily", "field")
            .WithCronSchedule("0 30 3 * * ?", c => c.InTimeZone(CampaignCalendar.TimeZone)), j => j.WithIdentity(IdempotencyCleanup.Key)));
        return services;
    }

    /// <summary>Maps the endpoints on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapField(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Field").RequireAuthorization(Policies.Read)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        // Who plans others' work gives routes: not an inspector (who drives them), not a district leader (who only reads).
        group.MapPut("/routes/plans/{id}/teams/{team:int}/assignment", Assign).WithName("AssignPlanTeam")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.DepartmentOfficer, Roles.TownshipChief))
            .WithSummary("Gives one team of a stored route plan to an inspector for a day (the phone page's 今日任务).")
            .WithDescription("An admin, department officer or township chief who may read the plan gives the team to an account with the " +
                             "account that records inspections (Inspector, TownshipChief, DepartmentOfficer, Admin) and may read every stop of the team; a second assignment of the same team replaces the " +
                             "first. A plan not stored or not readable by the caller is 404 like an unknown id; a team the plan does not " +
                             "have is 404; an unknown inspector or stops outside their townships is 400 on inspector.")
            .Produces<TeamAssignment>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/field/today", Today).WithName("GetFieldDay")
            .WithSummary("The caller's routes of a day with their enterprises, open hazards and township outlines (下载今日任务).")
            .WithDescription("Every team given to the caller for the day (default today, China Standard Time): the stops in visit order, " +
                             "only those in the caller's townships, each with the enterprise as stored now and its hazards Open or " +
                             "Rectifying with their versions; the outlines of the stops' townships; the attachment size limit and the " +
                             "distance beyond which a recorded position is flagged. A plan no longer stored is listed with no stops.")
            .Produces<FieldDay>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem();
        return api;
    }

    /// <summary>
    /// Stores the assignment of team <paramref name="team"/> of plan <paramref name="id"/>. In this order: 404
    /// <see cref="RoutingProblemCodes.PlanUnknown"/> (unknown, expired or not readable), 404
    /// <see cref="FieldProblemCodes.TeamUnknown"/>, 400 on inspector.
    /// </summary>
    /// <param name="id">The plan's id (32 hex digits), as <c>POST routes/plan</c> answered it.</param>
    /// <param name="team">The team, 1 … the plan's number of teams.</param>
    /// <param name="request">Who drives it, and when.</param>
    /// <param name="user">The caller.</param>
    /// <param name="store">The stored plans.</param>
    /// <param name="users">The accounts.</param>
    /// <param name="db">The database.</param>
    /// <param name="time">The clock.</param>
    internal static async Task<Results<Ok<TeamAssignment>, ProblemHttpResult>> Assign(string id, int team, TeamAssignmentRequest request,
        ClaimsPrincipal user, RoutePlanStore store, UserManager<RiskMapUser> users, RiskMapDbContext db, TimeProvider time)
    {
        var scope = ReadScope.For(user);
        if (await store.FindAsync(id) is not { } stored || !stored.Townships.All(scope.Covers))
            return Problems.NotFound(RoutingProblemCodes.PlanUnknown, "id", id, store.Lifetime.TotalHours);
        var plan = stored.Plan;
        if (team < 1 || team > plan.Teams.Count)
            return Problems.Of(StatusCodes.Status404NotFound, FieldProblemCodes.TeamUnknown, "team", team, plan.Teams.Count);

        var name = request.Inspector!.Trim();
        var inspector = await users.FindByNameAsync(name);
        var roles = inspector is null ? [] : await users.GetRolesAsync(inspector);
        if (inspector is null || !roles.Intersect(WriteAccess.WriterRoles).Any())
            return Problems.Invalid("inspector", FieldProblemCodes.InspectorUnknown, name);
        // The assignee's read scope, as ReadScope.For gives it from the same roles and township claims.
        var assignee = roles.Contains(Roles.Admin) || roles.Contains(Roles.DepartmentOfficer)
            ? ReadScope.Everything
            : ReadScope.Of(await db.UserTownships.AsNoTracking().Where(t => t.UserId == inspector.Id).Select(t => t.TownshipCode).ToListAsync());
        var outside = plan.Teams[team - 1].Visits.Count(v => !assignee.Covers(v.Township));
        if (outside > 0) return Problems.Invalid("inspector", FieldProblemCodes.InspectorScope, name, outside);

        var day = request.Day ?? plan.AsOf;
        var assignedBy = user.Identity!.Name!;
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await using (var command = Sql.CommandOn(db, """
            INSERT INTO field_assignments (plan_id, team, inspector, day, assigned_by, assigned_at)
            VALUES (@plan, @team, @inspector, @day, @by, @at)
            ON CONFLICT (plan_id, team) DO UPDATE SET inspector = excluded.inspector, day = excluded.day,
                assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at
            """))
        {
            command.Parameters.Text("plan", id);
            command.Parameters.AddWithValue("team", team);
            command.Parameters.Text("inspector", inspector.UserName);
            command.Parameters.Date("day", day);
            command.Parameters.Text("by", assignedBy);
            command.Parameters.AddWithValue("at", now);
            await command.ExecuteNonQueryAsync();
        }
        var assignment = new TeamAssignment(id, team, inspector.UserName!, day, assignedBy, now, plan.Teams[team - 1].Visits.Count);
        Audit.Add(db, user, "plan.assign", "route_plan", $"{id}/{team}", null, assignment);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return TypedResults.Ok(assignment);
    }

    /// <summary>The caller's day (<see cref="FieldDay"/>); stops outside the caller's townships are left out.</summary>
    /// <param name="query">The day.</param>
    /// <param name="user">The caller.</param>
    /// <param name="store">The stored plans.</param>
    /// <param name="db">The database.</param>
    /// <param name="dataSource">The database, for the raw queries.</param>
    /// <param name="time">The clock (today in China Standard Time).</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    internal static async Task<Ok<FieldDay>> Today([AsParameters] FieldDayQuery query, ClaimsPrincipal user, RoutePlanStore store,
        RiskMapDbContext db, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        var day = query.Day ?? CampaignCalendar.Today(time);
        var me = user.Identity!.Name!;
        var scope = ReadScope.For(user);
        var assignments = await Sql.QueryAsync(dataSource, """
            SELECT plan_id, team, assigned_by FROM field_assignments WHERE inspector = @inspector AND day = @day ORDER BY assigned_at, plan_id, team
            """, p => { p.Text("inspector", me); p.Date("day", day); },
            r => (PlanId: r.Get<string>("plan_id"), Team: r.Get<int>("team"), AssignedBy: r.Get<string>("assigned_by")), cancellationToken);

        // Each plan read once, however many of its teams the caller drives that day.
        var plans = new Dictionary<string, PlannedRoutes?>(StringComparer.Ordinal);
        foreach (var planId in assignments.Select(a => a.PlanId).Distinct())
            plans[planId] = (await store.FindAsync(planId, cancellationToken))?.Plan;
        var routes = new List<(string PlanId, int Team, string AssignedBy, PlannedRoutes? Plan, IReadOnlyList<PlannedVisitStop> Visits)>();
        foreach (var a in assignments)
        {
            var plan = plans[a.PlanId];
            var visits = plan is not null && a.Team <= plan.Teams.Count
                ? plan.Teams[a.Team - 1].Visits.Where(v => scope.Covers(v.Township)).ToList()
                : [];
            routes.Add((a.PlanId, a.Team, a.AssignedBy, plan, visits));
        }
        var ids = routes.SelectMany(r => r.Visits).Select(v => v.EnterpriseId).Distinct().ToList();
        var enterprises = await db.Enterprises.AsNoTracking().Include(e => e.Township).Where(e => ids.Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, cancellationToken);
        var hazards = (await db.Hazards.AsNoTracking()
                .Where(h => ids.Contains(h.EnterpriseId) && (h.Status == HazardStatus.Open || h.Status == HazardStatus.Rectifying))
                .OrderBy(h => h.FoundOn).ThenBy(h => h.Id).ToListAsync(cancellationToken))
            .ToLookup(h => h.EnterpriseId);

        var answer = routes.Select(r => new FieldRoute(r.PlanId, r.Team, r.AssignedBy, r.Plan is not null,
            r.Plan is null ? null : new FieldPoint(r.Plan.Start.Longitude, r.Plan.Start.Latitude),
            [.. r.Visits.Where(v => enterprises.ContainsKey(v.EnterpriseId)).Select(v => Stop(v, enterprises[v.EnterpriseId], hazards[v.EnterpriseId],
                day.DayNumber - r.Plan!.AsOf.DayNumber))]))
            .ToList();
        var codes = answer.SelectMany(r => r.Stops).Select(s => s.Township).OfType<string>().Distinct().ToArray();
        var outlines = await Sql.QueryAsync(dataSource, """
            SELECT code, name, ST_AsGeoJSON(ST_Multi(ST_SimplifyPreserveTopology(boundary, 0.0001)), 6) AS geometry
            FROM townships WHERE code = ANY(@codes) ORDER BY code
            """, p => p.TextArray("codes", codes),
            r => new FieldTownshipFeature("Feature", new RawGeoJson(r.Get<string>("geometry")), new FieldTownshipProperties(r.Get<string>("code"), r.Get<string>("name"))),
            cancellationToken);
        return TypedResults.Ok(new FieldDay(day, me, time.GetUtcNow(), answer, new FieldTownshipCollection("FeatureCollection", outlines),
            AttachmentRules.MaxBytes, InspectionPosition.FarFromEnterpriseMetres));
    }

    // The plan's clock times fall on the plan's own day (its AsOf); the team drives it on the assigned day, so each arrival
    // moves by the days between them, keeping its time of day.
    private static FieldStop Stop(PlannedVisitStop visit, Enterprise e, IEnumerable<Hazard> hazards, int daysToAssignedDay) => new(visit.Sequence, e.Id,
        e.Name, e.CreditCode, e.Sector, e.Address, e.TownshipCode, e.Township?.Name, e.Location.X, e.Location.Y, e.OpensAt, e.ClosesAt,
        visit.ArrivalTime?.AddDays(daysToAssignedDay),
        [.. hazards.Select(h => new FieldHazard(h.Id, h.Reference, h.Level.ToString(), h.Status.ToString(), HazardLifecycle.Next(h.Status)?.ToString(),
            h.Description, h.FoundOn, h.Deadline, h.ResponsiblePerson, h.Version))]);
}
