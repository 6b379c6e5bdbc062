using System.Security.Claims;
using RiskMap.Api.Data;
using RiskMap.Api.Domain;
using RiskMap.Api.Features.Accounts;

namespace RiskMap.Api.Features.Ledger;

/// <summary>
/// Who decides for a hazard: extension requests, acceptance of a supervised hazard and listing for supervision. The
/// supervising level's role (挂牌督办: the level that listed the hazard decides its extensions and its close-out) maps onto
/// the service's roles as follows: County (区县) → a DepartmentOfficer of the hazard's sector (the county's supervising
/// department) or an Admin; City (市) and Province (省) → an Admin only (the account the county office uses for the
/// upper levels' decisions, which reach it as documents). A hazard not under supervision is decided like a County one.
/// Township chiefs request extensions and accept unsupervised hazards of their township but never decide extensions.
/// </summary>
public static class LedgerRoles
{
    /// <summary>The supervision level whose role decides for <paramref name="hazard"/>: its listing level, County when none.</summary>
    public static SupervisionLevel DecidingLevel(Hazard hazard) => hazard.Supervised ? hazard.SupervisionLevel ?? SupervisionLevel.County : SupervisionLevel.County;

    /// <summary>True when <paramref name="user"/> acts for <paramref name="level"/> on a hazard of <paramref name="sector"/>.</summary>
    public static bool ActsFor(ClaimsPrincipal user, SupervisionLevel level, string sector)
    {
        if (user.IsInRole(Roles.Admin)) return true;
        return level == SupervisionLevel.County && user.IsInRole(Roles.DepartmentOfficer) && user.HasClaim(RiskMapClaims.Sector, sector);
    }

    /// <summary>True when <paramref name="user"/> may decide an extension of <paramref name="hazard"/>'s deadline.</summary>
    public static bool MayDecideExtension(ClaimsPrincipal user, Hazard hazard) => ActsFor(user, DecidingLevel(hazard), hazard.Sector);

    /// <summary>
    /// True when <paramref name="user"/> may accept <paramref name="hazard"/>: for a supervised hazard its supervising
    /// level's role; otherwise whoever may change it (<see cref="WriteAccess"/>).
    /// </summary>
    public static bool MayAccept(ClaimsPrincipal user, Hazard hazard) => hazard.Supervised
        ? ActsFor(user, DecidingLevel(hazard), hazard.Sector)
        : WriteAccess.Allows(user, WriteKind.ChangeHazard, hazard.Enterprise?.TownshipCode, hazard.Sector);

    /// <summary>The roles that act for <paramref name="level"/>, for messages.</summary>
    public static string RolesFor(SupervisionLevel level)
        => level == SupervisionLevel.County ? $"{Roles.DepartmentOfficer}, {Roles.Admin}" : Roles.Admin;
}
