using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RiskMap.Api.Contract;
using RiskMap.Api.Data;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Features.Accounts;

/// <summary>Maps <c>/api/v1/auth</c>: sign-in for the page and for scripts, the current user, passwords and personal API tokens.</summary>
public static class AuthApi
{
    /// <summary>Maps the endpoints on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder api)
    {
        // 400 for an unknown query parameter or a bad body, on every operation.
        var group = api.MapGroup("/auth").WithTags("Accounts").ProducesValidationProblem();
        group.MapPost("/login", Login).AllowAnonymous()
            .WithName("Login")
            .WithSummary("Signs in with a user name and password and sets the session cookie (for the page, curl -c, scripts).")
            .WithDescription("On success the answer describes the user as GET /api/v1/auth/me does, and the response sets the " +
                "session cookie 'riskmap'. 401 (code sign-in.failed) is the same for a wrong password, an unknown user name and a " +
                "locked account (locked for 15 minutes after 5 failures in a row; an admin sees it in GET /api/v1/users). 429 with " +
                "Retry-After (codes sign-in.too-many.address, sign-in.too-many.user-name) after too many failed sign-ins from one " +
                "client address or for one user name (settings RiskMap:SignIn:…), before any password is checked.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        var signedIn = group.MapGroup("").RequireAuthorization(Policies.Read).ProducesProblem(StatusCodes.Status401Unauthorized);
        signedIn.MapPost("/logout", Logout).WithName("Logout")
            .WithSummary("Signs out: ends this session at once.")
            .WithDescription("The session's cookie is refused from now on and deleted; the user's other sessions (another browser) " +
                "and personal API tokens go on. Called with a token, it ends nothing.");
        signedIn.MapGet("/me", Me).WithName("Me").WithSummary("The signed-in user, roles, townships and sectors.")
            .WithDescription("Who the session or token belongs to and what they may see: the townships bound to the user, whether " +
                "every township is readable, and a department officer's department and the sectors it supervises.");
        signedIn.MapGet("/tokens", ListTokens).WithName("ListTokens").WithSummary("One's personal API tokens (never the secrets).")
            .WithDescription("Every token of the signed-in user, oldest first, revoked and expired ones included, with the first " +
                "characters of each to recognise it by and when it was last used.");
        // Changes of credentials: only from a session signed in with the password, never with an API token (403).
        var credentials = signedIn.MapGroup("").RequireAuthorization(Policies.Session).ProducesProblem(StatusCodes.Status403Forbidden);
        credentials.MapPost("/password", ChangePassword).WithName("ChangePassword").WithSummary("Changes one's own password.")
            .WithDescription("Needs the current password (a wrong one is a 400 on currentPassword) and a new one that meets the " +
                "password policy (each rule broken is listed on newPassword). The user's other sessions end at once; this one goes on. " +
                "Personal API tokens stay valid until revoked. 403 (code session.required) with a token.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        credentials.MapPost("/tokens", CreateToken).WithName("CreateToken")
            .WithSummary("Creates a personal API token for scripts and GIS clients (Authorization: Bearer …); the secret is shown once.")
            .WithDescription("The token acts for its owner with the owner's roles and townships until it expires (1–730 days, " +
                "default 90) or is revoked; only its SHA-256 hash is stored. A token cannot create tokens (403, code session.required).")
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        credentials.MapDelete("/tokens/{id:long}", RevokeToken).WithName("RevokeToken").WithSummary("Revokes one of one's tokens.")
            .WithDescription("The token is refused from now on (within 30 seconds on other instances of the service, which trust a " +
                "token that briefly). Revoking a revoked token changes nothing; another user's token is unknown (404).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>
    /// Signs in: 401 <see cref="AccountProblemCodes.SignInFailed"/> for a wrong password, an unknown user and a locked
    /// account alike; 429 when <see cref="SignInLimiter"/> refuses the client address or the user name.
    /// </summary>
    internal static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> Login(LoginRequest request, SignInManager<RiskMapUser> signIn,
        UserManager<RiskMapUser> users, IUserClaimsPrincipalFactory<RiskMapUser> claims, RiskMapDbContext db, SignInLimiter limiter,
        TimeProvider time, HttpContext http)
    {
        var userName = request.UserName!.Trim();
        var password = request.Password!.Trim();
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var key = users.NormalizeName(userName) ?? userName;
        if (limiter.Refusal(address, key) is { } refusal)
            return Problems.RetryLater(http, StatusCodes.Status429TooManyRequests, refusal.Code, refusal.RetryAfter);
        var user = await users.FindByNameAsync(userName);
        // A locked or unknown account spends the time of a password check too, so that the answer's timing does not
        // tell it apart from a wrong password.
        var passed = user is not null && !await users.IsLockedOutAsync(user)
            ? (await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true)).Succeeded
            : Decoy.Check(users.PasswordHasher, password);
        if (!passed)
        {
            limiter.Failed(address, key);
            return Problems.Of(StatusCodes.Status401Unauthorized, AccountProblemCodes.SignInFailed, null,
                (int)users.Options.Lockout.DefaultLockoutTimeSpan.TotalMinutes);
        }
        await Sessions.StartAsync(signIn, db, user!, time);
        return TypedResults.Ok(Describe(await claims.CreateAsync(user!)));
    }

    /// <summary>Ends the caller's session (nothing for a token) and deletes the cookie.</summary>
    internal static async Task<NoContent> Logout(ClaimsPrincipal user, SignInManager<RiskMapUser> signIn, RiskMapDbContext db)
    {
        if (Sessions.IdOf(user) is { } session) await Sessions.EndAsync(db, session);
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    /// <summary>The caller as <see cref="MeResponse"/>.</summary>
    internal static Ok<MeResponse> Me(ClaimsPrincipal user) => TypedResults.Ok(Describe(user));

    /// <summary>
    /// Changes the caller's password: 400 <see cref="AccountProblemCodes.CurrentPasswordWrong"/> on currentPassword, the
    /// password policy's errors on newPassword (<see cref="IdentityErrors"/>); ends the user's other sessions.
    /// </summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> ChangePassword(ChangePasswordRequest request, ClaimsPrincipal principal,
        UserManager<RiskMapUser> users, SignInManager<RiskMapUser> signIn, RiskMapDbContext db)
    {
        var user = (await users.GetUserAsync(principal))!;
        var session = Sessions.IdOf(principal)!.Value;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await users.ChangePasswordAsync(user, request.CurrentPassword!.Trim(), request.NewPassword!.Trim());
        // Identity's PasswordMismatch is about the current password; every other error about the new one.
        if (!result.Succeeded)
            return IdentityErrors.Problem(result, e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "currentPassword" : "newPassword",
                users.Options, user.UserName);
        await Sessions.EndAllAsync(db, user.Id, except: session);
        Audit.Add(db, principal, "user.password_change", "user", user.Id, null, null, $"{user.UserName} changed their own password");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await Sessions.RenewAsync(signIn, user, session);
        return TypedResults.NoContent();
    }

    /// <summary>The caller's tokens, oldest first.</summary>
    internal static async Task<Ok<List<TokenDto>>> ListTokens(ClaimsPrincipal principal, UserManager<RiskMapUser> users, RiskMapDbContext db)
    {
        var id = users.GetUserId(principal);
        return TypedResults.Ok(await db.ApiTokens.Where(t => t.UserId == id).OrderBy(t => t.Id)
            .Select(t => new TokenDto(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt)).ToListAsync());
    }

    /// <summary>Creates a token for the caller; its secret is in the answer only.</summary>
    internal static async Task<Created<CreatedTokenResponse>> CreateToken(CreateTokenRequest request,
        ClaimsPrincipal principal, UserManager<RiskMapUser> users, RiskMapDbContext db, TimeProvider time)
    {
        var secret = ApiTokenAuthenticationHandler.NewToken();
        var now = time.GetUtcNow();
        var token = new ApiToken
        {
            UserId = users.GetUserId(principal)!,
            Name = request.Name!.Trim(),
            TokenHash = ApiTokenAuthenticationHandler.Hash(secret),
            Prefix = secret[..10],
            CreatedAt = now,
            ExpiresAt = now.AddDays(request.ExpiresInDays),
        };
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        Audit.Add(db, principal, "token.create", "api_token", token.Id.ToString(CultureInfo.InvariantCulture), null,
            new { token.Name, token.Prefix, token.ExpiresAt });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        var dto = new TokenDto(token.Id, token.Name, token.Prefix, token.CreatedAt, token.ExpiresAt, null, null);
        return TypedResults.Created($"/api/v1/auth/tokens/{token.Id}", new CreatedTokenResponse(dto, secret));
    }

    /// <summary>Revokes one of the caller's tokens: 404 <see cref="AccountProblemCodes.TokenUnknown"/> for any other id.</summary>
    /// <param name="id">Id of the token, as listed by GET /api/v1/auth/tokens.</param>
    /// <param name="principal">The caller.</param>
    /// <param name="users">Identity's user manager.</param>
    /// <param name="db">The database.</param>
    /// <param name="time">The clock.</param>
    /// <param name="cache">Tokens trusted without a look-up.</param>
    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeToken(long id, ClaimsPrincipal principal,
        UserManager<RiskMapUser> users, RiskMapDbContext db, TimeProvider time, ApiTokenCache cache)
    {
        var userId = users.GetUserId(principal);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId);
        if (token is null) return Problems.NotFound(AccountProblemCodes.TokenUnknown, "id", id);
        token.RevokedAt ??= time.GetUtcNow();
        Audit.Add(db, principal, "token.revoke", "api_token", token.Id.ToString(CultureInfo.InvariantCulture),
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

    /// <summary>A password check against a hash no password matches, to spend the time of a real one.</summary>
    private static class Decoy
    {
        private static string? _hash;

        /// <summary>Always false, after as long as checking <paramref name="password"/> against a stored hash takes.</summary>
        public static bool Check(IPasswordHasher<RiskMapUser> hasher, string password)
        {
            var nobody = new RiskMapUser();
            _hash ??= hasher.HashPassword(nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            hasher.VerifyHashedPassword(nobody, _hash, password);
            return false;
        }
    }
}
