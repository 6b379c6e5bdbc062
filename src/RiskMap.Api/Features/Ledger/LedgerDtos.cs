using System.ComponentModel.DataAnnotations;
using RiskMap.Api.Contract;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Features.Ledger;

// Attributes target the properties, as in Records/RecordsDtos.cs (validation and the OpenAPI generator read them there).

/// <summary>The query of <c>GET /api/v1/hazard-criteria</c>.</summary>
/// <param name="Sector">Only the documents for this sector code, e.g. <c>non_coal_mines</c>; default all.</param>
/// <param name="On">Only the documents in force on this day, yyyy-MM-dd (e.g. a hazard's found day); default all versions.</param>
public sealed record HazardCriteriaQuery(
    [StringLength(FieldLengths.SectorCode)] string? Sector = null,
    [InRange(nameof(Ranges.Day))] DateOnly? On = null);

/// <summary>The criterion catalogue (判定依据).</summary>
/// <param name="Version">The catalogue's version (date of its last change).</param>
/// <param name="Documents">The documents that pass the filters, with their clauses; a clause is cited as <c>{document id}:{clause id}</c>.</param>
public sealed record HazardCriteriaAnswer(string Version, IReadOnlyList<CriterionDocument> Documents);

/// <summary>A rectification plan (五到位) to set on a hazard. Leading and trailing spaces of the texts are ignored.</summary>
/// <param name="Measures">Rectification measures (required, <see cref="Ranges.DescriptionLength"/>).</param>
/// <param name="FundsYuan">Funds set aside, yuan, at most two decimals (required, <see cref="Ranges.PlanFundsYuan"/>).</param>
/// <param name="Owner">Person responsible for the rectification, 整改责任人 (required, <see cref="Ranges.PersonNameLength"/>).</param>
/// <param name="InterimMeasures">Interim safety measures until rectified (required, <see cref="Ranges.DescriptionLength"/>).</param>
/// <param name="PlannedCompletionOn">Planned completion day, yyyy-MM-dd (required, not before the found day).</param>
/// <param name="Version">The hazard's version as read (required); a stale version gets 409 with the current one.</param>
public sealed record HazardPlanRequest(
    [property: Required, StringLength(FieldLengths.Description)] string? Measures,
    [property: Required, InRange(nameof(Ranges.PlanFundsYuan))] decimal? FundsYuan,
    [property: Required, StringLength(FieldLengths.Name)] string? Owner,
    [property: Required, StringLength(FieldLengths.Description)] string? InterimMeasures,
    [property: Required, InRange(nameof(Ranges.Day))] DateOnly? PlannedCompletionOn,
    [property: Required] uint? Version) : IValidatableObject
{
    /// <summary>Funds with fractions of a fen: <see cref="LedgerProblemCodes.YuanFen"/>.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FundsYuan is { } funds && decimal.Round(funds, 2) != funds)
            yield return new CodedValidationResult(LedgerProblemCodes.YuanFen, [nameof(FundsYuan)], funds);
    }
}

/// <summary>A listing of a hazard for supervision (挂牌督办).</summary>
/// <param name="Level">County, City or Province (required); the role that may list and later decide follows it (<see cref="LedgerRoles"/>).</param>
/// <param name="SupervisingUnit">The supervising unit, 督办单位 (required, <see cref="Ranges.PersonNameLength"/>).</param>
/// <param name="ListedOn">Day listed, yyyy-MM-dd (required, not before the found day, not in the future).</param>
/// <param name="Version">The hazard's version as read (required).</param>
public sealed record HazardSupervisionRequest(
    [property: Required] SupervisionLevel? Level,
    [property: Required, StringLength(FieldLengths.Name)] string? SupervisingUnit,
    [property: Required, InRange(nameof(Ranges.Day))] DateOnly? ListedOn,
    [property: Required] uint? Version);

/// <summary>A request to extend a hazard's deadline (延期申请).</summary>
/// <param name="Deadline">The deadline asked for, yyyy-MM-dd (required; after today and after the current deadline).</param>
/// <param name="Reason">Why (required, <see cref="Ranges.ReasonLength"/>).</param>
/// <param name="BeyondOneYearReason">Why the deadline may lie more than one year after the found day: required then, otherwise optional.</param>
/// <param name="Version">The hazard's version as read (required).</param>
public sealed record HazardExtensionRequestBody(
    [property: Required, InRange(nameof(Ranges.Day))] DateOnly? Deadline,
    [property: Required, StringLength(FieldLengths.Description)] string? Reason,
    [property: StringLength(FieldLengths.Description)] string? BeyondOneYearReason,
    [property: Required] uint? Version);

/// <summary>A decision on a deadline extension request.</summary>
/// <param name="Approve">true: approve (the deadline is extended from today); false: reject (required).</param>
/// <param name="Reason">Why (required, <see cref="Ranges.ReasonLength"/>).</param>
/// <param name="Version">The hazard's version as read (required).</param>
public sealed record HazardExtensionDecisionBody(
    [property: Required] bool? Approve,
    [property: Required, StringLength(FieldLengths.Description)] string? Reason,
    [property: Required] uint? Version);

/// <summary>An acceptance (验收) of a Rectified hazard.</summary>
/// <param name="Date">Day of the acceptance, yyyy-MM-dd (required; not before the rectified day, not in the future).</param>
/// <param name="Result">Pass (closed out, 销号) or Fail (back to Rectifying) (required).</param>
/// <param name="DocumentNumber">The close-out document number, 销号文号: required for Pass (<see cref="FieldLengths.Reference"/> characters at most).</param>
/// <param name="Note">What was found: required for Fail (<see cref="Ranges.NoteLength"/>).</param>
/// <param name="Version">The hazard's version as read (required).</param>
public sealed record HazardAcceptanceRequest(
    [property: Required, InRange(nameof(Ranges.Day))] DateOnly? Date,
    [property: Required] AcceptanceResult? Result,
    [property: StringLength(FieldLengths.Reference)] string? DocumentNumber,
    [property: StringLength(FieldLengths.Note)] string? Note,
    [property: Required] uint? Version) : IValidatableObject
{
    /// <summary>Pass without a document number, Fail without a note.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Result == AcceptanceResult.Pass && string.IsNullOrWhiteSpace(DocumentNumber))
            yield return new CodedValidationResult(LedgerProblemCodes.DocumentNumberRequired, [nameof(DocumentNumber)]);
        if (Result == AcceptanceResult.Fail && string.IsNullOrWhiteSpace(Note))
            yield return new CodedValidationResult(LedgerProblemCodes.FailNoteRequired, [nameof(Note)]);
    }
}

/// <summary>The ledger facts of a hazard (隐患台账).</summary>
/// <param name="Source">DepartmentInspection, EnterpriseSelfReport, PublicTip or Other.</param>
/// <param name="Criterion">The clause a Major hazard was judged under, with its document; null when none is cited.</param>
/// <param name="Plan">The rectification plan (五到位), null when none.</param>
/// <param name="Supervision">The supervision (挂牌督办), null when not supervised.</param>
/// <param name="RectifiedBy">User name of whoever marked it Rectified (the acceptor must be someone else).</param>
/// <param name="CloseDocumentNumber">The close-out document number (销号文号) once closed by an acceptance.</param>
/// <param name="Acceptances">Every acceptance, oldest first.</param>
/// <param name="ExtensionRequests">Every extension request, oldest first.</param>
public sealed record HazardLedger(string Source, HazardCriterionCitation? Criterion, HazardPlan? Plan, HazardSupervision? Supervision,
    string? RectifiedBy, string? CloseDocumentNumber, IReadOnlyList<HazardAcceptanceEntry> Acceptances,
    IReadOnlyList<HazardExtensionRequestEntry> ExtensionRequests);

/// <summary>A cited criterion clause.</summary>
/// <param name="Clause">Clause id, <c>{document id}:{clause id}</c>.</param>
/// <param name="Text">Paraphrase of the clause; null when the catalogue no longer has it.</param>
/// <param name="DocumentName">Document title.</param>
/// <param name="DocumentNumber">Document number (文号).</param>
public sealed record HazardCriterionCitation(string Clause, string? Text, string? DocumentName, string? DocumentNumber);

/// <summary>A rectification plan (五到位).</summary>
/// <param name="Measures">Measures.</param>
/// <param name="FundsYuan">Funds, yuan.</param>
/// <param name="Owner">Person responsible for the rectification.</param>
/// <param name="InterimMeasures">Interim safety measures.</param>
/// <param name="PlannedCompletionOn">Planned completion day.</param>
public sealed record HazardPlan(string? Measures, decimal? FundsYuan, string? Owner, string? InterimMeasures, DateOnly? PlannedCompletionOn)
{
    /// <summary>True when every part of the plan is present (what a Major hazard needs before Rectifying).</summary>
    public bool Complete => !string.IsNullOrWhiteSpace(Measures) && FundsYuan is not null && !string.IsNullOrWhiteSpace(Owner)
                            && !string.IsNullOrWhiteSpace(InterimMeasures) && PlannedCompletionOn is not null;
}

/// <summary>A supervision (挂牌督办).</summary>
/// <param name="Level">County, City or Province.</param>
/// <param name="SupervisingUnit">Supervising unit.</param>
/// <param name="ListedOn">Day listed.</param>
/// <param name="DelistedOn">Day delisted (the close-out day), null while listed.</param>
/// <param name="DecidedBy">The roles that decide its extensions and its acceptance (<see cref="LedgerRoles"/>).</param>
public sealed record HazardSupervision(string Level, string? SupervisingUnit, DateOnly? ListedOn, DateOnly? DelistedOn, string DecidedBy);

/// <summary>An acceptance of the hazard.</summary>
/// <param name="Id">Id.</param>
/// <param name="Date">Day of the acceptance.</param>
/// <param name="Result">Pass or Fail.</param>
/// <param name="DocumentNumber">Close-out document number of a pass.</param>
/// <param name="Note">What was found.</param>
/// <param name="AcceptedBy">User name of the acceptor.</param>
public sealed record HazardAcceptanceEntry(long Id, DateOnly Date, string Result, string? DocumentNumber, string? Note, string AcceptedBy);

/// <summary>A deadline extension request of the hazard.</summary>
/// <param name="Id">Id (for the decision).</param>
/// <param name="Deadline">Deadline asked for.</param>
/// <param name="Reason">Why.</param>
/// <param name="BeyondOneYearReason">Why beyond one year after the found day.</param>
/// <param name="RequestedBy">User name of the requester.</param>
/// <param name="RequestedAt">When (UTC).</param>
/// <param name="State">Pending, Approved or Rejected.</param>
/// <param name="DecidedBy">User name of the decider.</param>
/// <param name="DecidedAt">When decided (UTC).</param>
/// <param name="DecisionReason">The decider's reason.</param>
public sealed record HazardExtensionRequestEntry(long Id, DateOnly Deadline, string Reason, string? BeyondOneYearReason, string RequestedBy,
    DateTimeOffset RequestedAt, string State, string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionReason);
