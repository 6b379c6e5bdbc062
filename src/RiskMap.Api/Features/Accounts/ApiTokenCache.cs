using System.Collections.Concurrent;
using System.Security.Claims;

namespace RiskMap.Api.Features.Accounts;

/// <summary>
/// The principals of recently authenticated API tokens, by token hash, for <see cref="TimeToLive"/> at most (never past
/// the token's own expiry). A GIS client paging through features or a map fetching tiles sends its token on every
/// request; without this each request would look the token, the user, the roles, the claims and the townships up
/// again (five queries). A token revoked or deleted on any instance is dropped by every instance as soon as the database
/// announces it (<see cref="ApiTokenRevocations"/>, PostgreSQL LISTEN/NOTIFY, well within a second); while an instance
/// does not listen (starting, or its listening connection lost) it trusts no cached entry. A change of roles or townships
/// reaches tokens within <see cref="TimeToLive"/>. Only tokens that authenticated are kept.
/// </summary>
public sealed class ApiTokenCache(TimeProvider time)
{
    private volatile bool _listening;

    /// <summary>How long an authenticated token is trusted without a database look-up: 30 seconds.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (ClaimsPrincipal Principal, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    /// <summary>The cached principal of <paramref name="tokenHash"/>, or null when absent or stale.</summary>
    public ClaimsPrincipal? Find(string tokenHash)
    {
        if (!_listening || !_entries.TryGetValue(tokenHash, out var entry)) return null;
        if (entry.Until > time.GetUtcNow()) return entry.Principal;
        _entries.TryRemove(tokenHash, out _);
        return null;
    }

    /// <summary>Keeps <paramref name="principal"/> for <paramref name="tokenHash"/> until <see cref="TimeToLive"/> from now or <paramref name="tokenExpires"/>, whichever is first.</summary>
    public void Add(string tokenHash, ClaimsPrincipal principal, DateTimeOffset? tokenExpires)
    {
        var until = time.GetUtcNow() + TimeToLive;
        if (tokenExpires is { } expires && expires < until) until = expires;
        // Stale entries of tokens no longer used are dropped now and then, so the dictionary stays small.
        if (_entries.Count > 1000)
            foreach (var stale in _entries.Where(e => e.Value.Until <= time.GetUtcNow()).Select(e => e.Key).ToList()) _entries.TryRemove(stale, out _);
        _entries[tokenHash] = (principal, until);
    }

    /// <summary>Forgets <paramref name="tokenHash"/> (a revoked token).</summary>
    public void Remove(string tokenHash) => _entries.TryRemove(tokenHash, out _);

    /// <summary>
    /// Whether revocations are heard: true once the instance listens (the cache is emptied then, since revocations made
    /// before were not heard); false forgets every entry and stops trusting the cache until listening again.
    /// </summary>
    public bool Listening
    {
        get => _listening;
        set
        {
            _listening = false;
            _entries.Clear();
            _listening = value;
        }
    }
}
