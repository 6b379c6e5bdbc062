using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RiskMap.Api.Data;
using RiskMap.Api.Domain;

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
            .WithDescription("401 ProblemDetails, the same for a wrong password, an unknown user name and a locked account (locked for " +
                "15 minutes after 5 failures in a row; an admin sees it in GET /api/v1/users). 429 with Retry-After after too many failed " +
                "sign-ins from one client address or for one user name (settings RiskMap:SignIn:…).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        var signedIn = group.MapGroup("").RequireAuthorization(Policies.Read).ProducesProblem(StatusCodes.Status401Unauthorized);
        signedIn.MapPost("/logout", Logout).WithName("Logout")
            .WithSummary("Signs out: ends this session at once (its cookie is refused from now on); the user's other sessions and tokens go on.");
        signedIn.MapGet("/me", Me).WithName("Me").WithSummary("The signed-in user, roles, townships and sectors.");
        signedIn.MapGet("/tokens", ListTokens).WithName("ListTokens").WithSummary("One's personal API tokens (never the secrets).");
        // Changes of credentials: only from a session signed in with the password, never with an API token (403).
        var credentials = signedIn.MapGroup("").RequireAuthorization(Policies.Session).ProducesProblem(StatusCodes.Status403Forbidden);
        credentials.MapPost("/password", ChangePassword).WithName("ChangePassword").WithSummary("Changes one's own password.")
            .WithDescription("The user's other sessions end at once; this one goes on. Personal API tokens stay valid until revoked.")
            .ProducesValidationProblem();
        credentials.MapPost("/tokens", CreateToken).WithName("CreateToken")
            .WithSummary("Creates a personal API token for scripts and GIS clients (Authorization: Bearer …); the secret is shown once.")
            .ProducesValidationProblem();
        credentials.MapDelete("/tokens/{id:long}", RevokeToken).WithName("RevokeToken").WithSummary("Revokes one of one's tokens.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>Title and detail of every refused sign-in, whatever the reason, so that user names cannot be probed.</summary>
    private const string SignInFailedTitle = "Sign-in failed";
    private const string SignInFailedDetail = "Wrong user name or password, or the account is locked after repeated failed sign-ins " +
        "(for 15 minutes, or until an admin unlocks it).";

    internal static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> Login(LoginRequest request, SignInManager<RiskMapUser> signIn,
        UserManager<RiskMapUser> users, IUserClaimsPrincipalFactory<RiskMapUser> claims, RiskMapDbContext db, SignInLimiter limiter,
        TimeProvider time, HttpContext http)
    {
        var v = new RequestValidator();
        var userName = v.Text("userName", request.UserName, FieldLengths.UserName, required: true);
        var password = v.Text("password", request.Password, FieldLengths.Password, required: true);
        if (!v.IsValid) return v.ToProblem("Invalid sign-in request");

        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var key = users.NormalizeName(userName) ?? userName!;
        if (limiter.Refusal(address, key) is { } refusal)
            return RequestValidator.RetryLater(http, StatusCodes.Status429TooManyRequests, "Too many failed sign-ins", refusal.RetryAfter,
                seconds => $"Too many failed sign-ins for this {refusal.Limit}: try again in {seconds} seconds.");
        var user = await users.FindByNameAsync(userName!);
        // A locked or unknown account spends the time of a password check too, so that the answer's timing does not
        // tell it apart from a wrong password.
        var passed = user is not null && !await users.IsLockedOutAsync(user)
            ? (await signIn.CheckPasswordSignInAsync(user, password!, lockoutOnFailure: true)).Succeeded
            : Decoy.Check(users.PasswordHasher, password!);
        if (!passed)
        {
            limiter.Failed(address, key);
            return TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = SignInFailedTitle, Detail = SignInFailedDetail });
        }
        await Sessions.StartAsync(signIn, db, user!, time);
        return TypedResults.Ok(Describe(await claims.CreateAsync(user!)));
    }

    internal static async Task<NoContent> Logout(ClaimsPrincipal user, SignInManager<RiskMapUser> signIn, RiskMapDbContext db)
    {
        if (Sessions.IdOf(user) is { } session) await Sessions.EndAsync(db, session);
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    internal static Ok<MeResponse> Me(ClaimsPrincipal user) => TypedResults.Ok(Describe(user));

    internal static async Task<Results<NoContent, ProblemHttpResult>> ChangePassword(ChangePasswordRequest request, ClaimsPrincipal principal,
        UserManager<RiskMapUser> users, SignInManager<RiskMapUser> signIn, RiskMapDbContext db)
    {
        var v = new RequestValidator();
        var current = v.Text("currentPassword", request.CurrentPassword, FieldLengths.Password, required: true);
        var next = v.Text("newPassword", request.NewPassword, FieldLengths.Password, required: true);
        if (!v.IsValid) return v.ToProblem();
        var user = (await users.GetUserAsync(principal))!;
        var session = Sessions.IdOf(principal)!.Value;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await users.ChangePasswordAsync(user, current!, next!);
        // Identity's PasswordMismatch is about the current password; every other error about the new one.
        if (!result.Succeeded) return IdentityProblem(result, e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "currentPassword" : "newPassword");
        await Sessions.EndAllAsync(db, user.Id, except: session);
        Audit.Add(db, principal, "user.password_change", "user", user.Id, null, null, $"{user.UserName} changed their own password");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await Sessions.RenewAsync(signIn, user, session);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<List<TokenDto>>> ListTokens(ClaimsPrincipal principal, UserManager<RiskMapUser> users, RiskMapDbContext db)
    {
        var id = users.GetUserId(principal);
        return TypedResults.Ok(await db.ApiTokens.Where(t => t.UserId == id).OrderBy(t => t.Id)
            .Select(t => new TokenDto(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt)).ToListAsync());
    }

    internal static async Task<Results<Created<CreatedTokenResponse>, ProblemHttpResult>> CreateToken(CreateTokenRequest request,
        ClaimsPrincipal principal, UserManager<RiskMapUser> users, RiskMapDbContext db, TimeProvider time)
    {
        var v = new RequestValidator();
        var name = v.Text("name", request.Name, FieldLengths.Name, required: true);
        var days = request.ExpiresInDays ?? 90;
        if (days is < 1 or > 730) v.AddError("expiresInDays", $"{days} is not between 1 and 730 days.");
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
        Audit.Add(db, principal, "token.create", "api_token", token.Id.ToString(CultureInfo.InvariantCulture), null,
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

    /// <summary>Identity's error descriptions as a 400 naming <paramref name="field"/>.</summary>
    internal static ProblemHttpResult IdentityProblem(IdentityResult result, string field) => IdentityProblem(result, _ => field);

    /// <summary>Identity's error descriptions as a 400, each under the request field <paramref name="fieldOf"/> gives it.</summary>
    internal static ProblemHttpResult IdentityProblem(IdentityResult result, Func<IdentityError, string> fieldOf)
    {
        var v = new RequestValidator();
        foreach (var error in result.Errors) v.AddError(fieldOf(error), error.Description);
        return v.ToProblem();
    }

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
