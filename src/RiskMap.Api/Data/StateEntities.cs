namespace RiskMap.Api.Data;

/// <summary>
/// An uploaded import file, its bytes in the database so that any instance can preview and import it
/// (Features/Import/ImportUploads). Deleted <c>RiskMap:Import:ExpiryHours</c> after it was stored.
/// </summary>
public sealed class ImportUploadRecord
{
    /// <summary>32 lower-case hexadecimal characters (128 random bits).</summary>
    public required string Id { get; set; }
    /// <summary>The name it is stored under (the uploaded name made safe; its extension chooses the reader).</summary>
    public required string FileName { get; set; }
    /// <summary>Length of <see cref="Content"/> in bytes (at most 256 MiB).</summary>
    public long SizeBytes { get; set; }
    /// <summary>The file as uploaded.</summary>
    public required byte[] Content { get; set; }
    /// <summary>When it was stored.</summary>
    public DateTimeOffset StoredAt { get; set; }
    /// <summary>When it is deleted.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// An import job (Features/Import/ImportJobs): queued by the instance that received it, claimed by exactly one instance
/// (<c>FOR UPDATE SKIP LOCKED</c>), which writes its progress and a heartbeat while it runs and its outcome at the end.
/// </summary>
public sealed class ImportJobRecord
{
    /// <summary>32 lower-case hexadecimal characters (128 random bits).</summary>
    public required string Id { get; set; }
    /// <summary>The upload it imports (<see cref="ImportUploadRecord.Id"/>; no foreign key: a finished job outlives nothing it needs).</summary>
    public required string UploadId { get; set; }
    /// <summary>What it does: the import request as JSON (its file path is set by the instance that runs it).</summary>
    public required string Request { get; set; }
    /// <summary>Id of the user who started it.</summary>
    public string? StartedBy { get; set; }
    /// <summary>Queued, Running, Succeeded, Rejected, Failed or Cancelled.</summary>
    public required string State { get; set; }
    /// <summary>The last progress reported, as JSON (stage, rows, fraction).</summary>
    public required string Progress { get; set; }
    /// <summary>The outcome once Succeeded or Rejected, as JSON of codes (texts are written when it is read).</summary>
    public string? Outcome { get; set; }
    /// <summary>The message of an unexpected error (Failed).</summary>
    public string? Failure { get; set; }
    /// <summary>The resource key of a known reason for Failed or Cancelled, shown in the reader's language.</summary>
    public string? FailureCode { get; set; }
    /// <summary>True once someone asked to cancel it: the instance running it rolls its transaction back.</summary>
    public bool CancelRequested { get; set; }
    /// <summary>The instance running it (host name, process id and a random part); null while queued.</summary>
    public string? Owner { get; set; }
    /// <summary>When its instance last said it is alive; a running job whose heartbeat is older than the timeout is failed.</summary>
    public DateTimeOffset? Heartbeat { get; set; }
    /// <summary>When it was started (queued).</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When it finished (Succeeded, Rejected, Failed, Cancelled).</summary>
    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>A stored route plan (Features/Routing/RoutePlanStore), kept for its export links until <see cref="ExpiresAt"/>.</summary>
public sealed class RoutePlanRecord
{
    /// <summary>32 lower-case hexadecimal characters (128 random bits).</summary>
    public required string Id { get; set; }
    /// <summary>Id of the user who planned it: the store's quotas count per owner.</summary>
    public required string Owner { get; set; }
    /// <summary>When it was planned.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When it and its export links expire.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>The stored plan as JSON: the answer in WGS-84, the townships of its stops and its note.</summary>
    public required string Plan { get; set; }
}
