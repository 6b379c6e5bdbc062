using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RiskMap.Api.Data;
using RiskMap.Api.Domain;
using RiskMap.Api.Features.Accounts;
using RiskMap.Api.Features.Hazards;

namespace RiskMap.Api.Features.Records;

/// <summary>
/// Maps the writes: inspections with their hazards, hazard status changes and deadline extensions, enforcement
/// actions; and a hazard's detail with its history. Every write checks <see cref="WriteAccess"/> for the enterprise
/// concerned, is validated field by field (400 naming the field), and is written with its audit rows in one transaction.
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
            .ProducesProblem(StatusCodes.Status404NotFound);

        var write = api.MapGroup("").RequireAuthorization(Policies.Write)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        write.MapPost("/inspections", RecordInspection).WithTags("Inspections").WithName("RecordInspection")
            .WithSummary("Records an inspection of an enterprise and the hazards it found (sector from the enterprise, found on the inspection day).");
        write.MapPost("/hazards/{id:long}/status", ChangeStatus).WithTags("Hazards").WithName("ChangeHazardStatus")
            .WithSummary("Moves a hazard to its next status: Open → Rectifying → Rectified → Closed (验收销号).")
            .WithDescription("Rectified and Closed need a date and a note. An illegal transition is 409 saying which one is allowed; " +
                             "a stale version (someone else changed the hazard) is 409 with the current version.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/hazards/{id:long}/deadline", ExtendDeadline).WithTags("Hazards").WithName("ExtendHazardDeadline")
            .WithSummary("Extends an open hazard's rectification deadline, with a reason; days before today keep the old deadline.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/enforcement-actions", RecordEnforcement).WithTags("Enforcement").WithName("RecordEnforcement")
            .WithSummary("Records an enforcement action: a document, a reminder interview, a case, or a fine in yuan.");
        return api;
    }

    internal static async Task<Results<Ok<HazardDetail>, ProblemHttpResult>> GetHazard(long id, ReadScope scope, RiskMapDbContext db)
    {
        var hazard = await db.Hazards.Include(h => h.Enterprise).AsNoTracking().FirstOrDefaultAsync(h => h.Id == id);
        if (hazard is null || !scope.Covers(hazard.Enterprise!.TownshipCode)) return UnknownHazard(id);
        return TypedResults.Ok(await DescribeAsync(db, hazard));
    }

    internal static async Task<Results<Created<RecordedInspection>, ProblemHttpResult>> RecordInspection(RecordInspectionRequest request,
        ClaimsPrincipal user, RiskMapDbContext db, TimeProvider time)
    {
        var v = new RequestValidator();
        var enterprise = await EnterpriseAsync(db, v, request.EnterpriseId, ReadScope.For(user));
        var date = v.RequiredPastDate("date", request.Date, CampaignCalendar.Today(time));
        var group = v.Text("inspectionGroup", request.InspectionGroup, FieldLengths.InspectionGroup, required: true);
        var visits = v.Required("inspectorVisits", request.InspectorVisits);
        if (visits is < 0 or > 1000) v.AddError("inspectorVisits", $"{visits} is not between 0 and 1000.");
        var hazards = new List<(HazardLevel Level, string Description, DateOnly Deadline, string? Responsible, bool Supervised)>();
        var requested = request.Hazards ?? [];
        if (requested.Count > 100) v.AddError("hazards", $"{requested.Count} hazards in one inspection; at most 100.");
        for (var i = 0; i < requested.Count && i < 100; i++)
        {
            var h = requested[i];
            var path = $"hazards[{i}]";
            if (h is null)
            {
                v.AddError(path, "A hazard is required here.");
                continue;
            }
            var level = v.OneOf($"{path}.level", h.Level ?? "", "", nameof(HazardLevel.General), nameof(HazardLevel.Major));
            if (string.IsNullOrWhiteSpace(h.Level)) v.AddError($"{path}.level", $"'{path}.level' is required (General or Major).");
            var description = v.Text($"{path}.description", h.Description, FieldLengths.Description, required: true);
            var deadline = v.Required($"{path}.deadline", h.Deadline);
            if (deadline < date) v.AddError($"{path}.deadline", $"The deadline {deadline:yyyy-MM-dd} is before the inspection ({date:yyyy-MM-dd}).");
            var responsible = v.Text($"{path}.responsiblePerson", h.ResponsiblePerson, FieldLengths.Name, required: false);
            if (v.IsValid) hazards.Add((Enum.Parse<HazardLevel>(level), description!, deadline!.Value, responsible, h.Supervised ?? false));
        }
        if (!v.IsValid) return v.ToProblem("Invalid inspection");
        if (!WriteAccess.Allows(user, WriteKind.RecordInspection, enterprise!.TownshipCode, enterprise.Sector)) return Forbidden(enterprise);

        await using var transaction = await db.Database.BeginTransactionAsync();
        var inspection = new Inspection
        {
            EnterpriseId = enterprise.Id, Date = date!.Value, InspectionGroup = group!, InspectorVisits = visits!.Value,
        };
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync();
        var created = hazards.Select(h => new Hazard
        {
            EnterpriseId = enterprise.Id, InspectionId = inspection.Id, Sector = enterprise.Sector, Level = h.Level,
            Description = h.Description, FoundOn = inspection.Date, Deadline = h.Deadline, Status = HazardStatus.Open,
            ResponsiblePerson = h.Responsible, Supervised = h.Supervised,
        }).ToList();
        db.Hazards.AddRange(created);
        await db.SaveChangesAsync();
        var recorded = new RecordedInspection(inspection.Id, enterprise.Id, inspection.Date, inspection.InspectionGroup, inspection.InspectorVisits,
            [.. created.Select(h => h.Id)]);
        Audit.Add(db, user, "inspection.create", "inspection", Id(inspection.Id), null, recorded);
        foreach (var hazard in created) Audit.Add(db, user, "hazard.create", "hazard", Id(hazard.Id), null, Snapshot(hazard));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return TypedResults.Created($"/api/v1/inspections/{inspection.Id}", recorded);
    }

    internal static async Task<Results<Ok<HazardDetail>, ProblemHttpResult>> ChangeStatus(long id, HazardStatusRequest request, ClaimsPrincipal user,
        RiskMapDbContext db, TimeProvider time)
    {
        var v = new RequestValidator();
        var today = CampaignCalendar.Today(time);
        var target = v.OneOf("status", request.Status ?? "", "", nameof(HazardStatus.Rectifying), nameof(HazardStatus.Rectified), nameof(HazardStatus.Closed));
        if (string.IsNullOrWhiteSpace(request.Status)) v.AddError("status", "'status' is required (Rectifying, Rectified or Closed).");
        var version = v.Required("version", request.Version);
        var note = v.Text("note", request.Note, FieldLengths.Note, required: false);
        if (!v.IsValid) return v.ToProblem("Invalid status change");
        var to = Enum.Parse<HazardStatus>(target);
        if (HazardLifecycle.NeedsNote(to) && note is null) v.AddError("note", $"A note is required to mark a hazard {to}.");
        if (HazardLifecycle.NeedsNote(to) && request.Date is null) v.AddError("date", $"The date is required to mark a hazard {to}.");
        var date = request.Date ?? today;
        if (date > today) v.AddError("date", $"{date:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd}).");

        var hazard = await db.Hazards.Include(h => h.Enterprise).FirstOrDefaultAsync(h => h.Id == id);
        if (hazard is null || !ReadScope.For(user).Covers(hazard.Enterprise!.TownshipCode)) return UnknownHazard(id);
        if (!WriteAccess.Allows(user, WriteKind.ChangeHazard, hazard.Enterprise!.TownshipCode, hazard.Sector)) return Forbidden(hazard.Enterprise);
        // A stale version is the answer before anything judged on the stored state the caller has not seen.
        if (hazard.Version != version) return ChangedMeanwhile(version!.Value, hazard.Version);
        if (!HazardLifecycle.IsAllowed(hazard.Status, to))
            return Conflict("Transition not allowed", HazardLifecycle.Explain(hazard.Status, to), hazard.Version);
        var previous = hazard.Status switch
        {
            HazardStatus.Rectifying => hazard.RectifyingOn ?? hazard.FoundOn,
            HazardStatus.Rectified => hazard.RectifiedOn!.Value,
            _ => hazard.FoundOn,
        };
        if (date < previous) v.AddError("date", $"{date:yyyy-MM-dd} is before the hazard's previous step ({previous:yyyy-MM-dd}).");
        if (!v.IsValid) return v.ToProblem("Invalid status change");

        var before = Snapshot(hazard);
        hazard.Status = to;
        switch (to)
        {
            case HazardStatus.Rectifying: hazard.RectifyingOn = date; break;
            case HazardStatus.Rectified: hazard.RectifiedOn = date; break;
            case HazardStatus.Closed: hazard.ClosedOn = date; break;
        }
        Audit.Add(db, user, "hazard.status", "hazard", Id(hazard.Id), before, Snapshot(hazard), note);
        return await SaveHazardAsync(db, hazard, version!.Value);
    }

    internal static async Task<Results<Ok<HazardDetail>, ProblemHttpResult>> ExtendDeadline(long id, DeadlineExtensionRequest request, ClaimsPrincipal user,
        RiskMapDbContext db, TimeProvider time)
    {
        var v = new RequestValidator();
        var deadline = v.Required("deadline", request.Deadline);
        var reason = v.Text("reason", request.Reason, FieldLengths.Description, required: true);
        var version = v.Required("version", request.Version);
        if (!v.IsValid) return v.ToProblem("Invalid deadline extension");
        var hazard = await db.Hazards.Include(h => h.Enterprise).FirstOrDefaultAsync(h => h.Id == id);
        if (hazard is null || !ReadScope.For(user).Covers(hazard.Enterprise!.TownshipCode)) return UnknownHazard(id);
        if (!WriteAccess.Allows(user, WriteKind.ChangeHazard, hazard.Enterprise!.TownshipCode, hazard.Sector)) return Forbidden(hazard.Enterprise);
        if (hazard.Version != version) return ChangedMeanwhile(version!.Value, hazard.Version);
        if (!HazardLifecycle.CanExtendDeadline(hazard.Status))
            return Conflict("Deadline cannot be extended", $"The hazard is {hazard.Status}: only open hazards (Open, Rectifying) get a new deadline.", hazard.Version);
        if (deadline <= hazard.Deadline) v.AddError("deadline", $"The new deadline {deadline:yyyy-MM-dd} is not after the current one ({hazard.Deadline:yyyy-MM-dd}).");
        if (!v.IsValid) return v.ToProblem("Invalid deadline extension");

        var before = Snapshot(hazard);
        db.DeadlineExtensions.Add(new DeadlineExtension
        {
            HazardId = hazard.Id, ExtendedOn = CampaignCalendar.Today(time), PreviousDeadline = hazard.Deadline, NewDeadline = deadline!.Value, Reason = reason!,
        });
        hazard.Deadline = deadline.Value;
        hazard.DeadlineExtended = true;
        Audit.Add(db, user, "hazard.deadline", "hazard", Id(hazard.Id), before, Snapshot(hazard), reason);
        return await SaveHazardAsync(db, hazard, version!.Value);
    }

    internal static async Task<Results<Created<RecordedEnforcement>, ProblemHttpResult>> RecordEnforcement(RecordEnforcementRequest request,
        ClaimsPrincipal user, RiskMapDbContext db, TimeProvider time)
    {
        var v = new RequestValidator();
        var enterprise = await EnterpriseAsync(db, v, request.EnterpriseId, ReadScope.For(user));
        var date = v.RequiredPastDate("date", request.Date, CampaignCalendar.Today(time));
        var kindName = v.OneOf("kind", request.Kind ?? "", "", Enum.GetNames<EnforcementKind>());
        if (string.IsNullOrWhiteSpace(request.Kind)) v.AddError("kind", "'kind' is required (Document, Interview, Case or Fine).");
        if (kindName == nameof(EnforcementKind.Fine))
        {
            if (request.AmountYuan is not { } amount) v.AddError("amountYuan", "A fine needs an amount in yuan.");
            else if (amount <= 0) v.AddError("amountYuan", $"{amount.ToString(CultureInfo.InvariantCulture)} is not a positive amount of yuan.");
            else if (amount > 100_000_000m) v.AddError("amountYuan", $"{amount.ToString(CultureInfo.InvariantCulture)} exceeds 100,000,000 yuan.");
            else if (decimal.Round(amount, 2) != amount) v.AddError("amountYuan", "At most two decimals (fen).");
        }
        else if (kindName.Length > 0 && request.AmountYuan is not null)
        {
            v.AddError("amountYuan", $"Only a fine has an amount; this is a {kindName}.");
        }
        if (!v.IsValid) return v.ToProblem("Invalid enforcement action");
        if (!WriteAccess.Allows(user, WriteKind.RecordEnforcement, enterprise!.TownshipCode, enterprise.Sector)) return Forbidden(enterprise);

        await using var transaction = await db.Database.BeginTransactionAsync();
        var action = new EnforcementAction
        {
            EnterpriseId = enterprise.Id, Date = date!.Value, Kind = Enum.Parse<EnforcementKind>(kindName),
            AmountYuan = kindName == nameof(EnforcementKind.Fine) ? request.AmountYuan : null,
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
    private static async Task<Results<Ok<HazardDetail>, ProblemHttpResult>> SaveHazardAsync(RiskMapDbContext db, Hazard hazard, uint version)
    {
        db.Entry(hazard).Property(h => h.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.Hazards.AsNoTracking().Where(h => h.Id == hazard.Id).Select(h => h.Version).FirstAsync();
            return ChangedMeanwhile(version, current);
        }
        return TypedResults.Ok(await DescribeAsync(db, hazard));
    }

    /// <summary>409: the caller's <paramref name="version"/> is not the stored <paramref name="current"/> one (xmin).</summary>
    private static ProblemHttpResult ChangedMeanwhile(uint version, uint current) => Conflict("The hazard was changed meanwhile",
        $"Version {version} is not the current one ({current}): reload the hazard, check what changed and try again. Nothing was saved.", current);

    private static async Task<HazardDetail> DescribeAsync(RiskMapDbContext db, Hazard h)
    {
        var key = Id(h.Id);
        var history = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == "hazard" && a.EntityId == key).OrderBy(a => a.Id)
            .Select(a => new HistoryEntry(a.At, a.UserName, a.Action, a.Note, a.Before, a.After)).ToListAsync();
        return new HazardDetail(h.Id, h.Reference, h.EnterpriseId, h.Enterprise!.Name, h.Enterprise.TownshipCode, h.Sector, h.Level.ToString(),
            h.Status.ToString(), HazardLifecycle.Next(h.Status)?.ToString(), h.Description, h.FoundOn, h.Deadline, h.RectifyingOn, h.RectifiedOn, h.ClosedOn,
            h.ResponsiblePerson, h.Supervised, h.Version, history);
    }

    /// <summary>The hazard's fields as they go into the audit trail.</summary>
    private static object Snapshot(Hazard h) => new
    {
        h.Id, h.EnterpriseId, h.InspectionId, h.Sector, Level = h.Level.ToString(), h.Description, h.FoundOn, h.Deadline, h.RectifyingOn,
        h.RectifiedOn, h.ClosedOn, Status = h.Status.ToString(), h.ResponsiblePerson, h.Supervised,
    };

    /// <summary>The enterprise named by the required field <c>enterpriseId</c>; null (with an error recorded) when absent or unknown.</summary>
    /// <summary>
    /// The enterprise <paramref name="id"/> names, or null with an error on enterpriseId. One the caller may not read
    /// (another township's) answers exactly like an unknown id, so that ids cannot be probed.
    /// </summary>
    private static async Task<Enterprise?> EnterpriseAsync(RiskMapDbContext db, RequestValidator v, long? id, ReadScope scope)
    {
        if (v.Required("enterpriseId", id) is not { } value) return null;
        var enterprise = await db.Enterprises.FirstOrDefaultAsync(e => e.Id == value);
        if (enterprise is null || !scope.Covers(enterprise.TownshipCode))
        {
            v.AddError("enterpriseId", $"No enterprise has the id {value}.");
            return null;
        }
        return enterprise;
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// 404 for a hazard id that does not exist or that the caller may not read: both answer the same, so that ids of
    /// other townships' hazards cannot be probed (a named township outside the scope is 403 instead, DOMAIN.md scope rules).
    /// </summary>
    private static ProblemHttpResult UnknownHazard(long id) => RequestValidator.NotFound("Unknown hazard", "id", $"No hazard has the id {id}");

    private static ProblemHttpResult Forbidden(Enterprise enterprise) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status403Forbidden,
        Title = "Not yours to change",
        // Nothing about the enterprise (its township, its sector) is told to a caller who may not change it.
        Detail = $"Your role, townships or sectors do not allow this change for enterprise {enterprise.Id}.",
    });

    private static ProblemHttpResult Conflict(string title, string detail, uint currentVersion) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status409Conflict,
        Title = title,
        Detail = detail,
        Extensions = { ["currentVersion"] = currentVersion },
    });
}
