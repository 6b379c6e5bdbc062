using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RiskMap.Api.Data;

namespace RiskMap.Api.Features.Accounts;

/// <summary>
/// Builds a signed-in user's claims: Identity's (id, name, roles) plus the user's townships, department and the
/// department's sectors (<see cref="RiskMapClaims"/>), which scope reads and writes.
/// </summary>
public sealed class RiskMapClaimsFactory(UserManager<RiskMapUser> users, RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options, RiskMapDbContext db)
    : UserClaimsPrincipalFactory<RiskMapUser, IdentityRole>(users, roles, options)
{
    /// <inheritdoc />
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(RiskMapUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var townships = await db.UserTownships.Where(t => t.UserId == user.Id).Select(t => t.TownshipCode).ToListAsync();
        identity.AddClaims(townships.Select(t => new Claim(RiskMapClaims.Township, t)));
        if (user.DepartmentCode is not null)
        {
            identity.AddClaim(new Claim(RiskMapClaims.Department, user.DepartmentCode));
            var sectors = await db.Departments.Where(d => d.Code == user.DepartmentCode).Select(d => d.Sectors).FirstOrDefaultAsync() ?? [];
            identity.AddClaims(sectors.Select(s => new Claim(RiskMapClaims.Sector, s)));
        }
        if (!string.IsNullOrEmpty(user.DisplayName)) identity.AddClaim(new Claim("name_display", user.DisplayName));
        return identity;
    }
}
