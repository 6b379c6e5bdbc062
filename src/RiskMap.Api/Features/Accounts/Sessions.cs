using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RiskMap.Api.Data;

namespace RiskMap.Api.Features.Accounts;

/// <summary>
/// Cookie sessions kept in PostgreSQL (<see cref="UserSession"/>, table user_sessions). A sign-in with the password
/// inserts a row and puts its id in the cookie (<see cref="RiskMapClaims.Session"/>); every request with the cookie looks
/// the row up by its key (no cache, so that a second instance of the service sees a sign-out at once). Signing out
/// deletes this session's row only: the user's other sessions (another browser) go on. A password change ends the
/// user's other sessions, and an admin's reset all of them, at once. Personal API tokens are not sessions and are
/// ended by revoking them.
/// </summary>
public static class Sessions
{
    /// <summary>How long a session lasts without a request: 8 hours, the cookie's sliding expiry too.</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromHours(8);

    /// <summary>A request records its session's use when the last record is older than this (1 minute), so that the page's tile requests do not write on every request.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>The session id a cookie carries, or null (a request authenticated otherwise, or anonymous).</summary>
    public static Guid? IdOf(ClaimsPrincipal user)
        => Guid.TryParse(user.FindFirstValue(RiskMapClaims.Session), CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The id of the personal API token that authenticated the request, or null.</summary>
    public static long? TokenIdOf(ClaimsPrincipal user)
        => long.TryParse(user.FindFirstValue(RiskMapClaims.ApiToken), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>
    /// Starts a session for <paramref name="user"/>, whose password has just been checked: stores it, forgets the user's
    /// sessions idle past <see cref="IdleLifetime"/>, and sets the cookie.
    /// </summary>
    public static async Task StartAsync(SignInManager<RiskMapUser> signIn, RiskMapDbContext db, RiskMapUser user, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var session = new UserSession { Id = Guid.NewGuid(), UserId = user.Id, CreatedAt = now, LastSeenAt = now };
        await db.UserSessions.Where(s => s.UserId == user.Id && s.LastSeenAt < now - IdleLifetime).ExecuteDeleteAsync();
        db.UserSessions.Add(session);
        await db.SaveChangesAsync();
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [SessionClaim(session.Id)]);
    }

    /// <summary>
    /// Issues the cookie of session <paramref name="sessionId"/> again for <paramref name="user"/>, e.g. after the user's
    /// password (and so the security stamp the cookie holds) changed.
    /// </summary>
    public static Task RenewAsync(SignInManager<RiskMapUser> signIn, RiskMapUser user, Guid sessionId)
        => signIn.SignInWithClaimsAsync(user, isPersistent: false, [SessionClaim(sessionId)]);

    /// <summary>Ends session <paramref name="sessionId"/> (its cookie is refused from now on).</summary>
    public static Task EndAsync(RiskMapDbContext db, Guid sessionId) => db.UserSessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync();

    /// <summary>Ends every session of user <paramref name="userId"/> but <paramref name="except"/>, in the context's transaction if one is open.</summary>
    public static Task EndAllAsync(RiskMapDbContext db, string userId, Guid? except)
        => db.UserSessions.Where(s => s.UserId == userId && s.Id != except).ExecuteDeleteAsync();

    /// <summary>
    /// The cookie's validation on every request: the session must still be stored and not idle past
    /// <see cref="IdleLifetime"/>, else the cookie is refused and deleted (401). Identity's security-stamp check follows
    /// (it refreshes roles and townships every minute).
    /// </summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal!;
        var id = IdOf(principal);
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var http = context.HttpContext;
        if (id is null || userId is null)
        {
            await RejectAsync(context);
            return;
        }
        var db = http.RequestServices.GetRequiredService<RiskMapDbContext>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var lastSeen = await db.UserSessions.Where(s => s.Id == id && s.UserId == userId)
            .Select(s => (DateTimeOffset?)s.LastSeenAt).FirstOrDefaultAsync(http.RequestAborted);
        if (lastSeen is null || now - lastSeen > IdleLifetime)
        {
            await RejectAsync(context);
            return;
        }
        if (now - lastSeen > TouchInterval)
            await db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), http.RequestAborted);
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>
    /// Carries the session id over when Identity rebuilds a cookie's principal from the database (roles, townships),
    /// which it does every minute (<see cref="SecurityStampValidatorOptions.OnRefreshingPrincipal"/>).
    /// </summary>
    public static Task KeepSessionAsync(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(RiskMapClaims.Session) is { } claim && context.NewPrincipal?.Identities.FirstOrDefault() is { } identity)
            identity.AddClaim(new Claim(claim.Type, claim.Value));
        return Task.CompletedTask;
    }

    private static Claim SessionClaim(Guid id) => new(RiskMapClaims.Session, id.ToString("D", CultureInfo.InvariantCulture));

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}

/// <summary>
/// The requirement of <see cref="Policies.Session"/>: the request comes with a cookie session, i.e. from someone who
/// signed in with the password, not with a personal API token. Put on every operation that changes credentials,
/// accounts, roles or tokens, so that a leaked token cannot become permanent access. A token refused for want of it gets
/// 403 <see cref="AccountProblemCodes.SessionRequired"/>.
/// </summary>
public sealed class SessionRequirement : AuthorizationHandler<SessionRequirement>, IAuthorizationRequirement
{
    /// <inheritdoc />
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SessionRequirement requirement)
    {
        // Not calling Fail leaves the requirement among the failed ones, which is how the 403 names it.
        if (Sessions.IdOf(context.User) is not null && Sessions.TokenIdOf(context.User) is null) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
