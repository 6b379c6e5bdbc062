using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.ErrorReports;

/// <summary>The stable codes of the problems and field errors of error reports (纠错) (texts in <c>Resources/Messages*.resx</c>, see <see cref="ProblemCodes"/>).</summary>
[ProblemCodeList]
public static class ErrorReportProblemCodes
{
    // Problem-level codes (title + detail).

    /// <summary>404: no report in the caller's queue has the id (another department's reports answer the same); args: id, parameter.</summary>
    [ProblemTitle]
    public const string ReportUnknown = "report.unknown";
    /// <summary>409: the report was already decided; args: id, its status.</summary>
    [ProblemTitle]
    public const string ReportDecided = "report.decided";

    // Field-level codes (message only).

    /// <summary>The subject's id field is missing for the subject named; args: subject.</summary>
    public const string SubjectIdRequired = "report.subject-id-required";
    /// <summary>
    /// No enterprise, hazard or township has the id or code, or the caller may not read it (both answer the same, so that
    /// ids of other townships' records cannot be probed); args: value.
    /// </summary>
    public const string SubjectUnknown = "report.subject-unknown";
    /// <summary>A proposed location needs both longitude and latitude.</summary>
    public const string LocationIncomplete = "report.location-incomplete";
    /// <summary>A decision is Accepted or Rejected; args: value.</summary>
    public const string DecisionStatus = "report.decision-status";
    /// <summary>A rejection needs its reason.</summary>
    public const string ReasonRequired = "report.reason-required";
}
