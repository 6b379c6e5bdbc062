namespace RiskMap.Api.Features.Records;

/// <summary>An inspection to record, with the hazards it found.</summary>
/// <param name="EnterpriseId">Inspected enterprise.</param>
/// <param name="Date">Day of the inspection (not in the future).</param>
/// <param name="InspectionGroup">Inspection group (检查组), <see cref="Ranges.InspectionGroupLength"/>.</param>
/// <param name="InspectorVisits">Inspector visits (检查人次) counted on this record, <see cref="Ranges.InspectorVisits"/>.</param>
/// <param name="Hazards">Hazards found (may be empty); each gets the enterprise's sector and the inspection's date as found day.</param>
public sealed record RecordInspectionRequest(long? EnterpriseId, DateOnly? Date, string? InspectionGroup, int? InspectorVisits,
    IReadOnlyList<NewHazard>? Hazards);

/// <summary>A hazard found by an inspection.</summary>
/// <param name="Level">General or Major.</param>
/// <param name="Description">What is wrong, <see cref="Ranges.DescriptionLength"/>.</param>
/// <param name="Deadline">Rectification deadline, not before the inspection.</param>
/// <param name="ResponsiblePerson">Person responsible for rectification (optional, <see cref="Ranges.PersonNameLength"/>).</param>
/// <param name="Supervised">Put under supervision (挂牌督办); usual for major hazards.</param>
public sealed record NewHazard(string? Level, string? Description, DateOnly? Deadline, string? ResponsiblePerson, bool? Supervised);

/// <summary>The recorded inspection.</summary>
/// <param name="Id">Inspection id.</param>
/// <param name="EnterpriseId">Enterprise id.</param>
/// <param name="Date">Day.</param>
/// <param name="InspectionGroup">Group.</param>
/// <param name="InspectorVisits">Inspector visits.</param>
/// <param name="HazardIds">Ids of the hazards recorded with it, in request order.</param>
public sealed record RecordedInspection(long Id, long EnterpriseId, DateOnly Date, string InspectionGroup, int InspectorVisits, IReadOnlyList<long> HazardIds);

/// <summary>A move of a hazard to its next status.</summary>
/// <param name="Status">Rectifying, Rectified or Closed.</param>
/// <param name="Date">Day of the step (not in the future, not before the previous step); today when absent for Rectifying, required otherwise.</param>
/// <param name="Note">What was done (required for Rectified and Closed, <see cref="Ranges.NoteLength"/>).</param>
/// <param name="Version">The hazard's version as read; a stale version gets 409.</param>
public sealed record HazardStatusRequest(string? Status, DateOnly? Date, string? Note, uint? Version);

/// <summary>An extension of a hazard's deadline.</summary>
/// <param name="Deadline">The new deadline, after the current one.</param>
/// <param name="Reason">Why (required, <see cref="Ranges.ReasonLength"/>).</param>
/// <param name="Version">The hazard's version as read; a stale version gets 409.</param>
public sealed record DeadlineExtensionRequest(DateOnly? Deadline, string? Reason, uint? Version);

/// <summary>An enforcement action to record.</summary>
/// <param name="EnterpriseId">Enterprise concerned.</param>
/// <param name="Date">Day (not in the future).</param>
/// <param name="Kind">Document, Interview, Case or Fine.</param>
/// <param name="AmountYuan">For a fine: amount in yuan, &gt; 0, at most two decimals, at most 100,000,000; none otherwise.</param>
public sealed record RecordEnforcementRequest(long? EnterpriseId, DateOnly? Date, string? Kind, decimal? AmountYuan);

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
public sealed record HazardDetail(long Id, string? Reference, long EnterpriseId, string EnterpriseName, string? Township, string Sector,
    string Level, string Status, string? NextStatus, string Description, DateOnly FoundOn, DateOnly Deadline, DateOnly? RectifyingOn,
    DateOnly? RectifiedOn, DateOnly? ClosedOn, string? ResponsiblePerson, bool Supervised, uint Version, IReadOnlyList<HistoryEntry> History);

/// <summary>One change in a record's history (from the audit trail).</summary>
/// <param name="At">When (UTC).</param>
/// <param name="UserName">Who.</param>
/// <param name="Action">What, e.g. hazard.status.</param>
/// <param name="Note">The note or reason given.</param>
/// <param name="Before">The record before, as JSON text.</param>
/// <param name="After">The record after, as JSON text.</param>
public sealed record HistoryEntry(DateTimeOffset At, string UserName, string Action, string? Note, string? Before, string? After);
