using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RiskMap.Api.Contract;
using RiskMap.Api.Data;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Features.Accounts;

/// <summary>Maps <c>/api/v1/users</c>: admins list and create users, reset passwords and lift lockouts (changes only from a session).</summary>
public static class UsersApi
{
    /// <summary>Maps the endpoints on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapUsers(this RouteGroupBuilder api)
    {
        // 400 for an unknown query parameter or a bad body, on every operation.
        var group = api.MapGroup("/users").WithTags("Accounts").RequireAuthorization(Policies.Admin).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", List).WithName("ListUsers").WithSummary("Every user with roles, townships, department and lockout.")
            .WithDescription("For admins: every account by user name, with its roles, the townships bound to it, a department " +
                "officer's department, and the end of a lockout after failed sign-ins while it lasts.");
        // Changes of accounts: only from an admin's session signed in with the password, never with an API token (403).
        var changes = group.MapGroup("").RequireAuthorization(Policies.Session);
        changes.MapPost("/", Create).WithName("CreateUser")
            .WithSummary("Creates a user with one role; a TownshipChief needs one township, an Inspector one or more, a DepartmentOfficer a department.")
            .WithDescription("One 400 lists every problem of the request at once: the role, the townships and department it needs, " +
                "unknown townships or department, the user-name characters and each password rule broken. A taken user name is 409 " +
                "(code user.exists). 403 (code session.required) with a token.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        changes.MapPost("/{userName}/password", ResetPassword).WithName("ResetPassword")
            .WithSummary("Sets a new password for a user and ends the lockout and every session of that user.")
            .WithDescription("An admin setting their own password gives the current one too (currentPassword), and keeps this session. " +
                "The user's personal API tokens stay valid until revoked. 404 (code user.unknown) for an unknown user name.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        changes.MapPost("/{userName}/unlock", Unlock).WithName("UnlockUser").WithSummary("Ends a lockout after failed sign-ins.")
            .WithDescription("The user may sign in again at once and the count of failed sign-ins starts over; unlocking a user who " +
                "is not locked changes nothing. 404 (code user.unknown) for an unknown user name.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>Every user, by user name.</summary>
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

    /// <summary>
    /// Creates a user: one 400 lists every rule the request breaks (role, townships, department, Identity's user-name and
    /// password rules, <see cref="IdentityErrors"/>); 409 <see cref="AccountProblemCodes.UserExists"/> for a taken name.
    /// </summary>
    internal static async Task<Results<Created<UserDto>, ProblemHttpResult>> Create(CreateUserRequest request, ClaimsPrincipal admin,
        UserManager<RiskMapUser> users, RiskMapDbContext db)
    {
        var userName = request.UserName!.Trim();
        var displayName = Trimmed(request.DisplayName);
        var password = request.Password!.Trim();
        var role = request.Role!.Trim();
        // A null in the list is refused below with its index; the rest are trimmed codes.
        var townships = (request.Townships ?? []).Where(t => t is not null).Select(t => t.Trim()).Distinct().ToList();
        var department = Trimmed(request.Department);
        var errors = new List<FieldError>();
        foreach (var (given, i) in (request.Townships ?? []).Select((t, i) => (t, i)))
        {
            if (string.IsNullOrWhiteSpace(given)) errors.Add(new FieldError($"townships[{i}]", ProblemCodes.Required));
        }
        if (!Roles.All.Contains(role)) errors.Add(new FieldError("role", ProblemCodes.FormatOneOf, role, Roles.All));
        switch (role)
        {
            case Roles.TownshipChief when townships.Count != 1:
                errors.Add(new FieldError("townships", AccountProblemCodes.ChiefNeedsOneTownship));
                break;
            case Roles.Inspector when townships.Count == 0:
                errors.Add(new FieldError("townships", AccountProblemCodes.InspectorNeedsTownships));
                break;
            case Roles.Admin or Roles.DistrictLeader or Roles.DepartmentOfficer when townships.Count > 0:
                errors.Add(new FieldError("townships", AccountProblemCodes.RoleTakesNoTownships, role));
                break;
        }
        if (role == Roles.DepartmentOfficer && department is null) errors.Add(new FieldError("department", AccountProblemCodes.OfficerNeedsDepartment));
        if (role != Roles.DepartmentOfficer && department is not null) errors.Add(new FieldError("department", AccountProblemCodes.DepartmentOnlyForOfficers));
        var unknown = townships.Except(await db.Townships.Where(t => townships.Contains(t.Code)).Select(t => t.Code).ToListAsync()).ToList();
        if (unknown.Count > 0) errors.Add(new FieldError("townships", AccountProblemCodes.TownshipsUnknown, unknown));
        if (department is not null && !await db.Departments.AnyAsync(d => d.Code == department))
            errors.Add(new FieldError("department", AccountProblemCodes.DepartmentUnknown, department));
        // Identity's own rules (user name characters, password policy) are checked here too, so that one answer lists
        // every problem of the request; a taken user name stays a 409 below.
        var candidate = new RiskMapUser { UserName = userName };
        foreach (var validator in users.UserValidators)
            foreach (var error in (await validator.ValidateAsync(users, candidate)).Errors.Where(e => e.Code != nameof(IdentityErrorDescriber.DuplicateUserName)))
                errors.Add(IdentityErrors.ToFieldError(error, "userName", users.Options, userName));
        foreach (var validator in users.PasswordValidators)
            foreach (var error in (await validator.ValidateAsync(users, candidate, password)).Errors)
                errors.Add(IdentityErrors.ToFieldError(error, "password", users.Options, userName));
        if (errors.Count > 0) return Problems.Invalid(errors);
        if (await users.FindByNameAsync(userName) is not null)
            return Problems.Of(StatusCodes.Status409Conflict, AccountProblemCodes.UserExists, "userName", userName);

        await using var transaction = await db.Database.BeginTransactionAsync();
        var user = new RiskMapUser { UserName = userName, DisplayName = displayName, DepartmentCode = department };
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, password);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Another request created the same name between the check above and this insert.
            return Problems.Of(StatusCodes.Status409Conflict, AccountProblemCodes.UserExists, "userName", userName);
        }
        if (!created.Succeeded)
            return IdentityErrors.Problem(created, e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "userName", users.Options, userName);
        await users.AddToRoleAsync(user, role);
        db.UserTownships.AddRange(townships.Select(t => new UserTownship { UserId = user.Id, TownshipCode = t }));
        var dto = new UserDto(userName, displayName, [role], townships, department, null);
        Audit.Add(db, admin, "user.create", "user", user.Id, null, dto);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return TypedResults.Created($"/api/v1/users/{userName}", dto);
    }

    /// <summary>
    /// Sets <paramref name="userName"/>'s password: 404 <see cref="AccountProblemCodes.UserUnknown"/>; an admin's own
    /// password needs the current one (<see cref="AccountProblemCodes.CurrentPasswordRequired"/>,
    /// <see cref="AccountProblemCodes.CurrentPasswordWrong"/>); the policy's errors on newPassword.
    /// </summary>
    /// <param name="userName">The user whose password is set.</param>
    /// <param name="request">The new password, and the admin's current one for their own.</param>
    /// <param name="admin">The caller.</param>
    /// <param name="users">Identity's user manager.</param>
    /// <param name="signIn">Identity's sign-in manager.</param>
    /// <param name="db">The database.</param>
    internal static async Task<Results<NoContent, ProblemHttpResult>> ResetPassword(string userName, ResetPasswordRequest request,
        ClaimsPrincipal admin, UserManager<RiskMapUser> users, SignInManager<RiskMapUser> signIn, RiskMapDbContext db)
    {
        var password = request.NewPassword!.Trim();
        var current = Trimmed(request.CurrentPassword);
        var user = await users.FindByNameAsync(userName);
        if (user is null) return Problems.NotFound(AccountProblemCodes.UserUnknown, "userName", userName);
        // One's own password needs the current one, as POST /api/v1/auth/password does: a session left open must not
        // be enough to take the account over.
        var self = user.Id == users.GetUserId(admin);
        if (self && current is null) return Problems.Invalid("currentPassword", AccountProblemCodes.CurrentPasswordRequired);
        if (self && !await users.CheckPasswordAsync(user, current!)) return Problems.Invalid("currentPassword", AccountProblemCodes.CurrentPasswordWrong);

        await using var transaction = await db.Database.BeginTransactionAsync();
        var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
        if (!reset.Succeeded) return IdentityErrors.Problem(reset, _ => "newPassword", users.Options, userName);
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

    /// <summary>Ends <paramref name="userName"/>'s lockout: 404 <see cref="AccountProblemCodes.UserUnknown"/>.</summary>
    /// <param name="userName">The user to unlock.</param>
    /// <param name="admin">The caller.</param>
    /// <param name="users">Identity's user manager.</param>
    /// <param name="db">The database.</param>
    internal static async Task<Results<NoContent, ProblemHttpResult>> Unlock(string userName, ClaimsPrincipal admin, UserManager<RiskMapUser> users,
        RiskMapDbContext db)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null) return Problems.NotFound(AccountProblemCodes.UserUnknown, "userName", userName);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        Audit.Add(db, admin, "user.unlock", "user", user.Id, null, null, $"{userName} unlocked");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return TypedResults.NoContent();
    }

    /// <summary>The text without surrounding spaces, or null when there is none.</summary>
    internal static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
