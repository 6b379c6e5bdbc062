using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using RiskMap.Api.Data;
using RiskMap.Api.Hosting;
using RiskMap.Api.Resources;

namespace RiskMap.Api.Features.Import;

/// <summary>Options under <c>RiskMap:Import</c>.</summary>
public sealed class ImportOptions
{
    /// <summary>
    /// Where this instance keeps its copies of uploads (the uploads themselves are in the database, table
    /// <c>import_uploads</c>). Default <c>&lt;checkout&gt;/.riskmap/imports</c> (git-ignored).
    /// </summary>
    public string? UploadDirectory { get; set; }

    /// <summary>How long an upload and a finished job are kept, in hours. Default 24.</summary>
    public double ExpiryHours { get; set; } = 24;

    /// <summary>
    /// Seconds between the heartbeats of a running job (its instance writes its progress and reads whether it is to be
    /// cancelled), and between an idle instance's looks for queued jobs. Default 1.
    /// </summary>
    public double HeartbeatSeconds { get; set; } = 1;

    /// <summary>
    /// Seconds after its last heartbeat that a running job is taken for lost with its instance (killed, or cut off from
    /// the database) and marked failed (<see cref="ImportProblemCodes.JobInstanceLost"/>). Default 30.
    /// </summary>
    public double JobTimeoutSeconds { get; set; } = 30;

    /// <summary>Most bytes an archive (zipped Shapefile, XLSX) may expand to, all entries together. Default 1 GiB.</summary>
    public long MaxArchiveBytes { get; set; } = ArchiveLimits.DefaultMaxTotalBytes;

    /// <summary>Most an archive entry over 1 MiB may expand per compressed byte. Default 100 (100:1).</summary>
    public double MaxCompressionRatio { get; set; } = ArchiveLimits.DefaultMaxCompressionRatio;

    /// <summary>Where archives are unpacked while read, each in a private folder deleted afterwards. Default the system's temporary folder.</summary>
    public string? WorkDirectory { get; set; }

    /// <summary>These settings as the archive readers take them.</summary>
    public ArchiveLimits ArchiveLimits => new(MaxArchiveBytes, MaxCompressionRatio, WorkDirectory);
}

/// <summary>An uploaded file waiting for preview, dry run and commit.</summary>
/// <param name="Id">32 hexadecimal characters.</param>
/// <param name="FileName">The name it was uploaded with (its extension chooses the reader).</param>
/// <param name="Path">Where this instance keeps its copy of it (read by the readers).</param>
/// <param name="Bytes">Size.</param>
/// <param name="ExpiresAt">When it is deleted.</param>
public sealed record StoredUpload(string Id, string FileName, string Path, long Bytes, DateTimeOffset ExpiresAt);

/// <summary>
/// Keeps uploaded files in PostgreSQL (table <c>import_uploads</c>, the bytes as bytea) until they expire, so that any
/// instance can preview and import an upload another received. Each instance reads an upload through its own copy in
/// <see cref="ImportOptions.UploadDirectory"/> (the readers take a file), written from the database the first time the
/// instance needs it, one folder per upload, folders mode 0700 and files 0600 (<see cref="PrivateFiles"/>). Expired
/// uploads and copies are deleted whenever a file is saved.
/// </summary>
public sealed class ImportUploads(NpgsqlDataSource dataSource, IOptions<ImportOptions> options, TimeProvider time)
{
    private string Root => options.Value.UploadDirectory ?? Path.Combine(RiskMapPaths.State, "imports");

    /// <summary>Stores <paramref name="content"/> under a new id.</summary>
    public async Task<StoredUpload> SaveAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        await DeleteExpiredAsync(cancellationToken);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var safeName = SafeFileName(fileName);
        var path = CopyPath(id, safeName);
        await using (var file = PrivateFiles.CreateFile(path)) await content.CopyToAsync(file, cancellationToken);
        var stored = time.GetUtcNow();
        var expires = stored.AddHours(options.Value.ExpiryHours);
        await using (var file = File.OpenRead(path))
        {
            await using var insert = dataSource.CreateCommand(
                "INSERT INTO import_uploads (id, file_name, size_bytes, content, stored_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)");
            insert.Parameters.Add(new() { Value = id });
            insert.Parameters.Add(new() { Value = safeName });
            insert.Parameters.Add(new() { Value = file.Length });
            insert.Parameters.Add(new() { Value = file, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
            insert.Parameters.Add(new() { Value = stored });
            insert.Parameters.Add(new() { Value = expires });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        return new StoredUpload(id, safeName, path, new FileInfo(path).Length, expires);
    }

    /// <summary>
    /// The name an upload is stored under: the last segment of <paramref name="fileName"/>, characters a file name cannot
    /// hold as '_', shortened to 255 UTF-8 bytes keeping the extension (which chooses the reader), and <c>upload</c> for
    /// a name that would be empty or only dots (<c>..</c> would name the folder above).
    /// </summary>
    internal static string SafeFileName(string fileName)
    {
        var name = string.Concat(System.IO.Path.GetFileName(fileName).Select(c => System.IO.Path.GetInvalidFileNameChars().Contains(c) ? '_' : c));
        if (string.IsNullOrWhiteSpace(name) || name.Trim('.', ' ').Length == 0) return "upload";
        const int maxBytes = 255;
        var extension = System.IO.Path.GetExtension(name);
        if (System.Text.Encoding.UTF8.GetByteCount(extension) > 32) extension = "";
        var stem = name[..^extension.Length];
        while (System.Text.Encoding.UTF8.GetByteCount(stem) + System.Text.Encoding.UTF8.GetByteCount(extension) > maxBytes)
            stem = stem[..(char.IsLowSurrogate(stem[^1]) && stem.Length > 1 ? ^2 : ^1)];
        return stem.Length == 0 ? "upload" + extension : stem + extension;
    }

    /// <summary>
    /// The upload with <paramref name="id"/>, its bytes copied to this instance's folder when not there yet; null when
    /// unknown or expired.
    /// </summary>
    public async Task<StoredUpload?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (id.Length != 32 || !id.All(char.IsAsciiHexDigitLower)) return null;
        await using var command = dataSource.CreateCommand(
            "SELECT file_name, size_bytes, expires_at, content FROM import_uploads WHERE id = $1 AND expires_at > $2");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var row = new SqlRow(reader);
        var fileName = row.Get<string>("file_name");
        var bytes = row.Get<long>("size_bytes");
        var expires = row.Get<DateTimeOffset>("expires_at");
        var path = CopyPath(id, fileName);
        if (!File.Exists(path) || new FileInfo(path).Length != bytes)
        {
            // Written aside and moved in place, so that a concurrent reader never sees half a file.
            var part = path + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) + ".part";
            await using (var file = PrivateFiles.CreateFile(part))
            await using (var content = await reader.GetStreamAsync(reader.GetOrdinal("content"), cancellationToken))
                await content.CopyToAsync(file, cancellationToken);
            File.Move(part, path, overwrite: true);
        }
        return new StoredUpload(id, fileName, path, bytes, expires);
    }

    private string CopyPath(string id, string fileName)
    {
        PrivateFiles.CreateDirectory(Root);
        var directory = PrivateFiles.CreateDirectory(System.IO.Path.Combine(Root, id));
        return System.IO.Path.Combine(directory.FullName, fileName);
    }

    private async Task DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        await using (var delete = dataSource.CreateCommand("DELETE FROM import_uploads WHERE expires_at <= $1"))
        {
            delete.Parameters.Add(new() { Value = time.GetUtcNow() });
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        if (!Directory.Exists(Root)) return;
        foreach (var directory in Directory.EnumerateDirectories(Root))
        {
            if (Directory.GetCreationTimeUtc(directory).AddHours(options.Value.ExpiryHours) > time.GetUtcNow().UtcDateTime) continue;
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // In use by a running import: the next save tries again.
            }
        }
    }
}

/// <summary>States of an import job.</summary>
public enum ImportJobState
{
    /// <summary>Waiting for the import before it to finish (one import writes at a time, over all instances).</summary>
    Queued,
    /// <summary>Reading and checking, on one instance.</summary>
    Running,
    /// <summary>Accepted: written, or for a dry run, would be written.</summary>
    Succeeded,
    /// <summary>Rows were rejected; nothing was written.</summary>
    Rejected,
    /// <summary>An unexpected error, or its instance was lost; nothing was written.</summary>
    Failed,
    /// <summary>Cancelled (<c>DELETE /api/v1/imports/jobs/{id}</c>) before it finished; nothing was written.</summary>
    Cancelled,
}

/// <summary>An import job as stored in <c>import_jobs</c>, read at one moment.</summary>
public sealed class ImportJob : IProgress<ImportProgress>
{
    internal ImportJob(string id, string uploadId, ImportRequest request, DateTimeOffset created)
    {
        Id = id;
        UploadId = uploadId;
        Request = request;
        Created = created;
    }

    /// <summary>32 hexadecimal characters.</summary>
    public string Id { get; }

    /// <summary>The upload it imports.</summary>
    public string UploadId { get; }

    /// <summary>What it does.</summary>
    public ImportRequest Request { get; }

    /// <summary>When it was started.</summary>
    public DateTimeOffset Created { get; }

    /// <summary>Id of the user who started it; null when unknown.</summary>
    public string? StartedBy { get; internal set; }

    /// <summary>Its state.</summary>
    public ImportJobState State { get; internal set; } = ImportJobState.Queued;

    /// <summary>The last progress reported.</summary>
    public ImportProgress Progress { get; private set; } = new("queued", 0, 0);

    /// <summary>The answer once finished (Succeeded or Rejected).</summary>
    public ImportOutcome? Outcome { get; internal set; }

    /// <summary>The message of an unexpected error (Failed).</summary>
    public string? Failure { get; internal set; }

    /// <summary>
    /// When it failed or was cancelled for a known reason, the key of the message in <see cref="Messages"/> that says why
    /// (shown in the language of whoever asks) instead of <see cref="Failure"/>.
    /// </summary>
    public string? FailureMessage { get; internal set; }

    /// <summary>True once its cancellation was asked for.</summary>
    public bool CancelRequested { get; internal set; }

    /// <summary>The instance running (or that ran) it; null while queued.</summary>
    public string? Owner { get; internal set; }

    /// <summary>When it finished.</summary>
    public DateTimeOffset? Finished { get; internal set; }

    /// <inheritdoc />
    public void Report(ImportProgress value) => Progress = value;
}

/// <summary>What <see cref="ImportJobs.CancelAsync"/> did.</summary>
public enum ImportJobCancellation
{
    /// <summary>No such job (or it was forgotten).</summary>
    Unknown,
    /// <summary>It had already finished: nothing to cancel.</summary>
    AlreadyFinished,
    /// <summary>It was queued and is now Cancelled, or it is running and its instance rolls it back within a heartbeat.</summary>
    Cancelled,
}

/// <summary>
/// Runs imports in the background so that no request waits for a long import, with every job in PostgreSQL (table
/// <c>import_jobs</c>) so that any instance answers for any job. A job is queued by the instance that received it; each
/// instance's worker (this hosted service) claims the oldest queued job with <c>FOR UPDATE SKIP LOCKED</c> under a
/// transaction-scoped advisory lock and only while no job runs anywhere, so that exactly one instance runs it and two merges
/// never race. The job runs in its own DI scope (its own DbContext, connection and transaction); every
/// <see cref="ImportOptions.HeartbeatSeconds"/> its instance writes a heartbeat and the progress and reads whether the job
/// is to be cancelled. A cancelled job's transaction is rolled back (state Cancelled, nothing written). A running job
/// whose heartbeat is older than <see cref="ImportOptions.JobTimeoutSeconds"/> (its instance was killed or lost the
/// database) is marked Failed with <see cref="ImportProblemCodes.JobInstanceLost"/> by whichever instance looks first;
/// its transaction died with its connection. An instance that stops in an orderly way puts its running job back in the
/// queue for another. Finished jobs are deleted after <see cref="ImportOptions.ExpiryHours"/>.
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, NpgsqlDataSource dataSource, ImportUploads uploads, IOptions<ImportOptions> options,
    ILogger<ImportJobs> logger) : BackgroundService
{
    // pg_advisory_xact_lock key of claims: 'RMIJ' as a number.
    private const long ClaimLock = 0x524D494A;
    private const string Columns = """
        id, upload_id, request::text, started_by, state, progress::text, outcome::text, failure, failure_code, cancel_requested, owner,
        created_at, finished_at
        """;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);

    /// <summary>This instance as named in <c>import_jobs.owner</c>: host name, process id and 32 random bits.</summary>
    public string Instance { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    private TimeSpan Heartbeat => TimeSpan.FromSeconds(options.Value.HeartbeatSeconds > 0 ? options.Value.HeartbeatSeconds : 1);

    /// <summary>Queues <paramref name="request"/> as a new job of <paramref name="startedBy"/> (a user id) and returns it at once.</summary>
    public async Task<ImportJob> StartAsync(string uploadId, ImportRequest request, string? startedBy, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await using var insert = dataSource.CreateCommand($"""
            INSERT INTO import_jobs (id, upload_id, request, started_by, state, progress, cancel_requested, created_at)
            VALUES ($1, $2, $3::jsonb, $4, 'Queued', $5::jsonb, false, now())
            RETURNING {Columns}
            """);
        insert.Parameters.Add(new() { Value = id });
        insert.Parameters.Add(new() { Value = uploadId });
        insert.Parameters.Add(new() { Value = JsonSerializer.Serialize(request, StoredJson.Options) });
        insert.Parameters.Add(new() { Value = (object?)startedBy ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        insert.Parameters.Add(new() { Value = JsonSerializer.Serialize(new ImportProgress("queued", 0, 0), StoredJson.Options) });
        var job = (await ReadAsync(insert, cancellationToken))!;
        _wake.Release();
        return job;
    }

    /// <summary>
    /// The job with <paramref name="id"/>, or null (unknown, or forgotten <see cref="ImportOptions.ExpiryHours"/> after it
    /// finished). A running job whose instance is lost is marked Failed first, so that no reader ever sees it running forever.
    /// </summary>
    public async Task<ImportJob?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await FailLostAsync(id, cancellationToken);
        return await SelectAsync(id, cancellationToken);
    }

    /// <summary>
    /// Cancels job <paramref name="id"/>: a queued job at once (Cancelled); a running one is marked, and its instance cancels
    /// its work and rolls its transaction back at its next heartbeat (at once when it runs here). Returns the job as it now is.
    /// </summary>
    public async Task<(ImportJobCancellation Result, ImportJob? Job)> CancelAsync(string id, CancellationToken cancellationToken)
    {
        await FailLostAsync(id, cancellationToken);
        await using var update = dataSource.CreateCommand($"""
            UPDATE import_jobs SET cancel_requested = true,
                state = CASE WHEN state = 'Queued' THEN 'Cancelled' ELSE state END,
                failure_code = CASE WHEN state = 'Queued' THEN $2 ELSE failure_code END,
                finished_at = CASE WHEN state = 'Queued' THEN now() ELSE finished_at END
            WHERE id = $1 AND state IN ('Queued', 'Running')
            RETURNING {Columns}
            """);
        update.Parameters.Add(new() { Value = id });
        update.Parameters.Add(new() { Value = ImportProblemCodes.JobCancelled });
        if (await ReadAsync(update, cancellationToken) is { } cancelled)
        {
            if (_running.TryGetValue(id, out var running)) await running.CancelAsync();
            return (ImportJobCancellation.Cancelled, cancelled);
        }
        // Lost jobs were marked failed above: the row is read as it is.
        return await SelectAsync(id, cancellationToken) is { } finished
            ? (ImportJobCancellation.AlreadyFinished, finished)
            : (ImportJobCancellation.Unknown, null);
    }

    /// <summary>
    /// Jobs queued or running on every instance (rows of <c>import_jobs</c>): the import queue's length reported by the
    /// service's metrics; null when the database cannot be reached.
    /// </summary>
    public async Task<int?> CountPendingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var count = dataSource.CreateCommand("SELECT count(*)::int FROM import_jobs WHERE state IN ('Queued', 'Running')");
            return (int)(await count.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (Exception e) when (DatabaseUnavailable.IsCause(e))
        {
            return null;
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FailLostAsync(null, stoppingToken);
                while (await ClaimAsync(stoppingToken) is { } job) await RunAsync(job, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (DatabaseUnavailable.IsCause(e))
            {
                // The database may be away for a while: the worker looks again at the next beat.
                logger.LogWarning("Import worker {Instance}: the database cannot be reached ({Reason})", Instance, e.Message);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Import worker {Instance} failed; it looks again at the next beat", Instance);
            }
            try
            {
                await _wake.WaitAsync(Heartbeat, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // Marks running jobs whose heartbeat stopped as failed (one job, or all), and forgets expired finished jobs.
    private async Task FailLostAsync(string? id, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new("""
            UPDATE import_jobs SET state = 'Failed', failure_code = $1, finished_at = now()
            WHERE state = 'Running' AND heartbeat < now() - make_interval(secs => $2) AND ($3::text IS NULL OR id = $3)
            """)
        {
            Parameters =
            {
                new() { Value = ImportProblemCodes.JobInstanceLost }, new() { Value = options.Value.JobTimeoutSeconds },
                new() { Value = (object?)id ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
            },
        });
        if (id is null)
            batch.BatchCommands.Add(new("DELETE FROM import_jobs WHERE finished_at < now() - make_interval(hours => $1)")
            {
                Parameters = { new() { Value = (int)Math.Ceiling(options.Value.ExpiryHours) } },
            });
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    // The oldest queued job, now Running and owned by this instance; null when none is queued or one runs anywhere.
    private async Task<ImportJob?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockClaims = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            lockClaims.Parameters.Add(new() { Value = ClaimLock });
            await lockClaims.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var claim = new NpgsqlCommand($"""
            WITH next AS (
                SELECT id AS next_id FROM import_jobs WHERE state = 'Queued' AND NOT EXISTS (SELECT FROM import_jobs WHERE state = 'Running')
                ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
            UPDATE import_jobs SET state = 'Running', owner = $1, heartbeat = now(), progress = $2::jsonb
            FROM next WHERE id = next.next_id
            RETURNING {Columns}
            """, connection, transaction);
        claim.Parameters.Add(new() { Value = Instance });
        claim.Parameters.Add(new() { Value = JsonSerializer.Serialize(new ImportProgress("reading", 0, 0), StoredJson.Options) });
        var job = await ReadAsync(claim, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return job;
    }

    private async Task RunAsync(ImportJob job, CancellationToken stopping)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _running[job.Id] = cancel;
        using var beating = new CancellationTokenSource();
        var heartbeat = BeatAsync(job, cancel, beating.Token);
        string state;
        ImportOutcome? outcome = null;
        string? failure = null, failureCode = null;
        try
        {
            job.Report(new ImportProgress("reading", 0, 0));
            if (await uploads.FindAsync(job.UploadId, cancel.Token) is not { } upload)
            {
                (state, failureCode) = (nameof(ImportJobState.Failed), ImportProblemCodes.JobUploadGone);
            }
            else
            {
                await using var scope = scopes.CreateAsyncScope();
                var pipeline = scope.ServiceProvider.GetRequiredService<ImportPipeline>();
                outcome = await pipeline.RunAsync(job.Request with { Path = upload.Path }, job, cancel.Token);
                state = outcome.Accepted ? nameof(ImportJobState.Succeeded) : nameof(ImportJobState.Rejected);
                job.Report(job.Progress with { Stage = "done", Fraction = 1 });
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // An orderly stop: the transaction was rolled back, so another instance can run the job from the start.
            (state, failureCode) = (nameof(ImportJobState.Queued), null);
            job.Report(new ImportProgress("queued", 0, 0));
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            logger.LogInformation("Import job {Job} of {File} cancelled; its transaction was rolled back", job.Id, job.Request.FileName);
            (state, failureCode) = (nameof(ImportJobState.Cancelled), ImportProblemCodes.JobCancelled);
        }
        catch (Exception e) when (DatabaseUnavailable.IsCause(e))
        {
            // The transaction never committed: PostgreSQL rolls back what a lost connection had written.
            logger.LogWarning("Import job {Job} of {File} failed: the database cannot be reached ({Reason}); nothing was written",
                job.Id, job.Request.FileName, e.Message);
            (state, failure, failureCode) = (nameof(ImportJobState.Failed), e.Message, Messages.ImportFailedDatabaseUnavailable);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Import job {Job} of {File} failed", job.Id, job.Request.FileName);
            (state, failure) = (nameof(ImportJobState.Failed), e.Message);
        }
        finally
        {
            _running.TryRemove(job.Id, out _);
            await beating.CancelAsync();
            await heartbeat;
        }

        // Written even while the service stops, and again every second while the database is away (it may be restarting)
        // until the job would be taken for lost; only while this instance still owns the job (not failed as lost meanwhile).
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(Math.Max(1, options.Value.JobTimeoutSeconds));
        while (true)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await using var finish = dataSource.CreateCommand("""
                    UPDATE import_jobs SET state = $3, progress = $4::jsonb, outcome = $5::jsonb, failure = $6, failure_code = $7,
                        finished_at = CASE WHEN $3 = 'Queued' THEN NULL ELSE now() END,
                        owner = CASE WHEN $3 = 'Queued' THEN NULL ELSE owner END
                    WHERE id = $1 AND owner = $2 AND state = 'Running'
                    """);
                finish.Parameters.Add(new() { Value = job.Id });
                finish.Parameters.Add(new() { Value = Instance });
                finish.Parameters.Add(new() { Value = state });
                finish.Parameters.Add(new() { Value = JsonSerializer.Serialize(job.Progress, StoredJson.Options) });
                finish.Parameters.Add(new() { Value = outcome is null ? DBNull.Value : JsonSerializer.Serialize(outcome, StoredJson.Options), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                finish.Parameters.Add(new() { Value = (object?)failure ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                finish.Parameters.Add(new() { Value = (object?)failureCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                await finish.ExecuteNonQueryAsync(timeout.Token);
                return;
            }
            catch (Exception e) when ((e is OperationCanceledException || DatabaseUnavailable.IsCause(e)) && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
            catch (Exception e) when (e is OperationCanceledException || DatabaseUnavailable.IsCause(e))
            {
                // The job stays Running until its heartbeat is too old, then any instance marks it failed.
                logger.LogWarning("Import job {Job}: its end ({State}) could not be written: {Reason}", job.Id, state, e.Message);
                return;
            }
        }
    }

    // Every heartbeat: the progress and the time written, cancellation read. Cancels the work when asked to, or when the job
    // is no longer this instance's (marked failed as lost after a long pause).
    private async Task BeatAsync(ImportJob job, CancellationTokenSource cancel, CancellationToken done)
    {
        using var timer = new PeriodicTimer(Heartbeat);
        try
        {
            while (await timer.WaitForNextTickAsync(done))
            {
                try
                {
                    await using var beat = dataSource.CreateCommand("""
                        UPDATE import_jobs SET heartbeat = now(), progress = $3::jsonb WHERE id = $1 AND owner = $2 AND state = 'Running'
                        RETURNING cancel_requested
                        """);
                    beat.Parameters.Add(new() { Value = job.Id });
                    beat.Parameters.Add(new() { Value = Instance });
                    beat.Parameters.Add(new() { Value = JsonSerializer.Serialize(job.Progress, StoredJson.Options) });
                    if (await beat.ExecuteScalarAsync(done) is not false) await cancel.CancelAsync();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Import job {Job}: heartbeat failed: {Reason}", job.Id, e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The job ended.
        }
    }

    private async Task<ImportJob?> SelectAsync(string id, CancellationToken cancellationToken)
    {
        await using var select = dataSource.CreateCommand($"SELECT {Columns} FROM import_jobs WHERE id = $1");
        select.Parameters.Add(new() { Value = id });
        return await ReadAsync(select, cancellationToken);
    }

    private static async Task<ImportJob?> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var row = new SqlRow(reader);
        var request = JsonSerializer.Deserialize<ImportRequest>(row.Get<string>("request"), StoredJson.Options)!;
        var job = new ImportJob(row.Get<string>("id"), row.Get<string>("upload_id"), request, row.Get<DateTimeOffset>("created_at"))
        {
            StartedBy = row.NullableString("started_by"),
            State = Enum.Parse<ImportJobState>(row.Get<string>("state")),
            Outcome = row.NullableString("outcome") is { } outcome ? JsonSerializer.Deserialize<ImportOutcome>(outcome, StoredJson.Options) : null,
            Failure = row.NullableString("failure"),
            FailureMessage = row.NullableString("failure_code"),
            CancelRequested = row.Get<bool>("cancel_requested"),
            Owner = row.NullableString("owner"),
            Finished = row.Nullable<DateTimeOffset>("finished_at"),
        };
        job.Report(JsonSerializer.Deserialize<ImportProgress>(row.Get<string>("progress"), StoredJson.Options)!);
        return job;
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
