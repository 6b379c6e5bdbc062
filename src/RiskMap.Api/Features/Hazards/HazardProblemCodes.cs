using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.Hazards;

/// <summary>
/// The stable codes of the problems and field errors of reading a hazard and of moving it along its lifecycle or
/// extending its deadline (texts in <c>Resources/Messages*.resx</c>, see <see cref="ProblemCodes"/>). The lifecycle rules
/// are those of <see cref="HazardLifecycle"/> (docs/domain.md).
/// </summary>
[ProblemCodeList]
public static class HazardProblemCodes
{
    // Problem-level codes (title + detail).

    /// <summary>
    /// 404: no hazard has the id, or the caller may not read it (both answer the same, so that ids cannot be probed);
    /// args: id, parameter.
    /// </summary>
    [ProblemTitle]
    public const string HazardUnknown = "hazard.unknown";
    /// <summary>
    /// 409: the version sent is not the stored one (someone changed the hazard since it was read); nothing was saved.
    /// Answered before any judgement on the stored state. args: version sent, current version (also <c>currentVersion</c>).
    /// </summary>
    [ProblemTitle]
    public const string ChangedMeanwhile = "hazard.changed-meanwhile";
    /// <summary>409: the step is not the one allowed from the hazard's status; args: from, to, the allowed next status.</summary>
    [ProblemTitle]
    public const string TransitionRefused = "hazard.transition-refused";
    /// <summary>409: the hazard is Closed, which is final; args: from, to.</summary>
    [ProblemTitle]
    public const string TransitionFinal = "hazard.transition-final";
    /// <summary>409: only an open hazard (Open, Rectifying) gets a new deadline; args: its status.</summary>
    [ProblemTitle]
    public const string DeadlineNotOpen = "hazard.deadline.not-open";

    // Field-level codes (message only).

    /// <summary>A move to Rectified or Closed needs a note; args: target status.</summary>
    public const string NoteRequired = "hazard.status.note-required";
    /// <summary>A move to Rectified or Closed needs its date; args: target status.</summary>
    public const string DateRequired = "hazard.status.date-required";
    /// <summary>The step's day is before the hazard's previous step; args: day, day of the previous step.</summary>
    public const string DateBeforePreviousStep = "hazard.status.date-before-previous";
    /// <summary>A new deadline must be after the current one; args: new deadline, current deadline.</summary>
    public const string DeadlineNotLater = "hazard.deadline.not-later";
}
