using System.ComponentModel.DataAnnotations;
using RiskMap.Api.Contract;
using RiskMap.Api.Domain;
using RiskMap.Api.Features.Hazards;

namespace RiskMap.Api.Features.Records;

// The request records' attributes target their properties: validation reads them there as on the constructor, and the
// OpenAPI generator only there (required, maxLength in the schemas). Rules that need the database or today's date (an
// enterprise the caller may read, a day not in the future, a deadline after the inspection) are the handlers'.

/// <summary>An inspection to record, with the hazards it found. Leading and trailing spaces of the texts are ignored.</summary>
/// <param name="EnterpriseId">Inspected enterprise (required); one the caller may not read answers like an unknown id.</param>
/// <param name="Date">Day of the inspection, yyyy-MM-dd (required, not in the future, <see cref="Ranges.Day"/>).</param>
/// <param name="InspectionGroup">Inspection group (检查组) (required, <see cref="Ranges.InspectionGroupLength"/>).</param>
/// <param name="InspectorVisits">Inspector visits (检查人次) counted on this record (required, <see cref="Ranges.InspectorVisits"/>).</param>
/// <param name="Hazards">
/// Hazards found, <see cref="Ranges.HazardsPerInspection"/> (default none); each gets the enterprise's sector and the
/// inspection's day as its found day.
/// </param>
/// <param name="Position">
/// Where the inspection was recorded, from the phone's GPS (optional): kept with the inspection, and flagged (never
/// refused) when more than <see cref="InspectionPosition.FarFromEnterpriseMetres"/> from the enterprise.
/// </param>
public sealed record RecordInspectionRequest(
    [property: Required] long? EnterpriseId,
    [property: Required, InRange(nameof(Ranges.Day))] DateOnly? Date,
    [property: Required, StringLength(FieldLengths.InspectionGroup)] string? InspectionGroup,
    [property: Required, InRange(nameof(Ranges.InspectorVisits))] int? InspectorVisits,
    IReadOnlyList<NewHazard>? Hazards = null,
    InspectionPosition? Position = null) : IValidatableObject
{
    /// <summary>More hazards than one inspection records: <see cref="RecordProblemCodes.TooManyHazards"/>.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Hazards is { } hazards && !Ranges.HazardsPerInspection.Contains(hazards.Count))
            yield return new CodedValidationResult(RecordProblemCodes.TooManyHazards, [nameof(Hazards)], hazards.Count, Ranges.HazardsPerInspection.Max);
    }
}

/// <summary>A hazard found by an inspection. Leading and trailing spaces of the texts are ignored.</summary>
/// <param name="Level">General or Major (required).</param>
/// <param name="Description">What is wrong (required, <see cref="Ranges.DescriptionLength"/>).</param>
/// <param name="Deadline">Rectification deadline, yyyy-MM-dd (required, not before the inspection, <see cref="Ranges.Day"/>).</param>
/// <param name="ResponsiblePerson">Person responsible for rectification (optional, <see cref="Ranges.PersonNameLength"/>).</param>
/// <param name="Supervised">Put under supervision (挂牌督办) at County level from the inspection day, usual for major hazards; default false.</param>
/// <param name="Source">Where it came from: DepartmentInspection (default), EnterpriseSelfReport, PublicTip or Other.</param>
/// <param name="CriterionClause">
/// For a Major hazard: the criterion clause it was judged under, <c>{document id}:{clause id}</c> of <c>GET /api/v1/hazard-criteria</c>,
/// of a document for the enterprise's sector in force on the inspection day (optional; refused on a General hazard).
/// </param>
public sealed record NewHazard(
    [property: Required] HazardLevel? Level,
    [property: Required, StringLength(FieldLengths.Description)] string? Description,
    [property: Required, InRange(nameof(Ranges.Day))] DateOnly? Deadline,
    [property: StringLength(FieldLengths.Name)] string? ResponsiblePerson = null,
    bool Supervised = false,
    HazardSource Source = HazardSource.DepartmentInspection,
    [property: StringLength(FieldLengths.Reference)] string? CriterionClause = null);

/// <summary>The phone's GPS position when an inspection was recorded (WGS-84, as the browser's Geolocation API gives it).</summary>
/// <param name="Longitude">Degrees, −180 … 180 (required).</param>
/// <param name="Latitude">Degrees, −90 … 90 (required).</param>
/// <param name="AccuracyMetres">The position's accuracy radius in metres (95 % confidence, Geolocation API), 0 … 100000 (required).</param>
public sealed record InspectionPosition(
    [property: Required, Range(-180d, 180d)] double? Longitude,
    [property: Required, Range(-90d, 90d)] double? Latitude,
    [property: Required, Range(0d, 100_000d)] double? AccuracyMetres)
{
    /// <summary>Beyond this distance from the enterprise, in metres, a position is flagged (the same 500 m as a photo's, AttachmentRules).</summary>
    public const double FarFromEnterpriseMetres = Attachments.AttachmentRules.FlagDistanceMetres;
}

/// <summary>The position recorded with an inspection and how far it lies from the enterprise.</summary>
/// <param name="Longitude">Degrees, WGS-84.</param>
/// <param name="Latitude">Degrees, WGS-84.</param>
/// <param name="AccuracyMetres">Accuracy radius in metres, as the phone gave it.</param>
/// <param name="DistanceMetres">Geodesic distance to the enterprise's point, metres (PostGIS geography).</param>
/// <param name="FarFromEnterprise">True when <paramref name="DistanceMetres"/> is more than 500 m: a flag for the reviewer, not a refusal.</param>
public sealed record RecordedPosition(double Longitude, double Latitude, double AccuracyMetres, double DistanceMetres, bool FarFromEnterprise);

/// <summary>The recorded inspection.</summary>
/// <param name="Id">Inspection id.</param>
/// <param name="EnterpriseId">Enterprise id.</param>
/// <param name="Date">Day.</param>
/// <param name="InspectionGroup">Group.</param>
/// <param name="InspectorVisits">Inspector visits.</param>
/// <param name="HazardIds">Ids of the hazards recorded with it, in request order.</param>
/// <param name="Position">The phone's position recorded with it and its distance to the enterprise; null when none was sent.</param>
public sealed record RecordedInspection(long Id, long EnterpriseId, DateOnly Date, string InspectionGroup, int InspectorVisits, IReadOnlyList<long> HazardIds,
    RecordedPosition? Position = null);

/// <summary>A move of a hazard to its next status. Leading and trailing spaces of the note are ignored.</summary>
/// <param name="Status">Rectifying, Rectified or Closed (required): the one step allowed from the hazard's status.</param>
/// <param name="Date">
/// Day of the step, yyyy-MM-dd (not in the future, not before the previous step, <see cref="Ranges.Day"/>): required for
/// Rectified and Closed, today when absent for Rectifying.
/// </param>
/// <param name="Note">What was done: required for Rectified and Closed (<see cref="Ranges.NoteLength"/>).</param>
/// <param name="Version">The hazard's version as read (required); a stale version gets 409 with the current one.</param>
public sealed record HazardStatusRequest(
    [property: Required] HazardStatus? Status,
    [property: InRange(nameof(Ranges.Day))] DateOnly? Date,
    [property: StringLength(FieldLengths.Note)] string? Note,
    [property: Required] uint? Version) : IValidatableObject
{
    /// <summary>The statuses a hazard can be moved to.</summary>
    internal static readonly string[] Targets = [nameof(HazardStatus.Rectifying), nameof(HazardStatus.Rectified), nameof(HazardStatus.Closed)];

    /// <summary>
    /// Open, or a number naming no status, as target: <see cref="ProblemCodes.FormatOneOf"/>; Rectified and Closed without
    /// a note or a date: <see cref="HazardProblemCodes.NoteRequired"/>, <see cref="HazardProblemCodes.DateRequired"/>.
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Status is not { } to) yield break;
        if (!Targets.Contains(to.ToString()))
        {
            yield return new CodedValidationResult(ProblemCodes.FormatOneOf, [nameof(Status)], to, Targets);
            yield break;
        }
        if (HazardLifecycle.NeedsNote(to) && string.IsNullOrWhiteSpace(Note))
            yield return new CodedValidationResult(HazardProblemCodes.NoteRequired, [nameof(Note)], to);
        if (HazardLifecycle.NeedsNote(to) && Date is null)
            yield return new CodedValidationResult(HazardProblemCodes.DateRequired, [nameof(Date)], to);
    }
}

/// <summary>An extension of a hazard's deadline. Leading and trailing spaces of the reason are ignored.</summary>
/// <param name="Deadline">The new deadline, yyyy-MM-dd (required, after the current one, <see cref="Ranges.Day"/>).</param>
/// <param name="Reason">Why (required, <see cref="Ranges.ReasonLength"/>).</param>
/// <param name="Version">The hazard's version as read (required); a stale version gets 409 with the current one.</param>
/// <param name="BeyondOneYearReason">Why the deadline may lie more than one year after the found day: required then, otherwise optional.</param>
public sealed record DeadlineExtensionRequest(
    [property: Required, InRange(nameof(Ranges.Day))] DateOnly? Deadline,
    [property: Required, StringLength(FieldLengths.Description)] string? Reason,
    [property: Required] uint? Version,
    [property: StringLength(FieldLengths.Description)] string? BeyondOneYearReason = null);

/// <summary>An enforcement action to record.</summary>
/// <param name="EnterpriseId">Enterprise concerned (required); one the caller may not read answers like an unknown id.</param>
/// <param name="Date">Day, yyyy-MM-dd (required, not in the future, <see cref="Ranges.Day"/>).</param>
/// <param name="Kind">Document, Interview, Case or Fine (required).</param>
/// <param name="AmountYuan">For a fine (required there): amount in yuan, at most two decimals, <see cref="Ranges.FineYuan"/>; none for other kinds.</param>
public sealed record RecordEnforcementRequest(
    [property: Required] long? EnterpriseId,
    [property: Required, InRange(nameof(Ranges.Day))] DateOnly? Date,
    [property: Required] EnforcementKind? Kind,
    [property: InRange(nameof(Ranges.FineYuan))] decimal? AmountYuan = null) : IValidatableObject
{
    /// <summary>
    /// A fine without its amount
    /// (<see cref="RecordProblemCodes.FineAmountRequired"/>) or with fractions of a fen (<see cref="RecordProblemCodes.AmountFen"/>);
    /// an amount on another kind (<see cref="RecordProblemCodes.AmountOnlyForFines"/>).
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Kind is not { } kind) yield break;
        if (kind == EnforcementKind.Fine && AmountYuan is null)
            yield return new CodedValidationResult(RecordProblemCodes.FineAmountRequired, [nameof(AmountYuan)]);
        else if (kind == EnforcementKind.Fine && decimal.Round(AmountYuan!.Value, 2) != AmountYuan)
            yield return new CodedValidationResult(RecordProblemCodes.AmountFen, [nameof(AmountYuan)], AmountYuan);
        else if (kind != EnforcementKind.Fine && AmountYuan is not null)
            yield return new CodedValidationResult(RecordProblemCodes.AmountOnlyForFines, [nameof(AmountYuan)], kind);
    }
}

/// <summary>The recorded enforcement action.</summary>
/// <param name="Id">Id.</param>
/// <param name="EnterpriseId">Enterprise.</param>
/// <param name="Date">Day.</param>
/// <param name="Kind">Kind.</param>
/// <param name="AmountYuan">Fine amount in yuan.</param>
public sealed record RecordedEnforcement(long Id, long EnterpriseId, DateOnly Date, string Kind, decimal? AmountYuan);

/// <summary>A hazard with its current state, version and history.</summary>
/// <param name="Id">Id.</param>
/// <param name="Reference">Source identifier.</param>
/// <param name="EnterpriseId">Enterprise id.</param>
/// <param name="EnterpriseName">Enterprise name.</param>
/// <param name="Township">Township code of the enterprise.</param>
/// <param name="Sector">Sector code.</param>
/// <param name="Level">General or Major.</param>
/// <param name="Status">Current status.</param>
/// <param name="NextStatus">The status it may move to next, or null when Closed.</param>
/// <param name="Description">What is wrong.</param>
/// <param name="FoundOn">Day found.</param>
/// <param name="Deadline">Current deadline.</param>
/// <param name="RectifyingOn">Day rectification began.</param>
/// <param name="RectifiedOn">Day rectified.</param>
/// <param name="ClosedOn">Day closed.</param>
/// <param name="ResponsiblePerson">Person responsible.</param>
/// <param name="Supervised">Under supervision.</param>
/// <param name="Version">Version to send back with a change (optimistic concurrency).</param>
/// <param name="History">Every recorded change, oldest first.</param>
/// <param name="Ledger">The ledger facts: source, criterion, plan, supervision, acceptances and extension requests.</param>
public sealed record HazardDetail(long Id, string? Reference, long EnterpriseId, string EnterpriseName, string? Township, string Sector,
    string Level, string Status, string? NextStatus, string Description, DateOnly FoundOn, DateOnly Deadline, DateOnly? RectifyingOn,
    DateOnly? RectifiedOn, DateOnly? ClosedOn, string? ResponsiblePerson, bool Supervised, uint Version, IReadOnlyList<HistoryEntry> History,
    Ledger.HazardLedger Ledger);

/// <summary>One change in a record's history (from the audit trail).</summary>
/// <param name="At">When (UTC).</param>
/// <param name="UserName">Who.</param>
/// <param name="Action">What, e.g. hazard.status.</param>
/// <param name="Note">The note or reason given.</param>
/// <param name="Before">The record before, as JSON text.</param>
/// <param name="After">The record after, as JSON text.</param>
public sealed record HistoryEntry(DateTimeOffset At, string UserName, string Action, string? Note, string? Before, string? After);
