using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RiskMap.Api.Contract;
using RiskMap.Api.Data;
using RiskMap.Api.Domain;
using RiskMap.Api.Features.Accounts;
using RiskMap.Api.Features.Field;
using RiskMap.Api.Features.Hazards;
using RiskMap.Api.Features.Ledger;

namespace RiskMap.Api.Features.Records;

/// <summary>
/// Maps the writes: inspections with their hazards, hazard status changes and deadline extensions, enforcement
/// actions; and a hazard's detail with its history. Every body is validated before the handler runs
/// (<see cref="RequestValidation"/>: one 400 naming each field by its JSON path); the handlers check what needs the
/// database or today's date, then <see cref="WriteAccess"/> for the enterprise concerned, and write the record with its
/// audit rows in one transaction. Every problem carries a code of <see cref="RecordProblemCodes"/>,
/// <see cref="HazardProblemCodes"/> or <see cref="ProblemCodes"/>.
/// </summary>
public static class RecordsApi
{
    /// <summary>Maps the endpoints on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapRecords(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("").WithTags("Hazards").RequireAuthorization(Policies.Read)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        read.MapGet("/hazards/{id:long}", GetHazard).WithName("GetHazard")
            .WithSummary("A hazard with its current status, the status it may move to, its version and its history.")
            .WithDescription("The hazard as stored today (not as of a day): its enterprise, level, dates, deadline, responsible " +
                             "person and supervision; nextStatus, the one step its lifecycle allows (null when Closed); version, to send " +
                             "back with a change; and every recorded change, oldest first, with who made it and the record before and " +
                             "after. A hazard of a township the caller may not read is 404, exactly like an unknown id.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var write = api.MapGroup("").RequireAuthorization(Policies.Write)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        write.MapPost("/inspections", RecordInspection).WithTags("Inspections").WithName("RecordInspection")
            .WithSummary("Records an inspection of an enterprise and the hazards it found (sector from the enterprise, found on the inspection day).")
            .WithDescription("The inspection and each hazard (status Open) are written with their audit rows in one transaction; the " +
                             "answer gives the new ids, hazards in request order. One 400 names every bad field by its JSON path " +
                             "(hazards[0].deadline); an enterprise the caller may not read answers like an unknown one (400 on " +
                             "enterpriseId), and one the caller's role, townships or sectors do not allow writing for is 403. An optional " +
                             "position (the phone's GPS) is kept with its distance to the enterprise, flagged beyond 500 m. " +
                             IdempotentWrites.Described).Idempotent();
        write.MapPost("/hazards/{id:long}/status", ChangeStatus).WithTags("Hazards").WithName("ChangeHazardStatus")
            .WithSummary("Moves a hazard to its next status: Open → Rectifying → Rectified → Closed (验收销号).")
            .WithDescription("Rectified and Closed need a date and a note. A stale version (someone else changed the hazard) is 409 " +
                             "with the current version, before any other judgement on the stored hazard; an illegal transition is 409 " +
                             "saying which one is allowed; a day before the previous step or in the future is 400. " + IdempotentWrites.Described)
            .Idempotent()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/hazards/{id:long}/deadline", ExtendDeadline).WithTags("Hazards").WithName("ExtendHazardDeadline")
            .WithSummary("Extends an open hazard's rectification deadline, with a reason; days before today keep the old deadline.")
            .WithDescription("The new deadline must be after the current one and counts from today: the as-of views of earlier days " +
                             "keep the deadline then in force. A stale version is 409 with the current version, before any other " +
                             "judgement on the stored hazard; a hazard no longer open (Rectified, Closed) is 409.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/enforcement-actions", RecordEnforcement).WithTags("Enforcement").WithName("RecordEnforcement")
            .WithSummary("Records an enforcement action: a document, a reminder interview, a case, or a fine in yuan.")
            .WithDescription("Written with its audit row in one transaction. A fine needs its amount (to the fen); other kinds take " +
                             "none. An enterprise the caller may not read answers like an unknown one (400 on enterpriseId); one the " +
                             "caller's role, townships or sectors do not allow writing for is 403.");
        return api;
    }

    /// <summary>
    /// The hazard <paramref name="id"/> with its history; 404 <see cref="HazardProblemCodes.HazardUnknown"/> when it does not
    /// exist or lies outside <paramref name="scope"/>.
    /// </summary>
    /// <param name="id">Hazard id.</param>
    /// <param name="scope">The townships the caller may read.</param>
    /// <param name="db">The database.</param>
    internal static async Task<Results<Ok<HazardDetail>, ProblemHttpResult>> GetHazard(long id, ReadScope scope, RiskMapDbContext db)
    {
        var hazard = await db.Hazards.Include(h => h.Enterprise).AsNoTracking().FirstOrDefaultAsync(h => h.Id == id);
        if (hazard is null || !scope.Covers(hazard.Enterprise!.TownshipCode)) return UnknownHazard(id);
        return TypedResults.Ok(await DescribeAsync(db, hazard));
    }

    /// <summary>
    /// Records an inspection and its hazards. 400 for an enterprise the caller cannot read, a day in the future, a null
    /// hazard or one whose deadline is before the inspection; 403 <see cref="RecordProblemCodes.NotYoursToChange"/>.
    /// </summary>
    internal static async Task<Results<Created<RecordedInspection>, ProblemHttpResult>> RecordInspection(RecordInspectionRequest request,
        ClaimsPrincipal user, RiskMapDbContext db, TimeProvider time)
    {
        var errors = new List<FieldError>();
        var enterprise = await EnterpriseAsync(db, request.EnterpriseId!.Value, ReadScope.For(user), errors);
        var date = request.Date!.Value;
        NotInFuture("date", date, CampaignCalendar.Today(time), errors);
        var requested = request.Hazards ?? [];
        for (var i = 0; i < requested.Count; i++)
        {
            // A JSON null in the list: validation skips it, so it is named here.
            if (requested[i] is not { } h) errors.Add(new FieldError($"hazards[{i}]", ProblemCodes.Required));
            else
            {
                if (h.Deadline < date) errors.Add(new FieldError($"hazards[{i}].deadline", RecordProblemCodes.DeadlineBeforeInspection, h.Deadline, date));
                if (Trimmed(h.CriterionClause) is { } clause && enterprise is not null)
                {
                    if (h.Level != HazardLevel.Major) errors.Add(new FieldError($"hazards[{i}].criterionClause", LedgerProblemCodes.CriterionMajorOnly));
                    else if (CriterionCatalogue.Embedded.Check(clause, enterprise.Sector, date) is { } fault)
                        errors.Add(new FieldError($"hazards[{i}].criterionClause", fault.Code, fault.Args));
                }
            }
        }
        if (errors.Count > 0) return Problems.Invalid(errors);
        if (!WriteAccess.Allows(user, WriteKind.RecordInspection, enterprise!.TownshipCode, enterprise.Sector)) return NotYoursToChange(enterprise);

        // Joined when the request carries an Idempotency-Key: its key row commits with the inspection (IdempotentWrites).
        await using var transaction = await JoinedTransaction.BeginOrJoinAsync(db);
        var inspection = new Inspection
        {
            EnterpriseId = enterprise.Id, Date = date, InspectionGroup = request.InspectionGroup!.Trim(), InspectorVisits = request.InspectorVisits!.Value,
        };
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync();
        var created = requested.Select(h => new Hazard
        {
            EnterpriseId = enterprise.Id, InspectionId = inspection.Id, Sector = enterprise.Sector, Level = h.Level!.Value,
            Description = h.Description!.Trim(), FoundOn = inspection.Date, Deadline = h.Deadline!.Value, Status = HazardStatus.Open,
            ResponsiblePerson = Trimmed(h.ResponsiblePerson), Supervised = h.Supervised, Source = h.Source, CriterionClause = Trimmed(h.CriterionClause),
            SupervisionLevel = h.Supervised ? SupervisionLevel.County : null, SupervisionListedOn = h.Supervised ? inspection.Date : null,
        }).ToList();
        db.Hazards.AddRange(created);
        await db.SaveChangesAsync();
        var position = request.Position is { } gps ? await InspectionPositions.RecordAsync(db, inspection.Id, gps) : null;
        var recorded = new RecordedInspection(inspection.Id, enterprise.Id, inspection.Date, inspection.InspectionGroup, inspection.InspectorVisits,
            [.. created.Select(h => h.Id)], position);
        Audit.Add(db, user, "inspection.create", "inspection", Id(inspection.Id), null, recorded);
        foreach (var hazard in created) Audit.Add(db, user, "hazard.create", "hazard", Id(hazard.Id), null, Snapshot(hazard));
        await db.SaveChangesAsync();
        // In the same transaction: the notification is written with the hazard or not at all; its webhooks go out after the commit.
        foreach (var hazard in created.Where(h => h.Level == HazardLevel.Major))
            await Notifications.Notifications.RaiseAsync(db, Notifications.NotificationKind.MajorHazard, hazard.Id, time, user.FindFirstValue(ClaimTypes.NameIdentifier));
        await transaction.CommitAsync();
        return TypedResults.Created($"/api/v1/inspections/{inspection.Id}", recorded);
    }

    /// <summary>
    /// Moves hazard <paramref name="id"/> one step along its lifecycle. In this order: 404 (unknown or unreadable), 403,
    /// 409 <see cref="HazardProblemCodes.ChangedMeanwhile"/> for a stale version, 409 for a step the lifecycle does not allow,
    /// 400 for a day in the future or before the previous step.
    /// </summary>
    /// <param name="id">Hazard id.</param>
    /// <param name="request">The step.</param>
    /// <param name="user">The caller.</param>
    /// <param name="db">The database.</param>
    /// <param name="time">The clock (today in China Standard Time).</param>
    internal static async Task<Results<Ok<HazardDetail>, ProblemHttpResult>> ChangeStatus(long id, HazardStatusRequest request, ClaimsPrincipal user,
        RiskMapDbContext db, TimeProvider time)
    {
        var today = CampaignCalendar.Today(time);
        var to = request.Status!.Value;
        var version = request.Version!.Value;
        var hazard = await db.Hazards.Include(h => h.Enterprise).FirstOrDefaultAsync(h => h.Id == id);
        if (hazard is null || !ReadScope.For(user).Covers(hazard.Enterprise!.TownshipCode)) return UnknownHazard(id);
        if (!WriteAccess.Allows(user, WriteKind.ChangeHazard, hazard.Enterprise!.TownshipCode, hazard.Sector)) return NotYoursToChange(hazard.Enterprise);
        // A stale version is the answer before anything judged on the stored state the caller has not seen.
        if (hazard.Version != version) return ChangedMeanwhile(version, hazard.Version);
        if (!HazardLifecycle.IsAllowed(hazard.Status, to))
        {
            return HazardLifecycle.Next(hazard.Status) is { } next
                ? Conflict(HazardProblemCodes.TransitionRefused, hazard.Version, hazard.Status, to, next)
                : Conflict(HazardProblemCodes.TransitionFinal, hazard.Version, hazard.Status, to);
        }
        // Closing out is the acceptance's (a second person, a document number: POST …/acceptance).
        if (to == HazardStatus.Closed) return Conflict(LedgerProblemCodes.CloseByAcceptance, hazard.Version, hazard.Id);
        if (to == HazardStatus.Rectifying && hazard.Level == HazardLevel.Major && !PlanOf(hazard).Complete)
            return Conflict(LedgerProblemCodes.PlanRequired, hazard.Version, hazard.Id);
        var date = request.Date ?? today;
        var previous = hazard.Status switch
        {
            HazardStatus.Rectifying => hazard.RectifyingOn ?? hazard.FoundOn,
            HazardStatus.Rectified => hazard.RectifiedOn!.Value,
            _ => hazard.FoundOn,
        };
        var errors = new List<FieldError>();
        NotInFuture("date", date, today, errors);
        if (date < previous) errors.Add(new FieldError("date", HazardProblemCodes.DateBeforePreviousStep, date, previous));
        if (errors.Count > 0) return Problems.Invalid(errors);

        var note = Trimmed(request.Note);
        var before = Snapshot(hazard);
        hazard.Status = to;
        switch (to)
        {
            case HazardStatus.Rectifying: hazard.RectifyingOn = date; break;
            case HazardStatus.Rectified: hazard.RectifiedOn = date; hazard.RectifiedBy = user.Identity!.Name; break;
            case HazardStatus.Closed: hazard.ClosedOn = date; break;
        }
        Audit.Add(db, user, "hazard.status", "hazard", Id(hazard.Id), before, Snapshot(hazard), note);
        // A rectified hazard awaits its acceptance (验收): the officers who may accept it are told, in the same transaction.
        return await SaveHazardAsync(db, hazard, version, to != HazardStatus.Rectified ? null
            : () => Notifications.Notifications.RaiseAsync(db, Notifications.NotificationKind.AcceptanceRequested, hazard.Id, time,
                user.FindFirstValue(ClaimTypes.NameIdentifier)));
    }

    /// <summary>
    /// Extends the deadline of hazard <paramref name="id"/>. In this order: 404 (unknown or unreadable), 403, 409
    /// <see cref="HazardProblemCodes.ChangedMeanwhile"/> for a stale version, 409 <see cref="HazardProblemCodes.DeadlineNotOpen"/>,
    /// 400 <see cref="HazardProblemCodes.DeadlineNotLater"/>.
    /// </summary>
    /// <param name="id">Hazard id.</param>
    /// <param name="request">The new deadline and the reason.</param>
    /// <param name="user">The caller.</param>
    /// <param name="db">The database.</param>
    /// <param name="time">The clock (the day the extension is granted, China Standard Time).</param>
    internal static async Task<Results<Ok<HazardDetail>, ProblemHttpResult>> ExtendDeadline(long id, DeadlineExtensionRequest request, ClaimsPrincipal user,
        RiskMapDbContext db, TimeProvider time)
    {
        var deadline = request.Deadline!.Value;
        var reason = request.Reason!.Trim();
        var version = request.Version!.Value;
        var hazard = await db.Hazards.Include(h => h.Enterprise).FirstOrDefaultAsync(h => h.Id == id);
        if (hazard is null || !ReadScope.For(user).Covers(hazard.Enterprise!.TownshipCode)) return UnknownHazard(id);
        if (!WriteAccess.Allows(user, WriteKind.ChangeHazard, hazard.Enterprise!.TownshipCode, hazard.Sector)) return NotYoursToChange(hazard.Enterprise);
        if (hazard.Version != version) return ChangedMeanwhile(version, hazard.Version);
        // A direct extension is a decision of the deciding role on its own initiative: the same people and rules as a request's approval.
        if (!LedgerRoles.MayDecideExtension(user, hazard)) return LedgerApi.DeciderRole(LedgerRoles.DecidingLevel(hazard));
        if (!HazardLifecycle.CanExtendDeadline(hazard.Status)) return Conflict(HazardProblemCodes.DeadlineNotOpen, hazard.Version, hazard.Status);
        var today = CampaignCalendar.Today(time);
        if (LedgerApi.DeadlineErrors(hazard, deadline, Trimmed(request.BeyondOneYearReason), today) is { Count: > 0 } errors) return Problems.Invalid(errors);

        var before = Snapshot(hazard);
        LedgerApi.Extend(db, hazard, deadline, reason, today);
        Audit.Add(db, user, "hazard.deadline", "hazard", Id(hazard.Id), before, Snapshot(hazard), reason);
        return await SaveHazardAsync(db, hazard, version);
    }

    /// <summary>
    /// Records an enforcement action. 400 for an enterprise the caller cannot read or a day in the future; 403
    /// <see cref="RecordProblemCodes.NotYoursToChange"/>.
    /// </summary>
    internal static async Task<Results<Created<RecordedEnforcement>, ProblemHttpResult>> RecordEnforcement(RecordEnforcementRequest request,
        ClaimsPrincipal user, RiskMapDbContext db, TimeProvider time)
    {
        var errors = new List<FieldError>();
        var enterprise = await EnterpriseAsync(db, request.EnterpriseId!.Value, ReadScope.For(user), errors);
        var date = request.Date!.Value;
        NotInFuture("date", date, CampaignCalendar.Today(time), errors);
        if (errors.Count > 0) return Problems.Invalid(errors);
        if (!WriteAccess.Allows(user, WriteKind.RecordEnforcement, enterprise!.TownshipCode, enterprise.Sector)) return NotYoursToChange(enterprise);

        var kind = request.Kind!.Value;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var action = new EnforcementAction
        {
            EnterpriseId = enterprise.Id, Date = date, Kind = kind, AmountYuan = kind == EnforcementKind.Fine ? request.AmountYuan : null,
        };
        db.EnforcementActions.Add(action);
        await db.SaveChangesAsync();
        var recorded = new RecordedEnforcement(action.Id, action.EnterpriseId, action.Date, action.Kind.ToString(), action.AmountYuan);
        Audit.Add(db, user, "enforcement.create", "enforcement_action", Id(action.Id), null, recorded);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return TypedResults.Created($"/api/v1/enforcement-actions/{action.Id}", recorded);
    }

    /// <summary>Saves a changed hazard expecting <paramref name="version"/>; 409 with the current version when someone else changed it first.</summary>
    internal static async Task<Results<Ok<HazardDetail>, ProblemHttpResult>> SaveHazardAsync(RiskMapDbContext db, Hazard hazard, uint version,
        Func<Task>? thenInTransaction = null)
    {
        db.Entry(hazard).Property(h => h.Version).OriginalValue = version;
        // With a follow-up (e.g. the notification of the change), both are one transaction: neither without the other.
        await using var transaction = thenInTransaction is null || db.Database.CurrentTransaction is not null ? null : await db.Database.BeginTransactionAsync();
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.Hazards.AsNoTracking().Where(h => h.Id == hazard.Id).Select(h => h.Version).FirstAsync();
            return ChangedMeanwhile(version, current);
        }
        if (thenInTransaction is not null) await thenInTransaction();
        if (transaction is not null) await transaction.CommitAsync();
        return TypedResults.Ok(await DescribeAsync(db, hazard));
    }

    /// <summary>
    /// 409 <see cref="HazardProblemCodes.ChangedMeanwhile"/>: the caller's <paramref name="version"/> is not the stored
    /// <paramref name="current"/> one (xmin).
    /// </summary>
    internal static ProblemHttpResult ChangedMeanwhile(uint version, uint current) => Conflict(HazardProblemCodes.ChangedMeanwhile, current, version, current);

    internal static async Task<HazardDetail> DescribeAsync(RiskMapDbContext db, Hazard h)
    {
        var key = Id(h.Id);
        var history = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == "hazard" && a.EntityId == key).OrderBy(a => a.Id)
            .Select(a => new HistoryEntry(a.At, a.UserName, a.Action, a.Note, a.Before, a.After)).ToListAsync();
        return new HazardDetail(h.Id, h.Reference, h.EnterpriseId, h.Enterprise!.Name, h.Enterprise.TownshipCode, h.Sector, h.Level.ToString(),
            h.Status.ToString(), HazardLifecycle.Next(h.Status)?.ToString(), h.Description, h.FoundOn, h.Deadline, h.RectifyingOn, h.RectifiedOn, h.ClosedOn,
            h.ResponsiblePerson, h.Supervised, h.Version, history, await LedgerAsync(db, h));
    }

    /// <summary>The ledger facts of <paramref name="h"/>: source, criterion, plan, supervision, acceptances and extension requests.</summary>
    private static async Task<HazardLedger> LedgerAsync(RiskMapDbContext db, Hazard h)
    {
        var acceptances = await db.HazardAcceptances.AsNoTracking().Where(a => a.HazardId == h.Id).OrderBy(a => a.Id)
            .Select(a => new HazardAcceptanceEntry(a.Id, a.AcceptedOn, a.Result.ToString(), a.DocumentNumber, a.Note, a.AcceptedBy)).ToListAsync();
        var requests = await db.ExtensionRequests.AsNoTracking().Where(x => x.HazardId == h.Id).OrderBy(x => x.Id)
            .Select(x => new HazardExtensionRequestEntry(x.Id, x.RequestedDeadline, x.Reason, x.BeyondOneYearReason, x.RequestedBy, x.RequestedAt,
                x.State.ToString(), x.DecidedBy, x.DecidedAt, x.DecisionReason)).ToListAsync();
        HazardCriterionCitation? criterion = null;
        if (h.CriterionClause is { } clause)
        {
            var found = CriterionCatalogue.Embedded.Find(clause);
            criterion = new HazardCriterionCitation(clause, found?.Clause.Text, found?.Document.Name, found?.Document.Number);
        }
        var plan = PlanOf(h);
        var supervision = h.Supervised
            ? new HazardSupervision(LedgerRoles.DecidingLevel(h).ToString(), h.SupervisingUnit, h.SupervisionListedOn, h.SupervisionDelistedOn,
                LedgerRoles.RolesFor(LedgerRoles.DecidingLevel(h)))
            : null;
        return new HazardLedger(h.Source.ToString(), criterion, plan.Complete || plan.Measures is not null ? plan : null, supervision, h.RectifiedBy,
            h.CloseDocumentNumber, acceptances, requests);
    }

    /// <summary>The rectification plan of <paramref name="h"/> (parts may be missing).</summary>
    internal static HazardPlan PlanOf(Hazard h) => new(h.PlanMeasures, h.PlanFundsYuan, h.PlanOwner, h.PlanInterimMeasures, h.PlanCompletionOn);

    /// <summary>The hazard's fields as they go into the audit trail.</summary>
    internal static object Snapshot(Hazard h) => new
    {
        h.Id, h.EnterpriseId, h.InspectionId, h.Sector, Level = h.Level.ToString(), h.Description, h.FoundOn, h.Deadline, h.RectifyingOn,
        h.RectifiedOn, h.ClosedOn, Status = h.Status.ToString(), h.ResponsiblePerson, h.Supervised, Source = h.Source.ToString(), h.CriterionClause,
        h.PlanMeasures, h.PlanFundsYuan, h.PlanOwner, h.PlanInterimMeasures, h.PlanCompletionOn, SupervisionLevel = h.SupervisionLevel?.ToString(),
        h.SupervisingUnit, h.SupervisionListedOn, h.SupervisionDelistedOn, h.RectifiedBy, h.CloseDocumentNumber,
    };

    /// <summary>
    /// The enterprise <paramref name="id"/> names, or null with <see cref="RecordProblemCodes.EnterpriseUnknown"/> on
    /// enterpriseId. One the caller may not read (another township's) answers exactly like an unknown id, so that ids
    /// cannot be probed.
    /// </summary>
    private static async Task<Enterprise?> EnterpriseAsync(RiskMapDbContext db, long id, ReadScope scope, List<FieldError> errors)
    {
        var enterprise = await db.Enterprises.FirstOrDefaultAsync(e => e.Id == id);
        if (enterprise is not null && scope.Covers(enterprise.TownshipCode)) return enterprise;
        errors.Add(new FieldError("enterpriseId", RecordProblemCodes.EnterpriseUnknown, id));
        return null;
    }

    /// <summary>Adds <see cref="RecordProblemCodes.DateInFuture"/> on <paramref name="field"/> when <paramref name="day"/> is after <paramref name="today"/>.</summary>
    internal static void NotInFuture(string field, DateOnly day, DateOnly today, List<FieldError> errors)
    {
        if (day > today) errors.Add(new FieldError(field, RecordProblemCodes.DateInFuture, day, today));
    }

    /// <summary>The text without its outer spaces, or null when nothing is left.</summary>
    internal static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    internal static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// 404 <see cref="HazardProblemCodes.HazardUnknown"/> for a hazard id that does not exist or that the caller may not
    /// read: both answer the same, so that ids of other townships' hazards cannot be probed (a named township outside the
    /// scope is 403 instead, docs/domain.md scope rules).
    /// </summary>
    internal static ProblemHttpResult UnknownHazard(long id) => Problems.NotFound(HazardProblemCodes.HazardUnknown, "id", id);

    /// <summary>403 <see cref="RecordProblemCodes.NotYoursToChange"/>: nothing about the enterprise (its township, its sector) but its id.</summary>
    internal static ProblemHttpResult NotYoursToChange(Enterprise enterprise)
        => Problems.Of(StatusCodes.Status403Forbidden, RecordProblemCodes.NotYoursToChange, null, enterprise.Id);

    /// <summary>409 with <paramref name="code"/> and the hazard's current version (member <c>currentVersion</c>).</summary>
    internal static ProblemHttpResult Conflict(string code, uint currentVersion, params object?[] args)
    {
        var problem = Problems.Details(StatusCodes.Status409Conflict, code, null, args);
        problem.Extensions["currentVersion"] = currentVersion;
        return TypedResults.Problem(problem);
    }
}
