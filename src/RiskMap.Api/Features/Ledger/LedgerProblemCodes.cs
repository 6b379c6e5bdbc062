using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.Ledger;

/// <summary>
/// The stable codes of the problems and field errors of the hazard ledger: criterion clauses, rectification plans,
/// supervision, deadline extension requests and acceptance (texts in <c>Resources/Messages*.resx</c>, see
/// <see cref="ProblemCodes"/>). The rules are those of ../shared/DOMAIN.md ("The hazard ledger as Chinese rules describe it").
/// </summary>
[ProblemCodeList]
public static class LedgerProblemCodes
{
    // Problem-level codes (title + detail).

    /// <summary>409: a Major hazard enters Rectifying only with a complete rectification plan (五到位); args: hazard id.</summary>
    [ProblemTitle]
    public const string PlanRequired = "ledger.plan-required";
    /// <summary>409: a hazard is closed only by an acceptance (POST …/acceptance), not by a status step; args: hazard id.</summary>
    [ProblemTitle]
    public const string CloseByAcceptance = "ledger.close-by-acceptance";
    /// <summary>409: only a Rectified hazard is accepted; args: its status.</summary>
    [ProblemTitle]
    public const string AcceptanceNotRectified = "ledger.acceptance.not-rectified";
    /// <summary>409: the acceptor marked the hazard Rectified; acceptance needs a second person; args: user name.</summary>
    [ProblemTitle]
    public const string AcceptanceSamePerson = "ledger.acceptance.same-person";
    /// <summary>409: a major hazard passes acceptance only with at least one "after" photo (JPEG or PNG) attached; args: hazard id.</summary>
    [ProblemTitle]
    public const string AcceptanceNeedsAfterPhoto = "ledger.acceptance.needs-after-photo";
    /// <summary>
    /// 403: the caller's role may not decide for this hazard (extensions, acceptance of a supervised hazard, listing at
    /// that level); args: the supervision level or "none", the roles that may.
    /// </summary>
    [ProblemTitle]
    public const string DeciderRole = "ledger.decider-role";
    /// <summary>409: the hazard already has an undecided extension request; args: its id.</summary>
    [ProblemTitle]
    public const string ExtensionPending = "ledger.extension.pending";
    /// <summary>404: no extension request of this hazard has the id; args: id, parameter.</summary>
    [ProblemTitle]
    public const string ExtensionUnknown = "ledger.extension.unknown";
    /// <summary>409: the extension request is already decided; args: id, its state.</summary>
    [ProblemTitle]
    public const string ExtensionDecided = "ledger.extension.decided";
    /// <summary>409: the requester may not decide their own extension request; args: user name.</summary>
    [ProblemTitle]
    public const string ExtensionSamePerson = "ledger.extension.same-person";
    /// <summary>409: the plan or supervision of a hazard no longer open (Rectified, Closed) is not changed; args: status.</summary>
    [ProblemTitle]
    public const string NotOpen = "ledger.not-open";

    // Field-level codes (message only).

    /// <summary>No clause of the catalogue has the id; args: clause id.</summary>
    public const string CriterionUnknown = "ledger.criterion.unknown";
    /// <summary>Only a Major hazard cites a criterion clause.</summary>
    public const string CriterionMajorOnly = "ledger.criterion.major-only";
    /// <summary>The clause's document is for other sectors; args: clause id, hazard sector, the document's sectors.</summary>
    public const string CriterionSector = "ledger.criterion.sector";
    /// <summary>The clause's document was not in force on the found day; args: clause id, found day, in force from, in force until.</summary>
    public const string CriterionNotInForce = "ledger.criterion.not-in-force";
    /// <summary>A new deadline must be after today; args: new deadline, today.</summary>
    public const string DeadlineNotAfterToday = "ledger.deadline.not-after-today";
    /// <summary>A deadline more than a year after the found day needs a reason; args: new deadline, found day + 1 year.</summary>
    public const string DeadlineBeyondOneYear = "ledger.deadline.beyond-one-year";
    /// <summary>A passed acceptance needs the close-out document number (销号文号).</summary>
    public const string DocumentNumberRequired = "ledger.acceptance.document-required";
    /// <summary>A failed acceptance needs the reason.</summary>
    public const string FailNoteRequired = "ledger.acceptance.note-required";
    /// <summary>A day before the hazard was found (or rectified, for an acceptance); args: day, earliest day.</summary>
    public const string DayTooEarly = "ledger.day.too-early";
    /// <summary>Yuan with more than two decimals; args: amount.</summary>
    public const string YuanFen = "ledger.yuan.fen";
}
