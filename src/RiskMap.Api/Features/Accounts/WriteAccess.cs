using System.Security.Claims;

namespace RiskMap.Api.Features.Accounts;

/// <summary>What a write is about, for <see cref="WriteAccess"/>.</summary>
public enum WriteKind
{
    /// <summary>Recording an inspection and the hazards it found.</summary>
    RecordInspection,
    /// <summary>Moving a hazard along its lifecycle or extending its deadline.</summary>
    ChangeHazard,
    /// <summary>Recording an enforcement action.</summary>
    RecordEnforcement,
    /// <summary>Attaching a photo or document to a hazard (as those who change it may, and inspectors of its township).</summary>
    AttachEvidence,
}

/// <summary>
/// Who may write what, for an enterprise in a township and a sector:
/// Admin writes everything; a DepartmentOfficer writes for the sectors of their department, in any township;
/// a TownshipChief writes for enterprises in their own township; an Inspector records inspections and hazards in
/// the townships assigned to them and attaches evidence to their hazards (but does not move hazards or record enforcement); a DistrictLeader only reads.
/// </summary>
public static class WriteAccess
{
    /// <summary>True when <paramref name="user"/> may make a <paramref name="kind"/> write about an enterprise of <paramref name="sector"/> located in <paramref name="township"/>.</summary>
    public static bool Allows(ClaimsPrincipal user, WriteKind kind, string? township, string sector)
    {
        if (user.Identity?.IsAuthenticated != true) return false;
        if (user.IsInRole(Roles.Admin)) return true;
        if (user.IsInRole(Roles.DepartmentOfficer) && user.HasClaim(RiskMapClaims.Sector, sector)) return true;
        var bound = township is not null && user.HasClaim(RiskMapClaims.Township, township);
        if (user.IsInRole(Roles.TownshipChief) && bound) return true;
        return user.IsInRole(Roles.Inspector) && bound && kind is WriteKind.RecordInspection or WriteKind.AttachEvidence;
    }

    /// <summary>The roles that may write at all (the endpoint-level policy); the entity-level check is <see cref="Allows"/>.</summary>
    public static readonly string[] WriterRoles = [Roles.Admin, Roles.DepartmentOfficer, Roles.TownshipChief, Roles.Inspector];
}
