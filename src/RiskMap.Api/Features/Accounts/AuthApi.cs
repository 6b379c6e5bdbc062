using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RiskMap.Api.Data;

namespace RiskMap.Api.Features.Accounts;

/// <summary>Maps <c>/api/v1/auth</c>: sign-in for the page and for scripts, the current user, passwords and personal API tokens.</summary>
public static class AuthApi
{
    /// <summary>Maps the endpoints on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/auth").WithTags("Accounts");
        group.MapPost("/login", Login).AllowAnonymous()
            .WithName("Login")
            .WithSummary("Signs in with a user name and password and sets the session cookie (for the page, curl -c, scripts).")
            .WithDescription("401 ProblemDetails for a wrong user name or password, and while the account is locked out after 5 failed attempts (15 minutes).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        var signedIn = group.MapGroup("").RequireAuthorization(Policies.Read).ProducesProblem(StatusCodes.Status401Unauthorized);
        signedIn.MapPost("/logout", Logout).WithName("Logout").WithSummary("Signs out (clears the cookie).");
        signedIn.MapGet("/me", Me).WithName("Me").WithSummary("The signed-in user, roles, townships and sectors.");
        signedIn.MapPost("/password", ChangePassword).WithName("ChangePassword").WithSummary("Changes one's own password.")
            .WithDescription("Only from a signed-in session (cookie), not with an API token (403). The user's other sessions end " +
                "within a minute (security stamp); personal API tokens stay valid until revoked.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        signedIn.MapGet("/tokens", ListTokens).WithName("ListTokens").WithSummary("One's personal API tokens (never the secrets).");
        signedIn.MapPost("/tokens", CreateToken).WithName("CreateToken")
            .WithSummary("Creates a personal API token for scripts and GIS clients (Authorization: Bearer …); the secret is shown once.")
            .WithDescription("Only from a signed-in session (cookie, after sign-in with the password): a request authenticated with an " +
                "API token gets 403, so that a leaked token cannot mint longer-lived ones.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        signedIn.MapDelete("/tokens/{id:long}", RevokeToken).WithName("RevokeToken").WithSummary("Revokes one of one's tokens.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    internal static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> Login(LoginRequest request, SignInManager<RiskMapUser> signIn,
        UserManager<RiskMapUser> users, IUserClaimsPrincipalFactory<RiskMapUser> claims)
    {
        var v = new RequestValidator();
        var userName = v.Text("userName", request.UserName, Ranges.CredentialLength, required: true);
        var password = v.Text("password", request.Password, Ranges.CredentialLength, required: true);
        if (!v.IsValid) return v.ToProblem("Invalid sign-in request");

        var result = await signIn.PasswordSignInAsync(userName!, password!, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
            return Unauthorized("Account locked", "Too many failed sign-ins: the account is locked for 15 minutes.");
        if (!result.Succeeded)
            return Unauthorized("Sign-in failed", "Wrong user name or password.");
        var user = (await users.FindByNameAsync(userName!))!;
        return TypedResults.Ok(Describe(await claims.CreateAsync(user)));
    }

    internal static async Task<NoContent> Logout(SignInManager<RiskMapUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    internal static Ok<MeResponse> Me(ClaimsPrincipal user) => TypedResults.Ok(Describe(user));

    internal static async Task<Results<NoContent, ProblemHttpResult>> ChangePassword(ChangePasswordRequest request, ClaimsPrincipal principal,
        UserManager<RiskMapUser> users, SignInManager<RiskMapUser> signIn, HttpContext http)
    {
        if (ByToken(http)) return SessionOnly("Passwords are changed from a signed-in session",
            "Sign in with your password (the page, or POST /api/v1/auth/login) to change it; a request made with an API token cannot.");
        var v = new RequestValidator();
        var current = v.Text("currentPassword", request.CurrentPassword, Ranges.CredentialLength, required: true);
        var next = v.Text("newPassword", request.NewPassword, Ranges.CredentialLength, required: true);
        if (!v.IsValid) return v.ToProblem();
        var user = (await users.GetUserAsync(principal))!;
        var result = await users.ChangePasswordAsync(user, current!, next!);
        // Identity's PasswordMismatch is about the current password; every other error about the new one.
        if (!result.Succeeded) return IdentityProblem(result, e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "currentPassword" : "newPassword");
        await signIn.RefreshSignInAsync(user);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<List<TokenDto>>> ListTokens(ClaimsPrincipal principal, UserManager<RiskMapUser> users, RiskMapDbContext db)
    {
        var id = users.GetUserId(principal);
        return TypedResults.Ok(await db.ApiTokens.Where(t => t.UserId == id).OrderBy(t => t.Id)
            .Select(t => new TokenDto(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt)).ToListAsync());
    }

    internal static async Task<Results<Created<CreatedTokenResponse>, ProblemHttpResult>> CreateToken(CreateTokenRequest request,
        ClaimsPrincipal principal, UserManager<RiskMapUser> users, RiskMapDbContext db, TimeProvider time, HttpContext http)
    {
        if (ByToken(http)) return SessionOnly("Tokens are created from a signed-in session",
            "Sign in with your password (the page, or POST /api/v1/auth/login) to create a token; a request made with an API token cannot create another.");
        var v = new RequestValidator();
        var name = v.Text("name", request.Name, Ranges.TokenNameLength, required: true);
        var days = v.InRange("expiresInDays", request.ExpiresInDays, Ranges.TokenLifetimeDays) ?? 90;
        if (!v.IsValid) return v.ToProblem();

        var secret = ApiTokenAuthenticationHandler.NewToken();
        var now = time.GetUtcNow();
        var token = new ApiToken
        {
            UserId = users.GetUserId(principal)!,
            Name = name!,
            TokenHash = ApiTokenAuthenticationHandler.Hash(secret),
            Prefix = secret[..10],
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
        };
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        Audit.Add(db, principal, "token.create", "api_token", token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
            new { token.Name, token.Prefix, token.ExpiresAt });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        var dto = new TokenDto(token.Id, token.Name, token.Prefix, token.CreatedAt, token.ExpiresAt, null, null);
        return TypedResults.Created($"/api/v1/auth/tokens/{token.Id}", new CreatedTokenResponse(dto, secret));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeToken(long id, ClaimsPrincipal principal,
        UserManager<RiskMapUser> users, RiskMapDbContext db, TimeProvider time, ApiTokenCache cache)
    {
        var userId = users.GetUserId(principal);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId);
        if (token is null) return RequestValidator.NotFound("Unknown token", "id", $"You have no token with the id {id}");
        token.RevokedAt ??= time.GetUtcNow();
        Audit.Add(db, principal, "token.revoke", "api_token", token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { token.Name, token.Prefix }, new { token.Name, token.Prefix, token.RevokedAt });
        await db.SaveChangesAsync();
        cache.Remove(token.TokenHash);
        return TypedResults.NoContent();
    }

    /// <summary>Describes a signed-in principal.</summary>
    internal static MeResponse Describe(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? "",
        user.FindFirstValue("name_display"),
        [.. Roles.All.Where(user.IsInRole)],
        [.. user.FindAll(RiskMapClaims.Township).Select(c => c.Value).Order(StringComparer.Ordinal)],
        ReadScope.For(user).IsEverything,
        user.FindFirstValue(RiskMapClaims.Department),
        [.. user.FindAll(RiskMapClaims.Sector).Select(c => c.Value)]);

    /// <summary>Identity's error descriptions as a 400 naming <paramref name="field"/>.</summary>
    internal static ProblemHttpResult IdentityProblem(IdentityResult result, string field) => IdentityProblem(result, _ => field);

    /// <summary>Identity's error descriptions as a 400, each under the request field <paramref name="fieldOf"/> gives it.</summary>
    internal static ProblemHttpResult IdentityProblem(IdentityResult result, Func<IdentityError, string> fieldOf)
    {
        var v = new RequestValidator();
        foreach (var error in result.Errors) v.AddError(fieldOf(error), error.Description);
        return v.ToProblem();
    }

    /// <summary>True when the request carries an API token (Authorization: Bearer), which is then what authenticated it.</summary>
    private static bool ByToken(HttpContext http)
        => http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>403 for an account operation that needs the password-backed session, not an API token.</summary>
    private static ProblemHttpResult SessionOnly(string title, string detail)
        => TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = title, Detail = detail });

    private static ProblemHttpResult Unauthorized(string title, string detail)
        => TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = title, Detail = detail });
}
