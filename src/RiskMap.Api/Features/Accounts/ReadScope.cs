using System.Security.Claims;

namespace RiskMap.Api.Features.Accounts;

/// <summary>The role names of the service.</summary>
public static class Roles
{
    /// <summary>Manages users and imports; reads and writes everything.</summary>
    public const string Admin = "Admin";
    /// <summary>Reads the whole district (区领导).</summary>
    public const string DistrictLeader = "DistrictLeader";
    /// <summary>Reads the district; writes for the sectors of their department (行业监管部门).</summary>
    public const string DepartmentOfficer = "DepartmentOfficer";
    /// <summary>Reads and writes only their own township (乡镇/街道负责人).</summary>
    public const string TownshipChief = "TownshipChief";
    /// <summary>Records inspections and hazards in the townships assigned to them (检查员).</summary>
    public const string Inspector = "Inspector";

    /// <summary>Every role.</summary>
    public static readonly string[] All = [Admin, DistrictLeader, DepartmentOfficer, TownshipChief, Inspector];
}

/// <summary>Claim types the service adds to a signed-in user.</summary>
public static class RiskMapClaims
{
    /// <summary>A township the user is bound to (a chief's own township, an inspector's assigned ones); one claim per township.</summary>
    public const string Township = "riskmap:township";
    /// <summary>The department code of a department officer.</summary>
    public const string Department = "riskmap:department";
    /// <summary>A sector the user's department supervises; one claim per sector.</summary>
    public const string Sector = "riskmap:sector";
    /// <summary>The <see cref="Data.UserSession"/> id of a cookie sign-in; only a cookie carries it.</summary>
    public const string Session = "riskmap:session";
    /// <summary>The <see cref="Data.ApiToken"/> id of a request authenticated by a personal API token; only such a request carries it.</summary>
    public const string ApiToken = "riskmap:api_token";
}

/// <summary>
/// The townships a caller may read. Admins, district leaders and department officers read every township
/// (<see cref="Townships"/> is null); township chiefs and inspectors read the townships bound to them by
/// <see cref="RiskMapClaims.Township"/> claims; anyone else reads nothing. Every read endpoint filters its rows with
/// it and answers 403 when a request names a township outside it.
/// </summary>
public sealed class ReadScope
{
    private ReadScope(IReadOnlySet<string>? townships) => Townships = townships;

    /// <summary>Every township.</summary>
    public static ReadScope Everything { get; } = new(null);

    /// <summary>No township at all.</summary>
    public static ReadScope Nothing { get; } = new(new HashSet<string>());

    /// <summary>The readable township codes, or null for every township.</summary>
    public IReadOnlySet<string>? Townships { get; }

    /// <summary>True when every township is readable.</summary>
    public bool IsEverything => Townships is null;

    /// <summary>The readable township codes as an array for a SQL parameter (<c>township_code = ANY(@scope)</c>), or null for every township.</summary>
    public string[]? AsArray() => Townships?.Order(StringComparer.Ordinal).ToArray();

    /// <summary>True when <paramref name="townshipCode"/> is readable. An enterprise in no township is readable only with <see cref="Everything"/>.</summary>
    public bool Covers(string? townshipCode) => Townships is null || (townshipCode is not null && Townships.Contains(townshipCode));

    /// <summary>A scope limited to the given townships.</summary>
    public static ReadScope Of(IEnumerable<string> townships) => new(townships.ToHashSet(StringComparer.Ordinal));

    /// <summary>The scope of <paramref name="user"/>, from its roles and township claims.</summary>
    public static ReadScope For(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return Nothing;
        if (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.DistrictLeader) || user.IsInRole(Roles.DepartmentOfficer)) return Everything;
        return Of(user.FindAll(RiskMapClaims.Township).Select(c => c.Value));
    }

    /// <summary>Lets a minimal-API handler take the caller's scope as a parameter.</summary>
    public static ValueTask<ReadScope?> BindAsync(HttpContext context) => ValueTask.FromResult<ReadScope?>(For(context.User));
}
