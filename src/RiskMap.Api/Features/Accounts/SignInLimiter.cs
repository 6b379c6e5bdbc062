using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace RiskMap.Api.Features.Accounts;

/// <summary>Limits on failed sign-ins (settings <c>RiskMap:SignIn:…</c>).</summary>
public sealed class SignInOptions
{
    /// <summary>Failed sign-ins one client address may make per <see cref="Window"/> before it gets 429: default 20.</summary>
    public int FailuresPerAddress { get; set; } = 20;

    /// <summary>Failed sign-ins for one user name (existing or not) per <see cref="Window"/> before it gets 429: default 10.</summary>
    public int FailuresPerUserName { get; set; } = 10;

    /// <summary>The window the limits count in (fixed windows): default 15 minutes, the length of a lockout.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Rate limits on POST /api/v1/auth/login, with the framework's rate limiters (System.Threading.RateLimiting, the engine
/// of ASP.NET Core's rate-limiting middleware): fixed windows per client address and per user name that count failed
/// sign-ins only, so that people who type their password right are never slowed, while guessing, probing user names
/// and flooding the password hasher are. A caller over either limit gets 429 with Retry-After before any password is
/// checked. Unknown user names are counted like known ones, so the limit tells nothing about which exist. The counts
/// live in this instance's memory: each instance of the service limits on its own.
/// </summary>
public sealed class SignInLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _byAddress;
    private readonly PartitionedRateLimiter<string> _byUserName;

    /// <summary>Builds the limiters from <paramref name="options"/>.</summary>
    /// <exception cref="OptionsValidationException">A limit is below 1 or the window is not positive.</exception>
    public SignInLimiter(IOptions<SignInOptions> options)
    {
        var o = options.Value;
        var problems = new List<string>();
        if (o.FailuresPerAddress < 1) problems.Add($"RiskMap:SignIn:FailuresPerAddress is {o.FailuresPerAddress}; it must be at least 1.");
        if (o.FailuresPerUserName < 1) problems.Add($"RiskMap:SignIn:FailuresPerUserName is {o.FailuresPerUserName}; it must be at least 1.");
        if (o.Window <= TimeSpan.Zero) problems.Add($"RiskMap:SignIn:Window is {o.Window}; it must be positive.");
        if (problems.Count > 0) throw new OptionsValidationException(nameof(SignInOptions), typeof(SignInOptions), problems);
        _byAddress = Limiter(o.FailuresPerAddress, o.Window);
        _byUserName = Limiter(o.FailuresPerUserName, o.Window);
    }

    /// <summary>
    /// Null when a sign-in from <paramref name="address"/> for <paramref name="normalizedUserName"/> may be tried now;
    /// otherwise the problem code of the limit that refuses it (<see cref="AccountProblemCodes.TooManySignInsFromAddress"/>
    /// or <see cref="AccountProblemCodes.TooManySignInsForUserName"/>) and how long to wait (at most the window).
    /// </summary>
    public (string Code, TimeSpan RetryAfter)? Refusal(string address, string normalizedUserName)
    {
        // Asking for 0 permits tells whether any is left without taking one.
        using var byAddress = _byAddress.AttemptAcquire(address, 0);
        if (!byAddress.IsAcquired) return (AccountProblemCodes.TooManySignInsFromAddress, RetryAfter(byAddress));
        using var byUserName = _byUserName.AttemptAcquire(normalizedUserName, 0);
        if (!byUserName.IsAcquired) return (AccountProblemCodes.TooManySignInsForUserName, RetryAfter(byUserName));
        return null;
    }

    /// <summary>Counts a failed sign-in against <paramref name="address"/> and <paramref name="normalizedUserName"/>.</summary>
    public void Failed(string address, string normalizedUserName)
    {
        _byAddress.AttemptAcquire(address).Dispose();
        _byUserName.AttemptAcquire(normalizedUserName).Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _byAddress.Dispose();
        _byUserName.Dispose();
    }

    private static PartitionedRateLimiter<string> Limiter(int permits, TimeSpan window)
        => PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }), StringComparer.Ordinal);

    private static TimeSpan RetryAfter(RateLimitLease lease)
        => lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : TimeSpan.FromSeconds(1);
}
