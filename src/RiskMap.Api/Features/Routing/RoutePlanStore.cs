using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using RiskMap.Api.Data;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace RiskMap.Api.Features.Routing;

/// <summary>Options under <c>RiskMap:Routing</c>.</summary>
public sealed class RoutingOptions
{
    /// <summary>
    /// Plans solved at the same time; default half the processors, at least 1. One solve keeps two cores busy for its
    /// whole time limit (<see cref="RoutingSearch"/>), so more would only slow every solve down.
    /// </summary>
    public int ConcurrentSolves { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Plan requests one user may have running at the same time; default 1. One more is answered 429.</summary>
    public int SolvesPerUser { get; set; } = 1;

    /// <summary>
    /// Plan requests one user may start per minute; default 12. A token bucket of that size, refilled one request every
    /// 60 / n seconds: a burst of n, then one every 60 / n seconds. One more is answered 429 with the wait in Retry-After.
    /// </summary>
    public int SolvesPerUserPerMinute { get; set; } = 12;

    /// <summary>Most plans kept for their export links, all users together; default 500.</summary>
    public int StoredPlans { get; set; } = 500;

    /// <summary>Most plans kept per user; default 50. A user's new plan beyond it replaces that user's oldest.</summary>
    public int StoredPlansPerUser { get; set; } = 50;

    /// <summary>How long a plan and its export links last, in hours; default 24.</summary>
    public double PlanLifetimeHours { get; set; } = 24;
}

/// <summary>
/// Admits plan requests. Per user (<see cref="Admit"/>, System.Threading.RateLimiting limiters partitioned by user): at
/// most <see cref="RoutingOptions.SolvesPerUser"/> running and <see cref="RoutingOptions.SolvesPerUserPerMinute"/> started
/// per minute, so that one user cannot starve the others; over either, the request is refused at once (429). Over all
/// users (<see cref="EnterAsync"/>): at most <see cref="RoutingOptions.ConcurrentSolves"/> solves at a time; a request
/// waits for a free solver at most as long as its own solver time limit, without holding a thread, and otherwise is
/// answered 503 with Retry-After.
/// </summary>
public sealed class RoutePlanGate : IDisposable
{
    private readonly SemaphoreSlim _solvers;
    private readonly PartitionedRateLimiter<string> _running;
    private readonly PartitionedRateLimiter<string> _started;
    private readonly TimeSpan _refill;
    private readonly int _runningLimit;

    /// <summary>Creates the gate from <paramref name="options"/> (every limit at least 1).</summary>
    public RoutePlanGate(IOptions<RoutingOptions> options)
    {
        var o = options.Value;
        _solvers = new(Math.Max(1, o.ConcurrentSolves));
        var running = _runningLimit = Math.Max(1, o.SolvesPerUser);
        var perMinute = Math.Max(1, o.SolvesPerUserPerMinute);
        _refill = TimeSpan.FromMinutes(1) / perMinute;
        _running = PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.GetConcurrencyLimiter(user,
            _ => new ConcurrencyLimiterOptions { PermitLimit = running, QueueLimit = 0 }));
        _started = PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.GetTokenBucketLimiter(user,
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = perMinute, TokensPerPeriod = 1, ReplenishmentPeriod = _refill, QueueLimit = 0, AutoReplenishment = true,
            }));
    }

    /// <summary>
    /// Admits one plan request of <paramref name="user"/> (a stable key: the user id), or says why not. Dispose the
    /// answer when the plan is done: that frees the user's running slot.
    /// </summary>
    /// <param name="user">The user's id.</param>
    /// <param name="running">How long the request's own solve may take: the wait suggested when the user already has a plan running.</param>
    public PlanAdmission Admit(string user, TimeSpan running)
    {
        var slot = _running.AttemptAcquire(user);
        if (!slot.IsAcquired)
        {
            slot.Dispose();
            return new PlanAdmission(null, "running", running);
        }
        using var token = _started.AttemptAcquire(user);
        if (!token.IsAcquired)
        {
            slot.Dispose();
            return new PlanAdmission(null, "perMinute", token.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _refill);
        }
        return new PlanAdmission(slot, null, TimeSpan.Zero);
    }

    /// <summary>Plan requests of <paramref name="user"/> (the user id) admitted and not yet finished.</summary>
    public long Running(string user) => _runningLimit - (_running.GetStatistics(user)?.CurrentAvailablePermits ?? _runningLimit);

    /// <summary>A solver lease, to dispose when done; null when no solver was free within <paramref name="wait"/>.</summary>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled while waiting.</exception>
    public async Task<IDisposable?> EnterAsync(TimeSpan wait, CancellationToken cancellationToken)
        => await _solvers.WaitAsync(wait, cancellationToken) ? new Lease(_solvers) : null;

    /// <inheritdoc />
    public void Dispose()
    {
        _running.Dispose();
        _started.Dispose();
        _solvers.Dispose();
    }

    private sealed class Lease(SemaphoreSlim solvers) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) solvers.Release();
        }
    }
}

/// <summary>The answer of <see cref="RoutePlanGate.Admit"/>: admitted (dispose when done) or refused with the wait to suggest.</summary>
/// <param name="Slot">The user's running slot when admitted; null when refused.</param>
/// <param name="Refusal">Null when admitted; <c>running</c> (the user's plans running are at the limit) or <c>perMinute</c>.</param>
/// <param name="RetryAfter">When refused, how long to wait before trying again.</param>
public sealed record PlanAdmission(RateLimitLease? Slot, string? Refusal, TimeSpan RetryAfter) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Slot?.Dispose();
}

/// <summary>A stored plan: the answer in WGS-84 (its words filled in for each reader), the townships of its stops (to check a reader's scope) and who planned it.</summary>
/// <param name="Plan">The plan, coordinates in WGS-84.</param>
/// <param name="Townships">Township code of every stop (null for a stop in no township).</param>
/// <param name="Owner">Id of the user who planned it: the store's quotas count per owner.</param>
/// <param name="Note">The plan's note as code and figures (worded in each reader's language); null when it has none.</param>
public sealed record StoredPlan(PlannedRoutes Plan, IReadOnlyList<string?> Townships, string Owner, PlanNote? Note = null);

/// <summary>
/// Plans kept in PostgreSQL (table <c>route_plans</c>, the plan as JSON) for <see cref="Lifetime"/> so that export links
/// (GPX, CSV, the visit sheet) are plain URLs a browser can download or print, from any instance and after a restart. Ids
/// are 128 random bits. Room is made so that no user can push out another's plans: expired plans go first; a user at
/// <see cref="RoutingOptions.StoredPlansPerUser"/> loses their own oldest plan to their new one; and when the store is at
/// <see cref="RoutingOptions.StoredPlans"/>, the oldest plan of the user holding the most plans goes. Additions are
/// serialised across instances by a transaction-scoped advisory lock, so that the quotas hold with several instances.
/// </summary>
public sealed class RoutePlanStore(NpgsqlDataSource dataSource, IOptions<RoutingOptions> options, TimeProvider time)
{
    // pg_advisory_xact_lock key of additions: 'RMPL' as a number.
    private const long AddLock = 0x524D504C;
    private readonly int _capacity = Math.Max(1, options.Value.StoredPlans);
    private readonly int _perUser = Math.Max(1, options.Value.StoredPlansPerUser);

    /// <summary>How long a plan is kept.</summary>
    public TimeSpan Lifetime { get; } = TimeSpan.FromHours(options.Value.PlanLifetimeHours > 0 ? options.Value.PlanLifetimeHours : 24);

    /// <summary>A new plan id: 32 lower-case hex digits.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Keeps <paramref name="plan"/> under its id, making room as the class describes, in one transaction.</summary>
    public async Task AddAsync(StoredPlan plan, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new("SELECT pg_advisory_xact_lock($1)") { Parameters = { new() { Value = AddLock } } },
                new("DELETE FROM route_plans WHERE expires_at <= $1") { Parameters = { new() { Value = now } } },
                // The owner's own oldest beyond the quota, counting the new plan.
                new("""
                    DELETE FROM route_plans WHERE id IN
                        (SELECT id FROM route_plans WHERE owner = $1 ORDER BY created_at DESC, id OFFSET $2)
                    """) { Parameters = { new() { Value = plan.Owner }, new() { Value = _perUser - 1 } } },
                new("""
                    INSERT INTO route_plans (id, owner, created_at, expires_at, plan) VALUES ($1, $2, $3, $4, $5::jsonb)
                    ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, created_at = excluded.created_at,
                        expires_at = excluded.expires_at, plan = excluded.plan
                    """)
                {
                    Parameters =
                    {
                        new() { Value = plan.Plan.Id }, new() { Value = plan.Owner }, new() { Value = plan.Plan.CreatedAt },
                        new() { Value = plan.Plan.ExpiresAt }, new() { Value = JsonSerializer.Serialize(plan, StoredJson.Options) },
                    },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        // Beyond the capacity: the oldest plan of the biggest holder; between equal holders, the one whose oldest plan is
        // oldest. The new plan is the newest, so it is never the one removed.
        await using var trim = new NpgsqlCommand("""
            WITH holder AS (
                SELECT owner FROM route_plans GROUP BY owner ORDER BY count(*) DESC, min(created_at), owner LIMIT 1)
            DELETE FROM route_plans WHERE id =
                (SELECT id FROM route_plans WHERE owner = (SELECT owner FROM holder) ORDER BY created_at, id LIMIT 1)
                AND (SELECT count(*) FROM route_plans) > $1
            """, connection, transaction) { Parameters = { new() { Value = _capacity } } };
        while (await trim.ExecuteNonQueryAsync(cancellationToken) > 0)
        {
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The plan stored under <paramref name="id"/>, or null when unknown or expired.</summary>
    public async Task<StoredPlan?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT plan::text FROM route_plans WHERE id = $1 AND expires_at > $2");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        return await command.ExecuteScalarAsync(cancellationToken) is string json
            ? JsonSerializer.Deserialize<StoredPlan>(json, StoredJson.Options)
            : null;
    }
}
