using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RiskMap.Api.Data;

namespace RiskMap.Api.Features.Accounts;

/// <summary>
/// Creates the first accounts when the database has none: <c>admin</c> always, and when the demo district 431103 is loaded
/// as demo data (<see cref="Data.District.Demo"/>; a real district of that code gets none) one account per role —
/// <c>leader</c>, <c>officer-&lt;department&gt;</c> for each department, <c>chief-&lt;township code&gt;</c> for each of its
/// townships and <c>inspector-1</c>…<c>inspector-3</c> with the townships of <see cref="Inspectors"/> that exist (an
/// inspector none of whose townships exists is not created). All get the
/// password in the environment variable <c>RISKMAP_DEMO_PASSWORD</c> (or configuration key of that name) or, when it is
/// unset, a random one written once to the log. There is no fixed default password.
/// </summary>
public sealed class DemoAccounts(RiskMapDbContext db, UserManager<RiskMapUser> users, RoleManager<IdentityRole> roles, IConfiguration configuration,
    ILogger<DemoAccounts> logger)
{
    /// <summary>The demo district.</summary>
    public const string DemoDistrict = "431103";

    /// <summary>Inspectors of the demo and the townships assigned to each.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Inspectors = new Dictionary<string, string[]>
    {
        ["inspector-1"] = ["431103101", "431103102", "431103105"],
        ["inspector-2"] = ["431103103", "431103104", "431103106"],
        ["inspector-3"] = ["431103001", "431103002", "431103003", "431103004", "431103005"],
    };

    /// <summary>Creates the roles, and the accounts when no user exists yet. Returns the user names created.</summary>
    public async Task<IReadOnlyList<string>> EnsureAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        if (await db.Users.AnyAsync(cancellationToken)) return [];

        var configured = configuration["RISKMAP_DEMO_PASSWORD"];
        var password = string.IsNullOrEmpty(configured) ? RandomPassword() : configured;
        var created = new List<string>();
        await Create("admin", "系统管理员", Roles.Admin, null, [], password, created);
        if (await db.Districts.AnyAsync(d => d.Code == DemoDistrict && d.Demo, cancellationToken))
        {
            var existing = (await db.Townships.Where(t => t.DistrictCode == DemoDistrict).Select(t => t.Code).ToListAsync(cancellationToken)).ToHashSet();
            await Create("leader", "区领导", Roles.DistrictLeader, null, [], password, created);
            foreach (var department in await db.Departments.OrderBy(d => d.Code).ToListAsync(cancellationToken))
                await Create($"officer-{department.Code.Replace('_', '-')}", department.Name, Roles.DepartmentOfficer, department.Code, [], password, created);
            foreach (var township in await db.Townships.Where(t => t.DistrictCode == DemoDistrict).OrderBy(t => t.Code).ToListAsync(cancellationToken))
                await Create($"chief-{township.Code}", $"{township.Name}负责人", Roles.TownshipChief, null, [township.Code], password, created);
            foreach (var (name, townships) in Inspectors)
            {
                // Never a township that does not exist: user_townships references townships.
                string[] assigned = [.. townships.Where(existing.Contains)];
                if (assigned.Length > 0) await Create(name, $"检查员{name[^1]}", Roles.Inspector, null, assigned, password, created);
            }
        }

        if (string.IsNullOrEmpty(configured))
            logger.LogWarning(
                "Created {Count} accounts ({Names}). Their password, shown only this once: {Password} — set RISKMAP_DEMO_PASSWORD before the first start to choose it, and change it with POST /api/v1/auth/password.",
                created.Count, string.Join(", ", created), password);
        else
            logger.LogInformation("Created {Count} accounts ({Names}) with the password from RISKMAP_DEMO_PASSWORD.", created.Count, string.Join(", ", created));
        return created;
    }

    private async Task Create(string userName, string displayName, string role, string? department, IReadOnlyList<string> townships, string password,
        List<string> created)
    {
        var user = new RiskMapUser { UserName = userName, DisplayName = displayName, DepartmentCode = department };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create {userName}: {string.Join(" ", result.Errors.Select(e => e.Description))} " +
                                                "(RISKMAP_DEMO_PASSWORD must have at least 10 characters with upper- and lower-case letters and a digit).");
        await users.AddToRoleAsync(user, role);
        db.UserTownships.AddRange(townships.Select(t => new UserTownship { UserId = user.Id, TownshipCode = t }));
        await db.SaveChangesAsync();
        created.Add(userName);
    }

    /// <summary>16 random characters from letters and digits without look-alikes, with at least one upper, lower and digit.</summary>
    private static string RandomPassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789";
        const string all = upper + lower + digits;
        var chars = new char[16];
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        for (var i = 3; i < chars.Length; i++) chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
