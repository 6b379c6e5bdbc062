using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using RiskMap.Api.Hosting;
using RiskMap.Api.Resources;

namespace RiskMap.Api.Features.Import;

/// <summary>Options under <c>RiskMap:Import</c>.</summary>
public sealed class ImportOptions
{
    /// <summary>Where uploaded files wait for their import. Default <c>&lt;checkout&gt;/.riskmap/imports</c> (git-ignored).</summary>
    public string? UploadDirectory { get; set; }

    /// <summary>How long an upload and a finished job are kept, in hours. Default 24.</summary>
    public double ExpiryHours { get; set; } = 24;

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
/// <param name="Path">Where it is stored.</param>
/// <param name="Bytes">Size.</param>
/// <param name="ExpiresAt">When it is deleted.</param>
public sealed record StoredUpload(string Id, string FileName, string Path, long Bytes, DateTimeOffset ExpiresAt);

/// <summary>
/// Keeps uploaded files in <see cref="ImportOptions.UploadDirectory"/>, one folder per upload, until they expire
/// (checked whenever a file is saved). The folders are mode 0700 and the files 0600 (<see cref="PrivateFiles"/>).
/// </summary>
public sealed class ImportUploads(IOptions<ImportOptions> options, TimeProvider time)
{
    private string Root => options.Value.UploadDirectory ?? Path.Combine(RiskMapPaths.State, "imports");

    /// <summary>Stores <paramref name="content"/> under a new id.</summary>
    public async Task<StoredUpload> SaveAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        DeleteExpired();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var safeName = SafeFileName(fileName);
        PrivateFiles.CreateDirectory(Root);
        var directory = PrivateFiles.CreateDirectory(System.IO.Path.Combine(Root, id));
        var path = System.IO.Path.Combine(directory.FullName, safeName);
        await using (var file = PrivateFiles.CreateFile(path)) await content.CopyToAsync(file, cancellationToken);
        return Describe(id, path)!;
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

    /// <summary>The upload with <paramref name="id"/>, or null when unknown or expired.</summary>
    public StoredUpload? Find(string id)
    {
        if (id.Length != 32 || !id.All(char.IsAsciiHexDigitLower)) return null;
        var directory = System.IO.Path.Combine(Root, id);
        if (!Directory.Exists(directory)) return null;
        var path = Directory.EnumerateFiles(directory).FirstOrDefault();
        var upload = path is null ? null : Describe(id, path);
        return upload is not null && upload.ExpiresAt > time.GetUtcNow() ? upload : null;
    }

    private StoredUpload? Describe(string id, string path)
    {
        var info = new FileInfo(path);
        return new StoredUpload(id, info.Name, path, info.Length, new DateTimeOffset(info.CreationTimeUtc, TimeSpan.Zero).AddHours(options.Value.ExpiryHours));
    }

    private void DeleteExpired()
    {
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
    /// <summary>Waiting for the import before it to finish (one import writes at a time).</summary>
    Queued,
    /// <summary>Reading and checking.</summary>
    Running,
    /// <summary>Accepted: written, or for a dry run, would be written.</summary>
    Succeeded,
    /// <summary>Rows were rejected; nothing was written.</summary>
    Rejected,
    /// <summary>An unexpected error; nothing was written.</summary>
    Failed,
}

/// <summary>An import running (or run) in the background.</summary>
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

    /// <summary>Its state.</summary>
    public ImportJobState State { get; internal set; } = ImportJobState.Queued;

    /// <summary>The last progress reported.</summary>
    public ImportProgress Progress { get; private set; } = new("queued", 0, 0);

    /// <summary>The answer once finished (Succeeded or Rejected).</summary>
    public ImportOutcome? Outcome { get; internal set; }

    /// <summary>The message of an unexpected error (Failed).</summary>
    public string? Failure { get; internal set; }

    /// <summary>
    /// When it failed for a known reason, the key of the message in <see cref="Messages"/> that says why (shown in the
    /// language of whoever asks) instead of <see cref="Failure"/>.
    /// </summary>
    public string? FailureMessage { get; internal set; }

    /// <summary>When it finished.</summary>
    public DateTimeOffset? Finished { get; internal set; }

    /// <summary>Completes when the job has finished.</summary>
    public Task Completion { get; internal set; } = Task.CompletedTask;

    /// <inheritdoc />
    public void Report(ImportProgress value) => Progress = value;
}

/// <summary>
/// Runs imports in the background so that no request waits for a long import: each job gets its own DI scope (its own
/// DbContext and connection), and jobs run one at a time, in the order they were started, so that two merges never
/// race. Finished jobs are forgotten after <see cref="ImportOptions.ExpiryHours"/>.
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, IOptions<ImportOptions> options, TimeProvider time,
    IHostApplicationLifetime lifetime, ILogger<ImportJobs> logger)
{
    private readonly ConcurrentDictionary<string, ImportJob> _jobs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Starts <paramref name="request"/> in the background and returns its job at once.</summary>
    public ImportJob Start(string uploadId, ImportRequest request)
    {
        foreach (var old in _jobs.Values.Where(j => j.Finished?.AddHours(options.Value.ExpiryHours) < time.GetUtcNow()))
            _jobs.TryRemove(old.Id, out _);
        var job = new ImportJob(Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)), uploadId, request, time.GetUtcNow());
        _jobs[job.Id] = job;
        job.Completion = Task.Run(() => RunAsync(job));
        return job;
    }

    /// <summary>The job with <paramref name="id"/>, or null.</summary>
    public ImportJob? Find(string id) => _jobs.GetValueOrDefault(id);

    /// <summary>Jobs queued or running: the import queue's length reported by the service's metrics.</summary>
    public int Pending => _jobs.Values.Count(j => j.State is ImportJobState.Queued or ImportJobState.Running);

    private async Task RunAsync(ImportJob job)
    {
        var stopping = lifetime.ApplicationStopping;
        try
        {
            await _oneAtATime.WaitAsync(stopping);
            try
            {
                job.State = ImportJobState.Running;
                job.Report(new ImportProgress("reading", 0, 0));
                await using var scope = scopes.CreateAsyncScope();
                var pipeline = scope.ServiceProvider.GetRequiredService<ImportPipeline>();
                var outcome = await pipeline.RunAsync(job.Request, job, stopping);
                job.Outcome = outcome;
                job.State = outcome.Accepted ? ImportJobState.Succeeded : ImportJobState.Rejected;
                job.Report(job.Progress with { Stage = "done", Fraction = 1 });
            }
            finally
            {
                _oneAtATime.Release();
            }
        }
        catch (Exception e) when (DatabaseUnavailable.IsCause(e))
        {
            // The transaction never committed: PostgreSQL rolls back what a lost connection had written.
            logger.LogWarning("Import job {Job} of {File} failed: the database cannot be reached ({Reason}); nothing was written",
                job.Id, job.Request.FileName, e.Message);
            job.Failure = e.Message;
            job.FailureMessage = Messages.ImportFailedDatabaseUnavailable;
            job.State = ImportJobState.Failed;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Import job {Job} of {File} failed", job.Id, job.Request.FileName);
            job.Failure = e.Message;
            job.State = ImportJobState.Failed;
        }
        finally
        {
            job.Finished = time.GetUtcNow();
        }
    }
}
