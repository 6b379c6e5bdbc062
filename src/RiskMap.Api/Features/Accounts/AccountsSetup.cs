using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using RiskMap.Api.Contract;
using RiskMap.Api.Data;

namespace RiskMap.Api.Features.Accounts;

/// <summary>Names of the authorization policies put on endpoint groups.</summary>
public static class Policies
{
    /// <summary>Any signed-in user; rows are then filtered by <see cref="ReadScope"/>.</summary>
    public const string Read = "read";
    /// <summary>Roles that may write (<see cref="WriteAccess.WriterRoles"/>); each write is then checked by <see cref="WriteAccess.Allows"/>.</summary>
    public const string Write = "write";
    /// <summary>Admins only.</summary>
    public const string Admin = "admin";
    /// <summary>A cookie session signed in with the password, not a personal API token (<see cref="SessionRequirement"/>): every change of credentials, accounts, roles or tokens.</summary>
    public const string Session = "session";
}

/// <summary>
/// Accounts: ASP.NET Core Identity (users and roles in the service's database, hashed passwords, lockout), a cookie for
/// the page, personal API tokens for scripts and GIS clients, and the policies. The API never redirects to a login
/// page: an anonymous request gets 401 and a forbidden one 403, both as RFC 7807 ProblemDetails.
/// </summary>
public static class AccountsSetup
{
    private const string SelectorScheme = "RiskMap";

    /// <summary>Registers Identity, the authentication schemes and the policies.</summary>
    public static IServiceCollection AddRiskMapAccounts(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SelectorScheme;
                o.DefaultChallengeScheme = SelectorScheme;
            })
            .AddPolicyScheme(SelectorScheme, "Cookie or API token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();

        services.AddIdentityCore<RiskMapUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<RiskMapDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<RiskMapClaimsFactory>();

        // Sessions end through the session store (Sessions) at once. The security stamp, checked every minute (default
        // 30), brings changed roles and townships into the cookie; the rebuilt cookie keeps its session id.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = Sessions.KeepSessionAsync;
        });
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "riskmap";
            o.Cookie.HttpOnly = true;
            // Secure whenever the request came over HTTPS (behind a proxy: X-Forwarded-Proto from a trusted proxy).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // Strict same-site keeps the cookie off other sites' requests; pages on other origins of this site (another port of
            // the host) get it, and their changes are refused by CrossOriginWriteCheck.
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = Sessions.IdleLifetime;
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = Sessions.ValidatePrincipalAsync;
            o.Events.OnRedirectToLogin = context => WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized, AccountProblemCodes.SignInRequired);
            o.Events.OnRedirectToAccessDenied = context => WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden, AccountProblemCodes.Forbidden);
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Read, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Write, p => p.RequireRole(WriteAccess.WriterRoles))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Session, p => p.RequireAuthenticatedUser().AddRequirements(new SessionRequirement()));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemDetailsAuthorizationResultHandler>();
        services.AddScoped<DemoAccounts>();
        services.AddSingleton<ApiTokenCache>();
        services.AddHostedService<ApiTokenRevocations>();
        // The keys that sign cookies (and antiforgery tokens) live in the database, so that a cookie one instance wrote is
        // read by every other and survives a restart; the application name keeps instances installed in different
        // folders on one key ring.
        services.AddDataProtection().PersistKeysToDbContext<RiskMapDbContext>().SetApplicationName("RiskMap");
        services.AddSingleton<SignInLimiter>();
        return services;
    }

    /// <summary>
    /// Writes a 401 or 403 problem with <paramref name="code"/> (<see cref="AccountProblemCodes.SignInRequired"/>,
    /// <see cref="AccountProblemCodes.Forbidden"/> or <see cref="AccountProblemCodes.SessionRequired"/>), in the request's language.
    /// </summary>
    internal static Task WriteProblemAsync(HttpContext context, int status, string code)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = Problems.Details(status, code) }).AsTask();
    }

    /// <summary>
    /// Turns the authorization middleware's challenge and forbid into ProblemDetails instead of redirects; a request
    /// refused only for want of a session (<see cref="SessionRequirement"/>) is told so.
    /// </summary>
    private sealed class ProblemDetailsAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler _default = new();

        public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
        {
            if (result.Challenged || (result.Forbidden && context.User.Identity?.IsAuthenticated != true))
                return WriteProblemAsync(context, StatusCodes.Status401Unauthorized, AccountProblemCodes.SignInRequired);
            if (result.Forbidden && result.AuthorizationFailure is { } failure
                && failure.FailedRequirements.Any() && failure.FailedRequirements.All(r => r is SessionRequirement))
                return WriteProblemAsync(context, StatusCodes.Status403Forbidden, AccountProblemCodes.SessionRequired);
            if (result.Forbidden) return WriteProblemAsync(context, StatusCodes.Status403Forbidden, AccountProblemCodes.Forbidden);
            return _default.HandleAsync(next, context, policy, result);
        }
    }
}
