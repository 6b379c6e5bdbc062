using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using RiskMap.Api.Contract;
using RiskMap.Api.Data;
using RiskMap.Api.Features.Accounts;

namespace RiskMap.Api.Features.ErrorReports;

/// <summary>
/// Maps <c>/api/v1/error-reports</c> (纠错): any signed-in user reports an error on an enterprise, hazard or township
/// they may read; admins and the officers of the enterprise's covering department see the reports in a queue and accept
/// or reject them (the fix itself goes through the normal edit paths); the reporter sees the outcome. Each write and its
/// audit row are saved in one transaction.
/// </summary>
public static class ErrorReportsApi
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    /// <summary>Maps the endpoints on <paramref name="api"/> (a group that already requires a signed-in user).</summary>
    public static RouteGroupBuilder MapErrorReports(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/error-reports").WithTags("ErrorReports");
        group.MapPost("/", Report).WithName("ReportError")
            .WithSummary("Reports an error on an enterprise, hazard or township the caller may read, with an optional proposed location.")
            .WithDescription("The report starts Open and goes to the queue of the admins and, for an enterprise or its hazard, of the " +
                             "officers of the enterprise's covering department. A record the caller may not read answers like an unknown " +
                             "one (400 on its id field); a report without text is 400.")
            .Produces<ErrorReportView>(StatusCodes.Status201Created, "application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/mine", Mine).WithName("GetMyErrorReports")
            .WithSummary("The caller's own error reports with their outcome, newest first.")
            .WithDescription("Every report the caller made, open or decided, with the decision, its reason, who decided and when.")
            .Produces<List<ErrorReportView>>(StatusCodes.Status200OK, "application/json");
        var deciders = group.MapGroup("").RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.DepartmentOfficer));
        deciders.MapGet("/queue", Queue).WithName("GetErrorReportQueue")
            .WithSummary("The error reports the caller decides: every report for an admin, those on the department's enterprises for an officer.")
            .WithDescription("Oldest first, optionally only one status. An admin sees every report; a department officer those on the " +
                             "enterprises their department covers and on these enterprises' hazards. Other roles are 403.")
            .Produces<List<ErrorReportView>>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem();
        deciders.MapPost("/{id:long}/decision", Decide).WithName("DecideErrorReport")
            .WithSummary("Accepts or rejects an open error report (a rejection with its reason).")
            .WithDescription("Open → Accepted or Rejected, once. A report outside the caller's queue is 404 like an unknown id; one " +
                             "already decided is 409. Accepting records the decision only: the fix is made through the normal edit paths.")
            .Produces<ErrorReportView>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return group;
    }

    /// <summary>
    /// Records a report. 400 <see cref="ErrorReportProblemCodes.SubjectUnknown"/> on the subject's id field for a record
    /// that does not exist or lies outside the caller's townships.
    /// </summary>
    internal static async Task<Results<Created<ErrorReportView>, ProblemHttpResult>> Report(ErrorReportRequest request, ClaimsPrincipal user,
        RiskMapDbContext db, CancellationToken cancellationToken)
    {
        var scope = ReadScope.For(user);
        var report = new ErrorReport
        {
            Subject = request.Subject!.Value, Text = request.Text!.Trim(), ReporterId = user.FindFirstValue(ClaimTypes.NameIdentifier)!,
            ReporterName = user.Identity!.Name!, ReportedAt = DateTimeOffset.UtcNow, Status = ErrorReportStatus.Open,
            ProposedLocation = request.Longitude is { } lon && request.Latitude is { } lat ? Wgs84.CreatePoint(new Coordinate(lon, lat)) : null,
        };
        switch (report.Subject)
        {
            case ErrorReportSubject.Enterprise:
                var enterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == request.EnterpriseId, cancellationToken);
                if (enterprise is null || !scope.Covers(enterprise.TownshipCode)) return Unknown("enterpriseId", request.EnterpriseId);
                report.EnterpriseId = enterprise.Id;
                break;
            case ErrorReportSubject.Hazard:
                var hazard = await db.Hazards.AsNoTracking().Include(h => h.Enterprise).FirstOrDefaultAsync(h => h.Id == request.HazardId, cancellationToken);
                if (hazard is null || !scope.Covers(hazard.Enterprise!.TownshipCode)) return Unknown("hazardId", request.HazardId);
                (report.HazardId, report.EnterpriseId) = (hazard.Id, hazard.EnterpriseId);
                break;
            default:
                var township = request.Township!;
                if (!scope.Covers(township) || !await db.Townships.AnyAsync(t => t.Code == township, cancellationToken)) return Unknown("township", township);
                report.TownshipCode = township;
                break;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ErrorReports.Add(report);
        await db.SaveChangesAsync(cancellationToken);
        var view = await ViewAsync(db, report.Id, cancellationToken);
        Audit.Add(db, user, "error-report.create", "error_report", Id(report.Id), null, view);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/error-reports/{report.Id}", view);
    }

    /// <summary>The caller's reports, newest first.</summary>
    internal static async Task<Ok<List<ErrorReportView>>> Mine(ClaimsPrincipal user, RiskMapDbContext db, CancellationToken cancellationToken)
    {
        var me = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return TypedResults.Ok(await Views(db.ErrorReports.Where(r => r.ReporterId == me).OrderByDescending(r => r.ReportedAt).ThenByDescending(r => r.Id))
            .ToListAsync(cancellationToken));
    }

    /// <summary>The caller's queue (<see cref="QueueOf"/>), oldest first.</summary>
    internal static async Task<Ok<List<ErrorReportView>>> Queue([AsParameters] ErrorReportQueueQuery query, ClaimsPrincipal user, RiskMapDbContext db,
        CancellationToken cancellationToken)
    {
        var reports = QueueOf(db, user);
        if (query.Status is { } status) reports = reports.Where(r => r.Status == status);
        return TypedResults.Ok(await Views(reports.OrderBy(r => r.ReportedAt).ThenBy(r => r.Id)).ToListAsync(cancellationToken));
    }

    /// <summary>
    /// Decides report <paramref name="id"/>. 404 <see cref="ErrorReportProblemCodes.ReportUnknown"/> outside the caller's
    /// queue; 409 <see cref="ErrorReportProblemCodes.ReportDecided"/> when it is no longer open (checked again by the
    /// update itself, so that two deciders at once cannot both win).
    /// </summary>
    /// <param name="id">Error report id.</param>
    /// <param name="decision">Accepted or Rejected, with the reason.</param>
    /// <param name="user">The caller.</param>
    /// <param name="db">The database.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    internal static async Task<Results<Ok<ErrorReportView>, ProblemHttpResult>> Decide(long id, ErrorReportDecision decision, ClaimsPrincipal user,
        RiskMapDbContext db, CancellationToken cancellationToken)
    {
        var report = await QueueOf(db, user).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null) return Problems.NotFound(ErrorReportProblemCodes.ReportUnknown, "id", id);
        if (report.Status != ErrorReportStatus.Open) return Decided(report);

        var reason = string.IsNullOrWhiteSpace(decision.Reason) ? null : decision.Reason.Trim();
        var status = decision.Status!.Value;
        var by = user.Identity!.Name!;
        var at = DateTimeOffset.UtcNow;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.ErrorReports.Where(r => r.Id == id && r.Status == ErrorReportStatus.Open).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, status).SetProperty(r => r.DecisionReason, reason).SetProperty(r => r.DecidedBy, by)
            .SetProperty(r => r.DecidedAt, at), cancellationToken);
        if (changed == 0) return Decided(await db.ErrorReports.AsNoTracking().FirstAsync(r => r.Id == id, cancellationToken));
        var before = await ViewAsync(db, id, cancellationToken) with { Status = nameof(ErrorReportStatus.Open), DecisionReason = null, DecidedBy = null, DecidedAt = null };
        var after = await ViewAsync(db, id, cancellationToken);
        Audit.Add(db, user, "error-report.decide", "error_report", Id(id), before, after, reason);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(after);
    }

    /// <summary>
    /// The reports <paramref name="user"/> decides: every report for an admin; for a department officer those whose
    /// enterprise (reported on, or the hazard's) is covered by the officer's department; none for anyone else.
    /// </summary>
    internal static IQueryable<ErrorReport> QueueOf(RiskMapDbContext db, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Admin)) return db.ErrorReports;
        var department = user.IsInRole(Roles.DepartmentOfficer) ? user.FindFirstValue(RiskMapClaims.Department) : null;
        return department is null ? db.ErrorReports.Where(_ => false) : db.ErrorReports.Where(r => r.Enterprise!.DepartmentCode == department);
    }

    private static IQueryable<ErrorReportView> Views(IQueryable<ErrorReport> reports) => reports.AsNoTracking().Select(r => new ErrorReportView(
        r.Id, r.Subject.ToString(), r.EnterpriseId, r.Enterprise!.Name, r.HazardId, r.Hazard!.Reference,
        r.TownshipCode ?? r.Enterprise!.TownshipCode, r.TownshipCode != null ? r.Township!.Name : r.Enterprise!.Township!.Name, r.Enterprise!.DepartmentCode,
        r.Text, r.ProposedLocation == null ? null : r.ProposedLocation.X, r.ProposedLocation == null ? null : r.ProposedLocation.Y,
        r.ReporterName, r.ReportedAt, r.Status.ToString(), r.DecisionReason, r.DecidedBy, r.DecidedAt));

    private static Task<ErrorReportView> ViewAsync(RiskMapDbContext db, long id, CancellationToken cancellationToken)
        => Views(db.ErrorReports.Where(r => r.Id == id)).FirstAsync(cancellationToken);

    private static ProblemHttpResult Unknown(string field, object? value) => Problems.Invalid(field, ErrorReportProblemCodes.SubjectUnknown, value);

    private static ProblemHttpResult Decided(ErrorReport report)
        => Problems.Of(StatusCodes.Status409Conflict, ErrorReportProblemCodes.ReportDecided, null, report.Id, report.Status);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
