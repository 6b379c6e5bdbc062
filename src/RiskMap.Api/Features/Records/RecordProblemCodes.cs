using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.Records;

/// <summary>
/// The stable codes of the problems and field errors of the writes: inspections with their hazards, enforcement actions,
/// and the write access every change of a record needs (texts in <c>Resources/Messages*.resx</c>, see
/// <see cref="ProblemCodes"/>).
/// </summary>
[ProblemCodeList]
public static class RecordProblemCodes
{
    // Problem-level codes (title + detail).

    /// <summary>
    /// 403: the caller's role, townships or sectors do not allow this change for the enterprise concerned
    /// (<see cref="Accounts.WriteAccess"/>); nothing about the enterprise but its id is told. args: enterprise id.
    /// </summary>
    [ProblemTitle]
    public const string NotYoursToChange = "record.not-yours";

    // Field-level codes (message only).

    /// <summary>
    /// No enterprise has the id, or the caller may not read it (both answer the same, so that ids cannot be probed);
    /// args: id.
    /// </summary>
    public const string EnterpriseUnknown = "record.enterprise.unknown";
    /// <summary>A record's day lies after today (China Standard Time); args: day, today.</summary>
    public const string DateInFuture = "record.date.future";
    /// <summary>More hazards than one inspection records; args: hazards sent, most allowed.</summary>
    public const string TooManyHazards = "record.hazards.too-many";
    /// <summary>A hazard's deadline before the day of the inspection that found it; args: deadline, inspection day.</summary>
    public const string DeadlineBeforeInspection = "record.hazard.deadline-before-inspection";
    /// <summary>A fine needs its amount in yuan.</summary>
    public const string FineAmountRequired = "record.fine.amount-required";
    /// <summary>An amount with more than two decimals (yuan are counted to the fen); args: amount.</summary>
    public const string AmountFen = "record.fine.amount-fen";
    /// <summary>Only a fine has an amount; args: the kind given.</summary>
    public const string AmountOnlyForFines = "record.amount.fines-only";
}
