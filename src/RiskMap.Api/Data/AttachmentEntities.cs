using NetTopologySuite.Geometries;

namespace RiskMap.Api.Data;

/// <summary>What an attachment of a hazard shows: the hazard before or after rectification, or a document.</summary>
public enum AttachmentKind
{
    /// <summary>A photo of the hazard as found (整改前).</summary>
    Before,
    /// <summary>A photo of the hazard once rectified (整改后), the evidence acceptance looks for.</summary>
    After,
    /// <summary>A document: a rectification plan, a notice, an acceptance record (PDF or a scan).</summary>
    Document,
}

/// <summary>
/// The bytes of an uploaded file, stored once whatever the number of attachments that carry them: the key is the
/// SHA-256 of the bytes (64 lower-case hexadecimal digits). Kept in PostgreSQL (<c>bytea</c>) so that a database
/// backup holds the evidence with the records.
/// </summary>
public sealed class AttachmentBlob
{
    /// <summary>SHA-256 of <see cref="Content"/>, 64 lower-case hexadecimal digits.</summary>
    public required string Sha256 { get; set; }
    /// <summary>The media type judged from the bytes: <c>image/jpeg</c>, <c>image/png</c> or <c>application/pdf</c>.</summary>
    public required string MediaType { get; set; }
    /// <summary>Length of <see cref="Content"/> in bytes.</summary>
    public long SizeBytes { get; set; }
    /// <summary>The bytes as uploaded.</summary>
    public required byte[] Content { get; set; }
    /// <summary>A JPEG re-encoded from an image, at most 320 pixels on its longer side; null for a PDF.</summary>
    public byte[]? Thumbnail { get; set; }
    /// <summary>When the bytes were first stored.</summary>
    public DateTimeOffset StoredAt { get; set; }
}

/// <summary>A photo or document attached to a hazard as rectification evidence.</summary>
public sealed class Attachment
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>The hazard.</summary>
    public long HazardId { get; set; }
    /// <summary>Before, After or Document.</summary>
    public AttachmentKind Kind { get; set; }
    /// <summary>The <see cref="AttachmentBlob"/> holding the bytes.</summary>
    public required string Sha256 { get; set; }
    /// <summary>The file name the uploader gave (shown and offered on download; never used to judge the type).</summary>
    public required string FileName { get; set; }
    /// <summary>User name of the uploader.</summary>
    public required string UploadedBy { get; set; }
    /// <summary>When it was uploaded.</summary>
    public DateTimeOffset UploadedAt { get; set; }
    /// <summary>The photo's own time (EXIF DateTimeOriginal, the camera's local clock, no zone), when it has one.</summary>
    public DateTime? TakenAt { get; set; }
    /// <summary>The photo's position (EXIF GPS, WGS-84, SRID 4326), when it has one.</summary>
    public Point? TakenWhere { get; set; }
    /// <summary>The hazard.</summary>
    public Hazard? Hazard { get; set; }
    /// <summary>The bytes.</summary>
    public AttachmentBlob? Blob { get; set; }
}
