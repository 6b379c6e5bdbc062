using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RiskMap.Api.Data;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Features.Accounts;

/// <summary>Maps <c>/api/v1/users</c>: admins list and create users, reset passwords and lift lockouts (changes only from a session).</summary>
public static class UsersApi
{
    /// <summary>Maps the endpoints on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapUsers(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("Accounts").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", List).WithName("ListUsers").WithSummary("Every user with roles, townships, department and lockout.");
        // Changes of accounts: only from an admin's session signed in with the password, never with an API token (403).
        var changes = group.MapGroup("").RequireAuthorization(Policies.Session);
        changes.MapPost("/", Create).WithName("CreateUser")
            .WithSummary("Creates a user with one role; a TownshipChief needs one township, an Inspector one or more, a DepartmentOfficer a department.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        changes.MapPost("/{userName}/password", ResetPassword).WithName("ResetPassword")
            .WithSummary("Sets a new password for a user and ends the lockout and every session of that user.")
            .WithDescription("An admin setting their own password gives the current one too (currentPassword), and keeps this session. " +
                "The user's personal API tokens stay valid until revoked.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        changes.MapPost("/{userName}/unlock", Unlock).WithName("UnlockUser").WithSummary("Ends a lockout after failed sign-ins.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    internal static async Task<Ok<List<UserDto>>> List(RiskMapDbContext db)
    {
        var users = await db.Users.OrderBy(u => u.UserName).Select(u => new
        {
            u.Id, u.UserName, u.DisplayName, u.DepartmentCode, u.LockoutEnd,
            Townships = db.UserTownships.Where(t => t.UserId == u.Id).OrderBy(t => t.TownshipCode).Select(t => t.TownshipCode).ToList(),
            Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
        }).ToListAsync();
        var now = DateTimeOffset.UtcNow;
        return TypedResults.Ok(users.Select(u => new UserDto(u.UserName!, u.DisplayName, u.Roles, u.Townships, u.DepartmentCode,
            u.LockoutEnd > now ? u.LockoutEnd : null)).ToList());
    }

    internal static async Task<Results<Created<UserDto>, ProblemHttpResult>> Create(CreateUserRequest request, ClaimsPrincipal admin,
        UserManager<RiskMapUser> users, RiskMapDbContext db)
    {
        var v = new RequestValidator();
        var userName = v.Text("userName", request.UserName, FieldLengths.NewUserName, required: true);
        var displayName = v.Text("displayName", request.DisplayName, FieldLengths.Name, required: false);
        var password = v.Text("password", request.Password, FieldLengths.Password, required: true);
        var role = v.Text("role", request.Role, FieldLengths.RoleName, required: true);
        if (role is not null && !Roles.All.Contains(role)) v.AddError("role", $"'{role}' is not a role. Roles: {string.Join(", ", Roles.All)}.");
        var townships = (request.Townships ?? []).Select(t => t.Trim()).Distinct().ToList();
        var department = v.Text("department", request.Department, FieldLengths.DepartmentCode, required: false);
        switch (role)
        {
            case Roles.TownshipChief when townships.Count != 1:
                v.AddError("townships", "A TownshipChief has exactly one township.");
                break;
            case Roles.Inspector when townships.Count == 0:
                v.AddError("townships", "An Inspector needs at least one township.");
                break;
            case Roles.Admin or Roles.DistrictLeader or Roles.DepartmentOfficer when townships.Count > 0:
                v.AddError("townships", $"A {role} reads every township; give no townships.");
                break;
        }
        if (role == Roles.DepartmentOfficer && department is null) v.AddError("department", "A DepartmentOfficer needs a department.");
        if (role != Roles.DepartmentOfficer && department is not null) v.AddError("department", "Only a DepartmentOfficer has a department.");
        var unknown = townships.Except(await db.Townships.Where(t => townships.Contains(t.Code)).Select(t => t.Code).ToListAsync()).ToList();
        if (unknown.Count > 0) v.AddError("townships", $"Unknown township(s): {string.Join(", ", unknown)}.");
        if (department is not null && !await db.Departments.AnyAsync(d => d.Code == department)) v.AddError("department", $"Unknown department '{department}'.");
        // Identity's own rules (user name characters, password policy) are checked here too, so that one answer lists
        // every problem of the request; a taken user name stays a 409 below.
        if (userName is not null)
        {
            var candidate = new RiskMapUser { UserName = userName };
            foreach (var validator in users.UserValidators)
                foreach (var error in (await validator.ValidateAsync(users, candidate)).Errors.Where(e => e.Code != nameof(IdentityErrorDescriber.DuplicateUserName)))
                    v.AddError("userName", error.Description);
            if (password is not null)
                foreach (var validator in users.PasswordValidators)
                    foreach (var error in (await validator.ValidateAsync(users, candidate, password)).Errors)
                        v.AddError("password", error.Description);
        }
        if (!v.IsValid) return v.ToProblem("Invalid user");
        if (await users.FindByNameAsync(userName!) is not null)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "User exists", detail: $"A user named '{userName}' exists already.");

        await using var transaction = await db.Database.BeginTransactionAsync();
        var user = new RiskMapUser { UserName = userName, DisplayName = displayName, DepartmentCode = department };
        var created = await users.CreateAsync(user, password!);
        if (!created.Succeeded) return AuthApi.IdentityProblem(created, e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "userName");
        await users.AddToRoleAsync(user, role!);
        db.UserTownships.AddRange(townships.Select(t => new UserTownship { UserId = user.Id, TownshipCode = t }));
        var dto = new UserDto(userName!, displayName, [role!], townships, department, null);
        Audit.Add(db, admin, "user.create", "user", user.Id, null, dto);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return TypedResults.Created($"/api/v1/users/{userName}", dto);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> ResetPassword(string userName, ResetPasswordRequest request,
        ClaimsPrincipal admin, UserManager<RiskMapUser> users, SignInManager<RiskMapUser> signIn, RiskMapDbContext db)
    {
        var v = new RequestValidator();
        var password = v.Text("newPassword", request.NewPassword, FieldLengths.Password, required: true);
        var current = v.Text("currentPassword", request.CurrentPassword, FieldLengths.Password, required: false);
        if (!v.IsValid) return v.ToProblem();
        var user = await users.FindByNameAsync(userName);
        if (user is null) return RequestValidator.NotFound("Unknown user", "userName", $"No user is named '{userName}'");
        // One's own password needs the current one, as POST /api/v1/auth/password does: a session left open must not
        // be enough to take the account over.
        var self = user.Id == users.GetUserId(admin);
        if (self && current is null) v.AddError("currentPassword", "You are setting your own password: give your current password too.");
        else if (self && !await users.CheckPasswordAsync(user, current!)) v.AddError("currentPassword", "This is not your current password.");
        if (!v.IsValid) return v.ToProblem();

        await using var transaction = await db.Database.BeginTransactionAsync();
        var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password!);
        if (!reset.Succeeded) return AuthApi.IdentityProblem(reset, "newPassword");
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        var session = self ? Sessions.IdOf(admin) : null;
        await Sessions.EndAllAsync(db, user.Id, except: session);
        Audit.Add(db, admin, "user.password_reset", "user", user.Id, null, null, $"password of {userName} reset");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        if (session is { } own) await Sessions.RenewAsync(signIn, user, own);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Unlock(string userName, ClaimsPrincipal admin, UserManager<RiskMapUser> users,
        RiskMapDbContext db)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null) return RequestValidator.NotFound("Unknown user", "userName", $"No user is named '{userName}'");
        await using var transaction = await db.Database.BeginTransactionAsync();
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        Audit.Add(db, admin, "user.unlock", "user", user.Id, null, null, $"{userName} unlocked");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return TypedResults.NoContent();
    }
}
