using NetTopologySuite.Geometries;

namespace RiskMap.Api.Data;

/// <summary>What an error report (纠错) is about.</summary>
public enum ErrorReportSubject
{
    /// <summary>An enterprise's record (name, address, location, sector…).</summary>
    Enterprise,
    /// <summary>A hazard's record.</summary>
    Hazard,
    /// <summary>A township's record (name, boundary).</summary>
    Township,
}

/// <summary>Where an error report stands: Open until an admin or the supervising department's officer accepts or rejects it.</summary>
public enum ErrorReportStatus
{
    /// <summary>Waiting for a decision.</summary>
    Open,
    /// <summary>The error is real; the fix is made through the normal edit paths.</summary>
    Accepted,
    /// <summary>Not an error, with the reason.</summary>
    Rejected,
}

/// <summary>
/// A signed-in user's report that a record is wrong (纠错), with an optional proposed location, and its outcome. Who may
/// see and decide it follows from the record: reports on an enterprise or on one of its hazards go to the admins and the
/// officers of the enterprise's covering department; reports on a township to the admins.
/// </summary>
public sealed class ErrorReport
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>What the report is about.</summary>
    public ErrorReportSubject Subject { get; set; }
    /// <summary>The enterprise reported on, or the enterprise of the hazard reported on; null for a township report.</summary>
    public long? EnterpriseId { get; set; }
    /// <summary>The hazard reported on; null otherwise.</summary>
    public long? HazardId { get; set; }
    /// <summary>The township reported on (9-digit code); null otherwise.</summary>
    public string? TownshipCode { get; set; }
    /// <summary>What is wrong, as the reporter wrote it.</summary>
    public required string Text { get; set; }
    /// <summary>Where the reporter says the record should be, WGS-84 point (SRID 4326); null when none was proposed.</summary>
    public Point? ProposedLocation { get; set; }
    /// <summary>Reporter's user id.</summary>
    public required string ReporterId { get; set; }
    /// <summary>Reporter's user name at the time.</summary>
    public required string ReporterName { get; set; }
    /// <summary>When it was reported (UTC).</summary>
    public DateTimeOffset ReportedAt { get; set; }
    /// <summary>Open, Accepted or Rejected.</summary>
    public ErrorReportStatus Status { get; set; }
    /// <summary>The decider's reason (required for a rejection); null while open.</summary>
    public string? DecisionReason { get; set; }
    /// <summary>The decider's user name; null while open.</summary>
    public string? DecidedBy { get; set; }
    /// <summary>When it was decided (UTC); null while open.</summary>
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>The enterprise.</summary>
    public Enterprise? Enterprise { get; set; }
    /// <summary>The hazard.</summary>
    public Hazard? Hazard { get; set; }
    /// <summary>The township.</summary>
    public Township? Township { get; set; }
}
