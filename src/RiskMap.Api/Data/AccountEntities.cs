using Microsoft.AspNetCore.Identity;

namespace RiskMap.Api.Data;

/// <summary>A person who signs in (ASP.NET Core Identity user) with the bindings that scope what they see.</summary>
public sealed class RiskMapUser : IdentityUser
{
    /// <summary>Name shown in the page and in the audit trail.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Department of a <c>DepartmentOfficer</c>; its sectors are the ones the officer writes for.</summary>
    public string? DepartmentCode { get; set; }

    /// <summary>Townships bound to the user: a township chief's own township, an inspector's assigned ones.</summary>
    public List<UserTownship> Townships { get; } = [];

    /// <summary>The department.</summary>
    public Department? Department { get; set; }
}

/// <summary>A township bound to a user.</summary>
public sealed class UserTownship
{
    /// <summary>User id.</summary>
    public required string UserId { get; set; }
    /// <summary>Township code.</summary>
    public required string TownshipCode { get; set; }
    /// <summary>The township.</summary>
    public Township? Township { get; set; }
}

/// <summary>
/// A personal API token for scripts and GIS clients, sent as <c>Authorization: Bearer rmk_…</c>. Only a SHA-256 hash
/// of the token is stored; the token itself is shown once, when it is created.
/// </summary>
public sealed class ApiToken
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>Owner.</summary>
    public required string UserId { get; set; }
    /// <summary>Name the owner gave it, e.g. "QGIS on my laptop".</summary>
    public required string Name { get; set; }
    /// <summary>SHA-256 of the token's UTF-8 bytes, lower-case hex (64 characters).</summary>
    public required string TokenHash { get; set; }
    /// <summary>First characters of the token, to recognise it in a list.</summary>
    public required string Prefix { get; set; }
    /// <summary>Creation time (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Expiry (UTC); null for none.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
    /// <summary>Last successful use (UTC).</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
    /// <summary>Revocation time (UTC); a revoked token never authenticates again.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>The owner.</summary>
    public RiskMapUser? User { get; set; }
}

/// <summary>
/// A signed-in cookie session, one row per sign-in with a password. The cookie carries the row's id; a request whose
/// session row is gone (signed out, ended by a password change or reset) or idle longer than the cookie's lifetime
/// is refused at once, on every instance of the service.
/// </summary>
public sealed class UserSession
{
    /// <summary>Random id, carried in the (encrypted) cookie.</summary>
    public Guid Id { get; set; }
    /// <summary>The signed-in user.</summary>
    public required string UserId { get; set; }
    /// <summary>Sign-in time (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Last request with the session (UTC), recorded to the minute.</summary>
    public DateTimeOffset LastSeenAt { get; set; }
    /// <summary>The user.</summary>
    public RiskMapUser? User { get; set; }
}

/// <summary>How the request that made an audited change was authenticated.</summary>
public enum AuthenticatedBy
{
    /// <summary>A cookie session, after sign-in with the password (<see cref="AuditEntry.SessionId"/> names it).</summary>
    Session,
    /// <summary>A personal API token (<see cref="AuditEntry.ApiTokenId"/> names it).</summary>
    ApiToken,
    /// <summary>The service itself, with no user (start-up work).</summary>
    System,
}

/// <summary>
/// One change, appended in the same transaction as the change itself and never updated or deleted (a database
/// trigger refuses both).
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Surrogate key, increasing.</summary>
    public long Id { get; set; }
    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
    /// <summary>User id of who made the change; null for the system (imports at start-up).</summary>
    public string? UserId { get; set; }
    /// <summary>User name at the time.</summary>
    public required string UserName { get; set; }
    /// <summary>What was done, e.g. <c>hazard.status</c>, <c>inspection.create</c>.</summary>
    public required string Action { get; set; }
    /// <summary>Kind of the changed record, e.g. <c>hazard</c>.</summary>
    public required string EntityType { get; set; }
    /// <summary>Id of the changed record.</summary>
    public required string EntityId { get; set; }
    /// <summary>The record before, as JSON; null for a creation.</summary>
    public string? Before { get; set; }
    /// <summary>The record after, as JSON; null for a deletion.</summary>
    public string? After { get; set; }
    /// <summary>The reason or note the user gave.</summary>
    public string? Note { get; set; }
    /// <summary>
    /// Whether the change came through a session or a token; null only on rows written before this was recorded
    /// (a check constraint requires it, with the matching id below, on every newer row).
    /// </summary>
    public AuthenticatedBy? AuthenticatedBy { get; set; }
    /// <summary>The session (<see cref="UserSession.Id"/>) of a change made through one; kept after the session ends.</summary>
    public Guid? SessionId { get; set; }
    /// <summary>The personal API token (<see cref="ApiToken.Id"/>) of a change made through one; kept after the token is revoked.</summary>
    public long? ApiTokenId { get; set; }
}

/// <summary>A change of a hazard's rectification deadline, kept so that past days see the deadline then in force.</summary>
public sealed class DeadlineExtension
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>Hazard.</summary>
    public long HazardId { get; set; }
    /// <summary>Day the extension was granted; before it the previous deadline applied.</summary>
    public DateOnly ExtendedOn { get; set; }
    /// <summary>Deadline before the extension.</summary>
    public DateOnly PreviousDeadline { get; set; }
    /// <summary>Deadline after the extension.</summary>
    public DateOnly NewDeadline { get; set; }
    /// <summary>Why.</summary>
    public required string Reason { get; set; }
    /// <summary>The hazard.</summary>
    public Hazard? Hazard { get; set; }
}
