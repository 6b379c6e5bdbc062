using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskMap.Api.Features.Accounts;

namespace RiskMap.TestSupport;

/// <summary>
/// A stand-in for sign-in while the service has no authentication of its own: <c>Authorization: Bearer
/// test:{role}[:{township},{township}…]</c> signs the request in with that role and those township claims, so that
/// <see cref="ReadScope"/> binds as it will for real users. Registered by the test hosts only; never part of the service.
/// </summary>
public sealed class TestAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Name of the scheme.</summary>
    public const string SchemeName = "Test";

    /// <summary>The bearer token that signs in as <paramref name="role"/> bound to <paramref name="townships"/>.</summary>
    public static string Token(string role, params string[] townships)
        => townships.Length == 0 ? $"test:{role}" : $"test:{role}:{string.Join(',', townships)}";

    /// <summary>The Authorization header value for <see cref="Token"/>.</summary>
    public static AuthenticationHeaderValue Header(string role, params string[] townships) => new("Bearer", Token(role, townships));

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer test:", StringComparison.Ordinal)) return Task.FromResult(AuthenticateResult.NoResult());
        var parts = header["Bearer test:".Length..].Split(':');
        var claims = new List<Claim> { new(ClaimTypes.Name, $"test-{parts[0]}"), new(ClaimTypes.Role, parts[0]) };
        if (parts.Length > 1)
            claims.AddRange(parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => new Claim(RiskMapClaims.Township, t)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
