using RiskMap.Api.Domain;

namespace RiskMap.Api.Data;

/// <summary>
/// A request to extend a hazard's deadline (延期申请), made by a township or a department and decided (approved or
/// rejected, with a reason) by another user whose role may decide it (<see cref="Features.Ledger.LedgerRoles"/>). An
/// approved request writes a <see cref="DeadlineExtension"/>.
/// </summary>
public sealed class ExtensionRequest
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>Hazard.</summary>
    public long HazardId { get; set; }
    /// <summary>The deadline asked for.</summary>
    public DateOnly RequestedDeadline { get; set; }
    /// <summary>Why.</summary>
    public required string Reason { get; set; }
    /// <summary>Why the deadline may lie more than a year after the hazard was found (required then).</summary>
    public string? BeyondOneYearReason { get; set; }
    /// <summary>User name of the requester.</summary>
    public required string RequestedBy { get; set; }
    /// <summary>When it was made (UTC).</summary>
    public DateTimeOffset RequestedAt { get; set; }
    /// <summary>Pending, Approved or Rejected.</summary>
    public ExtensionRequestState State { get; set; }
    /// <summary>User name of the decider.</summary>
    public string? DecidedBy { get; set; }
    /// <summary>When it was decided (UTC).</summary>
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>The decider's reason.</summary>
    public string? DecisionReason { get; set; }
    /// <summary>The hazard.</summary>
    public Hazard? Hazard { get; set; }
}

/// <summary>An acceptance (验收) of a rectified hazard: passed (closed out, 销号) or failed (back to Rectifying).</summary>
public sealed class HazardAcceptance
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>Hazard.</summary>
    public long HazardId { get; set; }
    /// <summary>Day of the acceptance.</summary>
    public DateOnly AcceptedOn { get; set; }
    /// <summary>Pass or Fail.</summary>
    public AcceptanceResult Result { get; set; }
    /// <summary>The close-out document number (销号文号) of a pass.</summary>
    public string? DocumentNumber { get; set; }
    /// <summary>What was found: required for a fail.</summary>
    public string? Note { get; set; }
    /// <summary>User name of the acceptor.</summary>
    public required string AcceptedBy { get; set; }
    /// <summary>When it was recorded (UTC).</summary>
    public DateTimeOffset RecordedAt { get; set; }
    /// <summary>The hazard.</summary>
    public Hazard? Hazard { get; set; }
}
