using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RiskMap.Api.Data;

namespace RiskMap.Api.Features.Accounts;

/// <summary>
/// Authenticates <c>Authorization: Bearer rmk_…</c> personal API tokens: the token's SHA-256 hash is looked up in
/// api_tokens (unique index), revoked or expired tokens are refused, and the user's claims are built exactly as for a
/// cookie sign-in, plus the token's id (<see cref="RiskMapClaims.ApiToken"/>, which the audit trail records and which
/// keeps the token out of <see cref="Policies.Session"/> operations). A lockout after failed sign-ins does not stop a
/// token: anyone can cause one by guessing, and it must not take the owner's scripts down; revoking ends a token. An
/// authenticated token is then trusted for 30 seconds without a look-up (<see cref="ApiTokenCache"/>), unless revoked
/// meanwhile on any instance (<see cref="ApiTokenRevocations"/>).
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    RiskMapDbContext db, UserManager<RiskMapUser> users, IUserClaimsPrincipalFactory<RiskMapUser> claims, TimeProvider time,
    ApiTokenCache cache, Hosting.DatabaseSources sources)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "ApiToken";

    /// <summary>Every token starts with this, so that it is recognisable in logs and by secret scanners.</summary>
    public const string TokenPrefix = "rmk_";

    /// <summary>SHA-256 of a token, lower-case hex: what api_tokens stores.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A new random token: the prefix and 32 random bytes in base64url (256 bits of entropy).</summary>
    public static string NewToken() => TokenPrefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal)) return AuthenticateResult.Fail("Not a RiskMap API token.");

        var hash = Hash(token);
        if (cache.Find(hash) is { } known) return AuthenticateResult.Success(new AuthenticationTicket(known, SchemeName));
        var stored = await db.ApiTokens.FirstOrDefaultAsync(t => t.TokenHash == hash, Context.RequestAborted);
        var now = time.GetUtcNow();
        if (stored is null || stored.RevokedAt is not null || stored.ExpiresAt <= now)
            return AuthenticateResult.Fail("The API token is unknown, revoked or expired.");
        var user = await users.FindByIdAsync(stored.UserId);
        if (user is null) return AuthenticateResult.Fail("The token's user is gone.");

        // Record use at most once a minute, so a GIS client paging through features does not write on every request.
        if (stored.LastUsedAt is null || now - stored.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            // On the primary, also when the request reads from a standby; while the primary is away, at a later use.
            try
            {
                await using var connection = await sources.Primary.OpenConnectionAsync(Context.RequestAborted);
                await using var update = new Npgsql.NpgsqlCommand("UPDATE api_tokens SET last_used_at = @now WHERE id = @id", connection);
                update.Parameters.AddWithValue("now", now);
                update.Parameters.AddWithValue("id", stored.Id);
                await update.ExecuteNonQueryAsync(Context.RequestAborted);
            }
            catch (Exception e) when (Hosting.DatabaseUnavailable.IsCause(e))
            {
                Logger.LogInformation("The use of API token {Id} is not recorded: the primary cannot be reached", stored.Id);
            }
        }
        var principal = await claims.CreateAsync(user);
        principal.Identities.First().AddClaim(new Claim(RiskMapClaims.ApiToken, stored.Id.ToString(CultureInfo.InvariantCulture)));
        cache.Add(hash, principal, stored.ExpiresAt);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private static string Base64UrlEncode(byte[] bytes)
        => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
