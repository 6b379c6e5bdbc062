using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RiskMap.Api.Contract;
using RiskMap.Api.Data;
using RiskMap.Api.Domain;
using RiskMap.Api.Features.Accounts;
using RiskMap.Api.Features.Attachments;
using RiskMap.Api.Features.Hazards;
using RiskMap.Api.Features.Notifications;
using RiskMap.Api.Features.Records;

namespace RiskMap.Api.Features.Ledger;

/// <summary>
/// Maps the hazard ledger's writes (rectification plan, supervision, deadline extension requests and their decisions,
/// acceptance and 销号) and the criterion catalogue. Every write answers in this order: 404 for a hazard that does not
/// exist or lies outside the caller's townships; 403 when the caller may not change it; 409
/// <see cref="HazardProblemCodes.ChangedMeanwhile"/> for a stale version, before any judgement on the stored hazard; then
/// the rule's own 403/409/400 (<see cref="LedgerProblemCodes"/>). Each write and its audit row are one transaction
/// (one SaveChanges guarded by the hazard's version), so of concurrent writes with the same version exactly one wins.
/// </summary>
public static class LedgerApi
{
    /// <summary>Maps the endpoints on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapLedger(this RouteGroupBuilder api)
    {
        api.MapGet("/hazard-criteria", GetCriteria).WithTags("Hazards").WithName("GetHazardCriteria").RequireAuthorization(Policies.Read)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesValidationProblem()
            .Produces<HazardCriteriaAnswer>(StatusCodes.Status200OK, "application/json")
            .WithSummary("The versioned catalogue of national criteria for major hazards (判定依据), with document numbers, dates in force and clauses.")
            .WithDescription("Each document names its issuing body, number, the days it is in force, the sectors it covers and where it is " +
                             "published; a Major hazard cites one clause as {document id}:{clause id}, which must be in force on its found " +
                             "day. sector and on narrow the list (on: documents in force that day).");

        var write = api.MapGroup("/hazards/{id:long}").WithTags("Hazards").RequireAuthorization(Policies.Write)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        write.MapPut("/plan", SetPlan).WithName("SetHazardPlan")
            .Produces<HazardDetail>(StatusCodes.Status200OK, "application/json")
            .WithSummary("Sets an open hazard's rectification plan (五到位): measures, funds in yuan, owner, interim measures, completion day.")
            .WithDescription("All five parts are required; a Major hazard enters Rectifying only with a plan. The completion day may not " +
                             "be before the found day. A hazard no longer open (Rectified, Closed) is 409.");
        write.MapPut("/supervision", SetSupervision).WithName("SetHazardSupervision")
            .Produces<HazardDetail>(StatusCodes.Status200OK, "application/json")
            .WithSummary("Lists an open hazard for supervision (挂牌督办) at county, city or province level, with the supervising unit and day.")
            .WithDescription("Only the level's role may list (County: a DepartmentOfficer of the hazard's sector or an Admin; City, " +
                             "Province: an Admin); the same role later decides its extensions and accepts it. The listing day is " +
                             "neither before the found day nor in the future; the hazard is delisted when it is closed out.");
        write.MapPost("/extension-requests", RequestExtension).WithName("RequestHazardExtension")
            .Produces<HazardDetail>(StatusCodes.Status200OK, "application/json")
            .WithSummary("Requests an extension of an open hazard's deadline (延期申请), decided later by another user.")
            .WithDescription("The deadline asked for must be after today and after the current one, and at most one year after the found " +
                             "day unless beyondOneYearReason says why. One undecided request per hazard (409 otherwise).");
        write.MapPost("/extension-requests/{requestId:long}/decision", DecideExtension).WithName("DecideHazardExtension")
            .Produces<HazardDetail>(StatusCodes.Status200OK, "application/json")
            .WithSummary("Approves or rejects a pending extension request, with a reason; an approval extends the deadline from today.")
            .WithDescription("Decided by a user other than the requester whose role decides for the hazard (County or unsupervised: a " +
                             "DepartmentOfficer of its sector or an Admin; City, Province: an Admin). An approval checks the deadline " +
                             "rules again on the day of the decision. The decision goes into the hazard's history.");
        write.MapPost("/acceptance", Accept).WithName("AcceptHazard")
            .Produces<HazardDetail>(StatusCodes.Status200OK, "application/json")
            .WithSummary("Accepts a Rectified hazard (验收): Pass closes it out (销号) with the document number, Fail sends it back to Rectifying.")
            .WithDescription("By a user other than the one who marked it Rectified; a supervised hazard only by its supervising level's " +
                             "role. The day is neither before the rectified day nor in the future. Of concurrent acceptances with the " +
                             "same version exactly one wins; the others get 409.");
        return api;
    }

    /// <summary>The criterion catalogue, filtered by <paramref name="query"/>.</summary>
    internal static Ok<HazardCriteriaAnswer> GetCriteria([AsParameters] HazardCriteriaQuery query)
    {
        var catalogue = CriterionCatalogue.Embedded;
        var sector = string.IsNullOrWhiteSpace(query.Sector) ? null : query.Sector.Trim();
        var documents = catalogue.Documents
            .Where(d => sector is null || d.Sectors.Contains(sector))
            .Where(d => query.On is not { } on || (d.InForceFrom <= on && (d.InForceUntil is null || d.InForceUntil >= on)))
            .ToList();
        return TypedResults.Ok(new HazardCriteriaAnswer(catalogue.Version, documents));
    }

    /// <summary>Sets the rectification plan of hazard <paramref name="id"/>.</summary>
    /// <param name="id">Hazard id.</param>
    /// <param name="request">The body.</param>
    /// <param name="user">The caller.</param>
    /// <param name="db">The database.</param>
    internal static async Task<Results<Ok<HazardDetail>, ProblemHttpResult>> SetPlan(long id, HazardPlanRequest request, ClaimsPrincipal user,
        RiskMapDbContext db)
    {
        var (hazard, problem) = await LoadAsync(db, id, user, request.Version!.Value);
        if (problem is not null) return problem;
        if (!HazardLifecycle.CanExtendDeadline(hazard!.Status)) return RecordsApi.Conflict(LedgerProblemCodes.NotOpen, hazard.Version, hazard.Status);
        var completion = request.PlannedCompletionOn!.Value;
        if (completion < hazard.FoundOn) return Problems.Invalid("plannedCompletionOn", LedgerProblemCodes.DayTooEarly, completion, hazard.FoundOn);

        var before = RecordsApi.Snapshot(hazard);
        hazard.PlanMeasures = request.Measures!.Trim();
        hazard.PlanFundsYuan = request.FundsYuan!.Value;
        hazard.PlanOwner = request.Owner!.Trim();
        hazard.PlanInterimMeasures = request.InterimMeasures!.Trim();
        hazard.PlanCompletionOn = completion;
        Audit.Add(db, user, "hazard.plan", "hazard", RecordsApi.Id(hazard.Id), before, RecordsApi.Snapshot(hazard));
        return await RecordsApi.SaveHazardAsync(db, hazard, request.Version!.Value);
    }

    /// <summary>Lists hazard <paramref name="id"/> for supervision.</summary>
    /// <param name="id">Hazard id.</param>
    /// <param name="request">The body.</param>
    /// <param name="user">The caller.</param>
    /// <param name="db">The database.</param>
    /// <param name="time">The clock (today in China Standard Time).</param>
    internal static async Task<Results<Ok<HazardDetail>, ProblemHttpResult>> SetSupervision(long id, HazardSupervisionRequest request,
        ClaimsPrincipal user, RiskMapDbContext db, TimeProvider time)
    {
        var (hazard, problem) = await LoadAsync(db, id, user, request.Version!.Value);
        if (problem is not null) return problem;
        var level = request.Level!.Value;
        if (!LedgerRoles.ActsFor(user, level, hazard!.Sector)) return DeciderRole(level);
        // A listing already made at a higher level is changed only by that level's role: lowering it is no way around it.
        if (hazard.Supervised && LedgerRoles.DecidingLevel(hazard) is var current && !LedgerRoles.ActsFor(user, current, hazard.Sector))
            return DeciderRole(current);
        if (!HazardLifecycle.CanExtendDeadline(hazard.Status)) return RecordsApi.Conflict(LedgerProblemCodes.NotOpen, hazard.Version, hazard.Status);
        var listedOn = request.ListedOn!.Value;
        var errors = new List<FieldError>();
        RecordsApi.NotInFuture("listedOn", listedOn, CampaignCalendar.Today(time), errors);
        if (listedOn < hazard.FoundOn) errors.Add(new FieldError("listedOn", LedgerProblemCodes.DayTooEarly, listedOn, hazard.FoundOn));
        if (errors.Count > 0) return Problems.Invalid(errors);

        var before = RecordsApi.Snapshot(hazard);
        hazard.Supervised = true;
        hazard.SupervisionLevel = level;
        hazard.SupervisingUnit = request.SupervisingUnit!.Trim();
        hazard.SupervisionListedOn = listedOn;
        hazard.SupervisionDelistedOn = null;
        Audit.Add(db, user, "hazard.supervision", "hazard", RecordsApi.Id(hazard.Id), before, RecordsApi.Snapshot(hazard));
        return await RecordsApi.SaveHazardAsync(db, hazard, request.Version!.Value,
            () => Notifications.Notifications.RaiseAsync(db, NotificationKind.SupervisedListed, hazard.Id, time, user.FindFirstValue(ClaimTypes.NameIdentifier)));
    }

    /// <summary>Records a deadline extension request for hazard <paramref name="id"/>.</summary>
    /// <param name="id">Hazard id.</param>
    /// <param name="request">The body.</param>
    /// <param name="user">The caller.</param>
    /// <param name="db">The database.</param>
    /// <param name="time">The clock (today in China Standard Time).</param>
    internal static async Task<Results<Ok<HazardDetail>, ProblemHttpResult>> RequestExtension(long id, HazardExtensionRequestBody request,
        ClaimsPrincipal user, RiskMapDbContext db, TimeProvider time)
    {
        var (hazard, problem) = await LoadAsync(db, id, user, request.Version!.Value);
        if (problem is not null) return problem;
        if (!HazardLifecycle.CanExtendDeadline(hazard!.Status)) return RecordsApi.Conflict(HazardProblemCodes.DeadlineNotOpen, hazard.Version, hazard.Status);
        var pending = await db.ExtensionRequests.Where(x => x.HazardId == id && x.State == ExtensionRequestState.Pending).Select(x => (long?)x.Id).FirstOrDefaultAsync();
        if (pending is { } pendingId) return RecordsApi.Conflict(LedgerProblemCodes.ExtensionPending, hazard.Version, pendingId);
        var beyond = RecordsApi.Trimmed(request.BeyondOneYearReason);
        if (DeadlineErrors(hazard, request.Deadline!.Value, beyond, CampaignCalendar.Today(time)) is { Count: > 0 } errors) return Problems.Invalid(errors);

        var entry = new ExtensionRequest
        {
            HazardId = hazard.Id, RequestedDeadline = request.Deadline!.Value, Reason = request.Reason!.Trim(), BeyondOneYearReason = beyond,
            RequestedBy = user.Identity!.Name!, RequestedAt = DateTimeOffset.UtcNow, State = ExtensionRequestState.Pending,
        };
        db.ExtensionRequests.Add(entry);
        // The hazard's row is touched so that its version moves and the request is ordered against other writes.
        db.Entry(hazard).Property(h => h.DeadlineExtended).IsModified = true;
        Audit.Add(db, user, "hazard.extension-request", "hazard", RecordsApi.Id(hazard.Id), null,
            new { entry.RequestedDeadline, entry.Reason, entry.BeyondOneYearReason }, entry.Reason);
        return await RecordsApi.SaveHazardAsync(db, hazard, request.Version!.Value);
    }

    /// <summary>Approves or rejects extension request <paramref name="requestId"/> of hazard <paramref name="id"/>.</summary>
    /// <param name="id">Hazard id.</param>
    /// <param name="requestId">Extension request id (of this hazard; another hazard's is 404).</param>
    /// <param name="request">The decision.</param>
    /// <param name="user">The caller.</param>
    /// <param name="db">The database.</param>
    /// <param name="time">The clock (today in China Standard Time).</param>
    internal static async Task<Results<Ok<HazardDetail>, ProblemHttpResult>> DecideExtension(long id, long requestId, HazardExtensionDecisionBody request,
        ClaimsPrincipal user, RiskMapDbContext db, TimeProvider time)
    {
        var (hazard, problem) = await LoadAsync(db, id, user, request.Version!.Value);
        if (problem is not null) return problem;
        var entry = await db.ExtensionRequests.FirstOrDefaultAsync(x => x.Id == requestId && x.HazardId == id);
        if (entry is null) return Problems.NotFound(LedgerProblemCodes.ExtensionUnknown, "requestId", requestId);
        if (!LedgerRoles.MayDecideExtension(user, hazard!)) return DeciderRole(LedgerRoles.DecidingLevel(hazard!));
        if (entry.State != ExtensionRequestState.Pending) return RecordsApi.Conflict(LedgerProblemCodes.ExtensionDecided, hazard!.Version, entry.Id, entry.State);
        if (string.Equals(entry.RequestedBy, user.Identity!.Name, StringComparison.Ordinal))
            return RecordsApi.Conflict(LedgerProblemCodes.ExtensionSamePerson, hazard!.Version, entry.RequestedBy);
        var approve = request.Approve!.Value;
        var today = CampaignCalendar.Today(time);
        if (approve)
        {
            if (!HazardLifecycle.CanExtendDeadline(hazard!.Status)) return RecordsApi.Conflict(HazardProblemCodes.DeadlineNotOpen, hazard.Version, hazard.Status);
            if (DeadlineErrors(hazard, entry.RequestedDeadline, entry.BeyondOneYearReason, today) is { Count: > 0 } errors) return Problems.Invalid(errors);
        }

        var reason = request.Reason!.Trim();
        var before = RecordsApi.Snapshot(hazard!);
        entry.State = approve ? ExtensionRequestState.Approved : ExtensionRequestState.Rejected;
        entry.DecidedBy = user.Identity!.Name;
        entry.DecidedAt = DateTimeOffset.UtcNow;
        entry.DecisionReason = reason;
        if (approve) Extend(db, hazard!, entry.RequestedDeadline, entry.Reason, today);
        else db.Entry(hazard!).Property(h => h.DeadlineExtended).IsModified = true;
        Audit.Add(db, user, approve ? "hazard.extension-approved" : "hazard.extension-rejected", "hazard", RecordsApi.Id(hazard!.Id), before,
            RecordsApi.Snapshot(hazard), reason);
        // The requester is told of the decision (falling back to the kind's usual recipients when that account is gone).
        var requester = await db.Users.Where(u => u.UserName == entry.RequestedBy).Select(u => u.Id).ToListAsync();
        return await RecordsApi.SaveHazardAsync(db, hazard, request.Version!.Value,
            () => Notifications.Notifications.RaiseAsync(db, NotificationKind.ExtensionDecided, hazard.Id, time, user.FindFirstValue(ClaimTypes.NameIdentifier),
                requester.Count > 0 ? requester : null));
    }

    /// <summary>Accepts Rectified hazard <paramref name="id"/>: Pass → Closed (销号), Fail → Rectifying.</summary>
    /// <param name="id">Hazard id.</param>
    /// <param name="request">The body.</param>
    /// <param name="user">The caller.</param>
    /// <param name="db">The database.</param>
    /// <param name="time">The clock (today in China Standard Time).</param>
    internal static async Task<Results<Ok<HazardDetail>, ProblemHttpResult>> Accept(long id, HazardAcceptanceRequest request, ClaimsPrincipal user,
        RiskMapDbContext db, TimeProvider time)
    {
        var (hazard, problem) = await LoadAsync(db, id, user, request.Version!.Value, checkWrite: false);
        if (problem is not null) return problem;
        if (!LedgerRoles.MayAccept(user, hazard!))
        {
            return hazard!.Supervised ? DeciderRole(LedgerRoles.DecidingLevel(hazard)) : RecordsApi.NotYoursToChange(hazard.Enterprise!);
        }
        if (hazard!.Status != HazardStatus.Rectified) return RecordsApi.Conflict(LedgerProblemCodes.AcceptanceNotRectified, hazard.Version, hazard.Status);
        var userName = user.Identity!.Name!;
        if (string.Equals(hazard.RectifiedBy, userName, StringComparison.Ordinal))
            return RecordsApi.Conflict(LedgerProblemCodes.AcceptanceSamePerson, hazard.Version, userName);
        var date = request.Date!.Value;
        var errors = new List<FieldError>();
        RecordsApi.NotInFuture("date", date, CampaignCalendar.Today(time), errors);
        if (date < hazard.RectifiedOn!.Value) errors.Add(new FieldError("date", LedgerProblemCodes.DayTooEarly, date, hazard.RectifiedOn.Value));
        if (errors.Count > 0) return Problems.Invalid(errors);

        var result = request.Result!.Value;
        // Evidence before 销号: a major hazard passes only with at least one "after" photo attached.
        if (result == AcceptanceResult.Pass && hazard.Level == HazardLevel.Major && !await HazardAttachments.HasAfterPhotoAsync(db, hazard.Id, default))
            return RecordsApi.Conflict(LedgerProblemCodes.AcceptanceNeedsAfterPhoto, hazard.Version, hazard.Id);
        var note = RecordsApi.Trimmed(request.Note);
        var before = RecordsApi.Snapshot(hazard);
        db.HazardAcceptances.Add(new HazardAcceptance
        {
            HazardId = hazard.Id, AcceptedOn = date, Result = result, DocumentNumber = result == AcceptanceResult.Pass ? request.DocumentNumber!.Trim() : null,
            Note = note, AcceptedBy = userName, RecordedAt = DateTimeOffset.UtcNow,
        });
        if (result == AcceptanceResult.Pass)
        {
            hazard.Status = HazardStatus.Closed;
            hazard.ClosedOn = date;
            hazard.CloseDocumentNumber = request.DocumentNumber!.Trim();
            if (hazard.Supervised) hazard.SupervisionDelistedOn = date;
        }
        else
        {
            hazard.Status = HazardStatus.Rectifying;
            hazard.RectifyingOn ??= hazard.RectifiedOn;
            hazard.RectifiedOn = null;
            hazard.RectifiedBy = null;
        }
        Audit.Add(db, user, result == AcceptanceResult.Pass ? "hazard.accepted" : "hazard.acceptance-failed", "hazard", RecordsApi.Id(hazard.Id), before,
            RecordsApi.Snapshot(hazard), note ?? hazard.CloseDocumentNumber);
        return await RecordsApi.SaveHazardAsync(db, hazard, request.Version!.Value);
    }

    /// <summary>
    /// The errors of <paramref name="deadline"/> as a new deadline of <paramref name="hazard"/> on <paramref name="today"/>:
    /// not after the current deadline (<see cref="HazardProblemCodes.DeadlineNotLater"/>), not after today
    /// (<see cref="LedgerProblemCodes.DeadlineNotAfterToday"/>), more than one year after the found day without
    /// <paramref name="beyondOneYearReason"/> (<see cref="LedgerProblemCodes.DeadlineBeyondOneYear"/>, on beyondOneYearReason).
    /// The rules of the extension requests, their approvals and the direct extension alike.
    /// </summary>
    public static List<FieldError> DeadlineErrors(Hazard hazard, DateOnly deadline, string? beyondOneYearReason, DateOnly today)
    {
        var errors = new List<FieldError>();
        if (deadline <= hazard.Deadline) errors.Add(new FieldError("deadline", HazardProblemCodes.DeadlineNotLater, deadline, hazard.Deadline));
        if (deadline <= today) errors.Add(new FieldError("deadline", LedgerProblemCodes.DeadlineNotAfterToday, deadline, today));
        var limit = hazard.FoundOn.AddYears(1);
        if (deadline > limit && beyondOneYearReason is null)
            errors.Add(new FieldError("beyondOneYearReason", LedgerProblemCodes.DeadlineBeyondOneYear, deadline, limit));
        return errors;
    }

    /// <summary>Extends <paramref name="hazard"/>'s deadline to <paramref name="deadline"/> from <paramref name="today"/> (a <see cref="DeadlineExtension"/> row).</summary>
    public static void Extend(RiskMapDbContext db, Hazard hazard, DateOnly deadline, string reason, DateOnly today)
    {
        db.DeadlineExtensions.Add(new DeadlineExtension
        {
            HazardId = hazard.Id, ExtendedOn = today, PreviousDeadline = hazard.Deadline, NewDeadline = deadline, Reason = reason,
        });
        hazard.Deadline = deadline;
        hazard.DeadlineExtended = true;
    }

    /// <summary>403 <see cref="LedgerProblemCodes.DeciderRole"/> for a decision of <paramref name="level"/>.</summary>
    internal static ProblemHttpResult DeciderRole(SupervisionLevel level)
        => Problems.Of(StatusCodes.Status403Forbidden, LedgerProblemCodes.DeciderRole, null, level, LedgerRoles.RolesFor(level));

    /// <summary>
    /// The hazard <paramref name="id"/> to change, tracked, with its enterprise; or the problem: 404 when unknown or outside
    /// the caller's townships, 403 when <paramref name="checkWrite"/> and the caller may not change it, 409 for a stale version.
    /// </summary>
    private static async Task<(Hazard? Hazard, ProblemHttpResult? Problem)> LoadAsync(RiskMapDbContext db, long id, ClaimsPrincipal user, uint version,
        bool checkWrite = true)
    {
        var hazard = await db.Hazards.Include(h => h.Enterprise).FirstOrDefaultAsync(h => h.Id == id);
        if (hazard is null || !ReadScope.For(user).Covers(hazard.Enterprise!.TownshipCode)) return (null, RecordsApi.UnknownHazard(id));
        if (checkWrite && !WriteAccess.Allows(user, WriteKind.ChangeHazard, hazard.Enterprise!.TownshipCode, hazard.Sector))
            return (null, RecordsApi.NotYoursToChange(hazard.Enterprise));
        if (hazard.Version != version) return (null, RecordsApi.ChangedMeanwhile(version, hazard.Version));
        return (hazard, null);
    }
}
