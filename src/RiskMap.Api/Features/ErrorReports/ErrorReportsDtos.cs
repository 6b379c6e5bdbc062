using System.ComponentModel.DataAnnotations;
using RiskMap.Api.Contract;
using RiskMap.Api.Data;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Features.ErrorReports;

// The request records' attributes target their properties: validation reads them there as on the constructor, and the
// OpenAPI generator only there.

/// <summary>
/// A report that a record is wrong (纠错). Name the record with the id field of its subject; leading and trailing spaces
/// of the text are ignored.
/// </summary>
/// <param name="Subject">Enterprise, Hazard or Township (required).</param>
/// <param name="EnterpriseId">The enterprise, for subject Enterprise; one the caller may not read answers like an unknown id.</param>
/// <param name="HazardId">The hazard, for subject Hazard; one the caller may not read answers like an unknown id.</param>
/// <param name="Township">The township's 9-digit code, for subject Township; one the caller may not read answers like an unknown code.</param>
/// <param name="Text">What is wrong (required, <see cref="Ranges.ErrorReportTextLength"/>).</param>
/// <param name="Longitude">Proposed location's WGS-84 longitude, degrees (optional, with <c>latitude</c>).</param>
/// <param name="Latitude">Proposed location's WGS-84 latitude, degrees (optional, with <c>longitude</c>).</param>
public sealed record ErrorReportRequest(
    [property: Required] ErrorReportSubject? Subject,
    long? EnterpriseId,
    long? HazardId,
    [property: DigitCode(9)] string? Township,
    [property: Required, StringLength(FieldLengths.Description)] string? Text,
    [property: InRange(nameof(Ranges.Longitude))] double? Longitude = null,
    [property: InRange(nameof(Ranges.Latitude))] double? Latitude = null) : IValidatableObject
{
    /// <summary>
    /// The subject's id field missing: <see cref="ErrorReportProblemCodes.SubjectIdRequired"/>; one of longitude and
    /// latitude without the other: <see cref="ErrorReportProblemCodes.LocationIncomplete"/>.
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var missing = Subject switch
        {
            ErrorReportSubject.Enterprise when EnterpriseId is null => nameof(EnterpriseId),
            ErrorReportSubject.Hazard when HazardId is null => nameof(HazardId),
            ErrorReportSubject.Township when Township is null => nameof(Township),
            _ => null,
        };
        if (missing is not null) yield return new CodedValidationResult(ErrorReportProblemCodes.SubjectIdRequired, [missing], Subject);
        if ((Longitude is null) != (Latitude is null))
            yield return new CodedValidationResult(ErrorReportProblemCodes.LocationIncomplete, [Longitude is null ? nameof(Longitude) : nameof(Latitude)]);
    }
}

/// <summary>A decision on an open error report. Leading and trailing spaces of the reason are ignored.</summary>
/// <param name="Status">Accepted or Rejected (required).</param>
/// <param name="Reason">Why: required for Rejected, optional for Accepted (what was fixed) (<see cref="Ranges.ReasonLength"/>).</param>
public sealed record ErrorReportDecision(
    [property: Required] ErrorReportStatus? Status,
    [property: StringLength(FieldLengths.Description)] string? Reason = null) : IValidatableObject
{
    /// <summary>Open as a decision: <see cref="ErrorReportProblemCodes.DecisionStatus"/>; Rejected without a reason: <see cref="ErrorReportProblemCodes.ReasonRequired"/>.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Status == ErrorReportStatus.Open) yield return new CodedValidationResult(ErrorReportProblemCodes.DecisionStatus, [nameof(Status)], Status);
        if (Status == ErrorReportStatus.Rejected && string.IsNullOrWhiteSpace(Reason))
            yield return new CodedValidationResult(ErrorReportProblemCodes.ReasonRequired, [nameof(Reason)]);
    }
}

/// <summary>The query of the error report queue.</summary>
/// <param name="Status">Only reports with this status: Open, Accepted or Rejected; default all.</param>
public sealed record ErrorReportQueueQuery(ErrorReportStatus? Status = null);

/// <summary>An error report with what it is about and its outcome.</summary>
/// <param name="Id">Report id.</param>
/// <param name="Subject">Enterprise, Hazard or Township.</param>
/// <param name="EnterpriseId">The enterprise (of the hazard); null for a township report.</param>
/// <param name="EnterpriseName">Its name.</param>
/// <param name="HazardId">The hazard; null otherwise.</param>
/// <param name="HazardReference">Its record reference.</param>
/// <param name="Township">The township of the record (9-digit code); null for an enterprise in no township.</param>
/// <param name="TownshipName">Its name.</param>
/// <param name="Department">The enterprise's covering department code, whose officers decide the report; null for a township report.</param>
/// <param name="Text">What is wrong.</param>
/// <param name="Longitude">Proposed location's WGS-84 longitude, degrees; null when none.</param>
/// <param name="Latitude">Proposed location's WGS-84 latitude, degrees.</param>
/// <param name="Reporter">Reporter's user name.</param>
/// <param name="ReportedAt">When reported (UTC).</param>
/// <param name="Status">Open, Accepted or Rejected.</param>
/// <param name="DecisionReason">The decider's reason; null while open.</param>
/// <param name="DecidedBy">The decider's user name; null while open.</param>
/// <param name="DecidedAt">When decided (UTC); null while open.</param>
public sealed record ErrorReportView(long Id, string Subject, long? EnterpriseId, string? EnterpriseName, long? HazardId, string? HazardReference,
    string? Township, string? TownshipName, string? Department, string Text, double? Longitude, double? Latitude, string Reporter,
    DateTimeOffset ReportedAt, string Status, string? DecisionReason, string? DecidedBy, DateTimeOffset? DecidedAt);
