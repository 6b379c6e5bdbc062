using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using RiskMap.Api.Data;

namespace RiskMap.Api.Features.Accounts;

/// <summary>
/// Appends <see cref="AuditEntry"/> rows to the caller's <see cref="RiskMapDbContext"/>, so that they are written by the
/// same SaveChanges, in the same transaction, as the change they describe.
/// </summary>
public static class Audit
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>
    /// Adds an audit row: who (<paramref name="user"/>) and through what (a session or which personal API token), what
    /// (<paramref name="action"/> on <paramref name="entityType"/> <paramref name="entityId"/>), the record
    /// <paramref name="before"/> and <paramref name="after"/> (serialised to JSON, null for a creation or deletion) and
    /// the user's <paramref name="note"/>. Never pass a secret (password, token) in any of them.
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="user"/> is signed in but neither by a session nor by a token.</exception>
    public static AuditEntry Add(RiskMapDbContext db, ClaimsPrincipal user, string action, string entityType, string entityId,
        object? before, object? after, string? note = null)
    {
        var tokenId = Sessions.TokenIdOf(user);
        var sessionId = tokenId is null ? Sessions.IdOf(user) : null;
        var by = tokenId is not null ? AuthenticatedBy.ApiToken
            : sessionId is not null ? AuthenticatedBy.Session
            : user.Identity?.IsAuthenticated == true ? throw new InvalidOperationException($"{user.Identity.Name} is signed in without a session or token.")
            : AuthenticatedBy.System;
        var entry = new AuditEntry
        {
            At = DateTimeOffset.UtcNow,
            UserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
            UserName = user.Identity?.Name ?? "system",
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
            Note = note,
            AuthenticatedBy = by,
            SessionId = sessionId,
            ApiTokenId = tokenId,
        };
        db.AuditEntries.Add(entry);
        return entry;
    }
}
