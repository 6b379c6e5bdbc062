using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace RiskMap.Api.Data;

/// <summary>
/// A transaction a handler began, or the one a caller around it (an endpoint filter such as
/// <see cref="Features.Field.IdempotentWrites"/>) already holds on the same <see cref="DbContext"/>: the handler's
/// writes then commit or roll back with the caller's, which decides.
/// </summary>
public sealed class JoinedTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction? _own;

    private JoinedTransaction(IDbContextTransaction? own) => _own = own;

    /// <summary>Begins a transaction on <paramref name="db"/>, or joins the one in progress.</summary>
    /// <param name="db">The context.</param>
    /// <param name="cancellationToken">Cancels beginning.</param>
    public static async Task<JoinedTransaction> BeginOrJoinAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new JoinedTransaction(db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null);
    }

    /// <summary>Commits a transaction begun here; a joined one is left to its owner.</summary>
    /// <param name="cancellationToken">Cancels the commit.</param>
    public Task CommitAsync(CancellationToken cancellationToken = default) => _own?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>Rolls back a transaction begun here and not committed.</summary>
    public ValueTask DisposeAsync() => _own?.DisposeAsync() ?? ValueTask.CompletedTask;
}
