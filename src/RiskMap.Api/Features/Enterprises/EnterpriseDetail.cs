using Microsoft.EntityFrameworkCore;
using RiskMap.Api.Data;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Features.Enterprises;

/// <summary>
/// One enterprise with its whole record, the answer of <c>GET /api/v1/enterprises/{id}</c> (what EPA ECHO calls a
/// Detailed Facility Report): who it is, where, who is responsible for it, and every inspection, hazard (with the steps
/// of its lifecycle) and enforcement action, each list oldest first, plus <see cref="Timeline"/>, all of them merged in
/// date order.
/// </summary>
/// <param name="Id">Enterprise id.</param>
/// <param name="Name">Registered name.</param>
/// <param name="CreditCode">Unified social credit code (GB 32100-2015).</param>
/// <param name="Sector">Sector code.</param>
/// <param name="AboveScale">规模以上.</param>
/// <param name="Address">Street address, null when unknown.</param>
/// <param name="Longitude">WGS-84 longitude, degrees.</param>
/// <param name="Latitude">WGS-84 latitude, degrees.</param>
/// <param name="Township">Township code (9 digits), null when the point lies in no township.</param>
/// <param name="TownshipName">Township name.</param>
/// <param name="District">District code (6 digits) of the township.</param>
/// <param name="Department">Covering department code (部门包企业), null when none.</param>
/// <param name="DepartmentName">Covering department name.</param>
/// <param name="Leaders">District leaders covering the township (区领导包乡镇), by name.</param>
/// <param name="HazardResponsiblePersons">The persons named responsible for rectifying its hazards, distinct, by name.</param>
/// <param name="Inspections">Inspections, oldest first.</param>
/// <param name="Hazards">Hazards, oldest found first, each with its lifecycle.</param>
/// <param name="EnforcementActions">Enforcement actions, oldest first.</param>
/// <param name="Timeline">Every dated event of the lists above, oldest first (same day: inspection, hazard steps, enforcement).</param>
public sealed record EnterpriseDetail(long Id, string Name, string CreditCode, string Sector, bool AboveScale, string? Address,
    double Longitude, double Latitude, string? Township, string? TownshipName, string? District, string? Department, string? DepartmentName,
    IReadOnlyList<EnterpriseLeader> Leaders, IReadOnlyList<string> HazardResponsiblePersons,
    IReadOnlyList<EnterpriseInspection> Inspections, IReadOnlyList<EnterpriseHazard> Hazards,
    IReadOnlyList<EnterpriseEnforcement> EnforcementActions, IReadOnlyList<EnterpriseEvent> Timeline);

/// <summary>A district leader covering the enterprise's township.</summary>
/// <param name="Name">Leader's name.</param>
/// <param name="Title">Post, e.g. 副区长; null when not recorded.</param>
public sealed record EnterpriseLeader(string Name, string? Title);

/// <summary>An inspection of the enterprise.</summary>
/// <param name="Id">Inspection id.</param>
/// <param name="Reference">Record reference, e.g. INS-2020-000001.</param>
/// <param name="Date">Day of the inspection.</param>
/// <param name="InspectionGroup">Inspection group (检查组).</param>
/// <param name="InspectorVisits">Inspector visits (检查人次) counted for this record.</param>
public sealed record EnterpriseInspection(long Id, string? Reference, DateOnly Date, string InspectionGroup, int InspectorVisits);

/// <summary>A hazard found at the enterprise, as stored today, with its lifecycle.</summary>
/// <param name="Id">Hazard id.</param>
/// <param name="Reference">Record reference, e.g. HZ-2020-000001.</param>
/// <param name="InspectionId">The inspection that found it, when known.</param>
/// <param name="Level">General or Major.</param>
/// <param name="Description">What is wrong.</param>
/// <param name="Status">Current status: Open, Rectifying, Rectified or Closed.</param>
/// <param name="FoundOn">Day found.</param>
/// <param name="Deadline">Rectification deadline now in force.</param>
/// <param name="ResponsiblePerson">Person responsible for rectification.</param>
/// <param name="Supervised">Under supervision (挂牌督办).</param>
/// <param name="Lifecycle">Its steps, oldest first: Found, DeadlineExtended (each extension), Rectifying, Rectified, Closed.</param>
public sealed record EnterpriseHazard(long Id, string? Reference, long? InspectionId, string Level, string Description, string Status,
    DateOnly FoundOn, DateOnly Deadline, string? ResponsiblePerson, bool Supervised, IReadOnlyList<HazardStep> Lifecycle);

/// <summary>One step of a hazard's lifecycle.</summary>
/// <param name="Date">Day of the step.</param>
/// <param name="Step">Found, DeadlineExtended, Rectifying, Rectified or Closed.</param>
/// <param name="Deadline">The deadline in force after the step (Found: the first deadline; DeadlineExtended: the new one); null for the other steps.</param>
/// <param name="Note">The extension's reason; null for the other steps.</param>
public sealed record HazardStep(DateOnly Date, string Step, DateOnly? Deadline, string? Note);

/// <summary>An enforcement action against the enterprise.</summary>
/// <param name="Id">Action id.</param>
/// <param name="Reference">Record reference, e.g. ENF-2020-000001.</param>
/// <param name="Date">Day of the action.</param>
/// <param name="Kind">Document, Interview, Case or Fine.</param>
/// <param name="AmountYuan">Fine in yuan; null for other kinds.</param>
public sealed record EnterpriseEnforcement(long Id, string? Reference, DateOnly Date, string Kind, decimal? AmountYuan);

/// <summary>One dated event of the enterprise's history.</summary>
/// <param name="Date">Day.</param>
/// <param name="Event">Inspection, Hazard{Step} (HazardFound, HazardDeadlineExtended, HazardRectifying, HazardRectified, HazardClosed) or Enforcement.</param>
/// <param name="RecordId">Id of the inspection, hazard or enforcement action.</param>
/// <param name="Reference">Its record reference.</param>
public sealed record EnterpriseEvent(DateOnly Date, string Event, long RecordId, string? Reference);

/// <summary>Reads one enterprise's whole record for <see cref="EnterpriseDetail"/>.</summary>
public static class EnterpriseDetails
{
    /// <summary>
    /// The enterprise <paramref name="id"/> with its whole history, or null when it does not exist or lies outside
    /// <paramref name="scope"/> (an enterprise in no township only for a scope of every township). Five indexed reads by
    /// enterprise id (inspections, hazards, deadline extensions, enforcement) and one by township (leaders).
    /// </summary>
    public static async Task<EnterpriseDetail?> ReadAsync(RiskMapDbContext db, long id, Accounts.ReadScope scope, CancellationToken cancellationToken)
    {
        var e = await db.Enterprises.AsNoTracking().Include(x => x.Township).Include(x => x.Department)
            .FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (e is null || !scope.Covers(e.TownshipCode)) return null;

        var leaders = e.TownshipCode is null ? []
            : await db.LeaderAssignments.AsNoTracking().Where(l => l.TownshipCode == e.TownshipCode).OrderBy(l => l.LeaderName)
                .Select(l => new EnterpriseLeader(l.LeaderName, l.LeaderTitle)).ToListAsync(cancellationToken);
        var inspections = await db.Inspections.AsNoTracking().Where(i => i.EnterpriseId == id).OrderBy(i => i.Date).ThenBy(i => i.Id)
            .Select(i => new EnterpriseInspection(i.Id, i.Reference, i.Date, i.InspectionGroup, i.InspectorVisits)).ToListAsync(cancellationToken);
        var hazardRows = await db.Hazards.AsNoTracking().Where(h => h.EnterpriseId == id).OrderBy(h => h.FoundOn).ThenBy(h => h.Id)
            .ToListAsync(cancellationToken);
        var extensions = (await db.DeadlineExtensions.AsNoTracking().Where(x => x.Hazard!.EnterpriseId == id).OrderBy(x => x.ExtendedOn).ThenBy(x => x.Id)
            .ToListAsync(cancellationToken)).ToLookup(x => x.HazardId);
        var enforcement = await db.EnforcementActions.AsNoTracking().Where(a => a.EnterpriseId == id).OrderBy(a => a.Date).ThenBy(a => a.Id)
            .Select(a => new EnterpriseEnforcement(a.Id, a.Reference, a.Date, a.Kind.ToString(), a.AmountYuan)).ToListAsync(cancellationToken);

        var hazards = hazardRows.Select(h => new EnterpriseHazard(h.Id, h.Reference, h.InspectionId, h.Level.ToString(), h.Description,
            h.Status.ToString(), h.FoundOn, h.Deadline, h.ResponsiblePerson, h.Supervised, Lifecycle(h, extensions[h.Id].ToList()))).ToList();
        var persons = hazardRows.Select(h => h.ResponsiblePerson).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        // Same day: the inspection first, then what it found and what followed, then enforcement.
        var timeline = inspections.Select(i => (Event: new EnterpriseEvent(i.Date, "Inspection", i.Id, i.Reference), Order: 0))
            .Concat(hazards.SelectMany(h => h.Lifecycle.Select(s => (Event: new EnterpriseEvent(s.Date, "Hazard" + s.Step, h.Id, h.Reference), Order: 1))))
            .Concat(enforcement.Select(a => (Event: new EnterpriseEvent(a.Date, "Enforcement", a.Id, a.Reference), Order: 2)))
            .OrderBy(x => x.Event.Date).ThenBy(x => x.Order) // stable: lists are already oldest first
            .Select(x => x.Event).ToList();

        return new EnterpriseDetail(e.Id, e.Name, e.CreditCode, e.Sector, e.AboveScale, e.Address, e.Location.X, e.Location.Y, e.TownshipCode,
            e.Township?.Name, e.Township?.DistrictCode, e.DepartmentCode, e.Department?.Name, leaders, persons, inspections, hazards, enforcement, timeline);
    }

    /// <summary>
    /// The steps of hazard <paramref name="h"/> from its step dates (<see cref="Hazard.FoundOn"/>, RectifyingOn, RectifiedOn,
    /// ClosedOn) and its deadline extensions, in date order. The first deadline is the first extension's previous one.
    /// </summary>
    internal static List<HazardStep> Lifecycle(Hazard h, IReadOnlyList<DeadlineExtension> extensions)
    {
        var steps = new List<HazardStep> { new(h.FoundOn, "Found", extensions.Count > 0 ? extensions[0].PreviousDeadline : h.Deadline, null) };
        steps.AddRange(extensions.Select(x => new HazardStep(x.ExtendedOn, "DeadlineExtended", x.NewDeadline, x.Reason)));
        if (h.RectifyingOn is { } rectifying) steps.Add(new HazardStep(rectifying, nameof(HazardStatus.Rectifying), null, null));
        if (h.RectifiedOn is { } rectified) steps.Add(new HazardStep(rectified, nameof(HazardStatus.Rectified), null, null));
        if (h.ClosedOn is { } closed) steps.Add(new HazardStep(closed, nameof(HazardStatus.Closed), null, null));
        return [.. steps.Select((s, i) => (s, i)).OrderBy(x => x.s.Date).ThenBy(x => x.i).Select(x => x.s)];
    }
}
