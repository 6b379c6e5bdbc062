using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace RiskMap.Api.Features.Routing;

/// <summary>Options under <c>RiskMap:Routing</c>.</summary>
public sealed class RoutingOptions
{
    /// <summary>
    /// Plans solved at the same time; default half the processors, at least 1. One solve keeps two cores busy for its
    /// whole time limit (<see cref="RoutingSearch"/>), so more would only slow every solve down.
    /// </summary>
    public int ConcurrentSolves { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Most plans kept for their export links; the oldest go first. Default 500.</summary>
    public int StoredPlans { get; set; } = 500;

    /// <summary>How long a plan and its export links last, in hours; default 24.</summary>
    public double PlanLifetimeHours { get; set; } = 24;
}

/// <summary>
/// Admits at most <see cref="RoutingOptions.ConcurrentSolves"/> solves at a time. A request waits for a free solver at
/// most as long as its own solver time limit, without holding a thread, and otherwise is answered 503 with Retry-After.
/// </summary>
public sealed class RoutePlanGate(Microsoft.Extensions.Options.IOptions<RoutingOptions> options)
{
    private readonly SemaphoreSlim _solvers = new(Math.Max(1, options.Value.ConcurrentSolves));

    /// <summary>A lease to solve, to dispose when done; null when no solver was free within <paramref name="wait"/>.</summary>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled while waiting.</exception>
    public async Task<IDisposable?> EnterAsync(TimeSpan wait, CancellationToken cancellationToken)
        => await _solvers.WaitAsync(wait, cancellationToken) ? new Lease(_solvers) : null;

    private sealed class Lease(SemaphoreSlim solvers) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) solvers.Release();
        }
    }
}

/// <summary>A stored plan: the answer in WGS-84 and the townships of its stops, to check a reader's scope.</summary>
/// <param name="Plan">The plan, coordinates in WGS-84.</param>
/// <param name="Townships">Township code of every stop (null for a stop in no township).</param>
public sealed record StoredPlan(PlannedRoutes Plan, IReadOnlyList<string?> Townships);

/// <summary>
/// Plans kept in memory for <see cref="Lifetime"/> so that export links (GPX, CSV, the visit sheet) are plain URLs a
/// browser can download or print. Plans are not written to the database: a restart loses them, and a client then plans
/// again. Ids are 128 random bits.
/// </summary>
public sealed class RoutePlanStore(Microsoft.Extensions.Options.IOptions<RoutingOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, StoredPlan> _plans = new(StringComparer.Ordinal);
    private readonly int _capacity = Math.Max(1, options.Value.StoredPlans);

    /// <summary>How long a plan is kept.</summary>
    public TimeSpan Lifetime { get; } = TimeSpan.FromHours(options.Value.PlanLifetimeHours > 0 ? options.Value.PlanLifetimeHours : 24);

    /// <summary>A new plan id: 32 lower-case hex digits.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Keeps <paramref name="plan"/> under its id; drops expired plans, and the oldest when over capacity.</summary>
    public void Add(StoredPlan plan)
    {
        _plans[plan.Plan.Id] = plan;
        var now = time.GetUtcNow();
        foreach (var (id, stored) in _plans)
        {
            if (stored.Plan.ExpiresAt <= now) _plans.TryRemove(id, out _);
        }
        var excess = _plans.Count - _capacity;
        if (excess > 0)
        {
            foreach (var id in _plans.OrderBy(p => p.Value.Plan.CreatedAt).Take(excess).Select(p => p.Key).ToList()) _plans.TryRemove(id, out _);
        }
    }

    /// <summary>The plan stored under <paramref name="id"/>, or null when unknown or expired.</summary>
    public StoredPlan? Find(string id)
        => _plans.TryGetValue(id, out var plan) && plan.Plan.ExpiresAt > time.GetUtcNow() ? plan : null;
}
