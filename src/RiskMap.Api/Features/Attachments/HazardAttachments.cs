using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using RiskMap.Api.Data;

namespace RiskMap.Api.Features.Attachments;

/// <summary>The limits of attachments (issue 14's evidence rules).</summary>
public static class AttachmentRules
{
    /// <summary>The largest file accepted: 20 MiB.</summary>
    public const long MaxBytes = 20L * 1024 * 1024;
    /// <summary>The most attachments one hazard may have.</summary>
    public const int MaxPerHazard = 50;
    /// <summary>A photo taken further than this from its enterprise, in metres, is flagged.</summary>
    public const double FlagDistanceMetres = 500;
    /// <summary>The longest file name kept, in characters.</summary>
    public const int FileNameLength = 255;
}

/// <summary>
/// Stores, lists and checks the attachments of hazards. The bytes go into <c>attachment_blobs</c> keyed by their
/// SHA-256 (<c>INSERT … ON CONFLICT DO NOTHING</c>: the same bytes are stored once, even when two uploads race), the
/// attachment row into <c>attachments</c>. Callers hold the transaction.
/// </summary>
public static class HazardAttachments
{
    /// <summary>
    /// True when hazard <paramref name="hazardId"/> has at least one After attachment that is a photo (JPEG or PNG), the
    /// evidence a major hazard needs before acceptance. Call it inside the acceptance's transaction so that the answer
    /// holds for the write. Uses the index on (hazard_id, kind).
    /// </summary>
    public static Task<bool> HasAfterPhotoAsync(RiskMapDbContext db, long hazardId, CancellationToken cancellationToken)
        => db.Attachments.AnyAsync(a => a.HazardId == hazardId && a.Kind == AttachmentKind.After && a.Blob!.MediaType != "application/pdf",
            cancellationToken);

    /// <summary>
    /// Locks hazard <paramref name="hazardId"/> (<c>SELECT … FOR NO KEY UPDATE</c>, which leaves its version unchanged)
    /// and counts its attachments, so that two uploads racing for the last place cannot both take it.
    /// </summary>
    public static async Task<int> LockAndCountAsync(RiskMapDbContext db, long hazardId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM hazards WHERE id = {hazardId} FOR NO KEY UPDATE", cancellationToken);
        return await db.Attachments.CountAsync(a => a.HazardId == hazardId, cancellationToken);
    }

    /// <summary>
    /// Adds an attachment of <paramref name="kind"/> to hazard <paramref name="hazardId"/> with <paramref name="bytes"/>
    /// of <paramref name="type"/> (judged by <see cref="AttachmentContent.Judge"/>) and, for a photo, what
    /// <paramref name="image"/> read from it. The blob is inserted unless the same bytes are already stored.
    /// </summary>
    /// <returns>The saved attachment (its <see cref="Attachment.Id"/> set).</returns>
    public static async Task<Attachment> AddAsync(RiskMapDbContext db, long hazardId, AttachmentKind kind, string fileName, byte[] bytes,
        AttachmentFileType type, ImageFacts? image, string uploadedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var mediaType = AttachmentContent.MediaType(type);
        var thumbnail = image?.Thumbnail;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO attachment_blobs (sha256, media_type, size_bytes, content, thumbnail, stored_at)
            VALUES ({sha256}, {mediaType}, {(long)bytes.Length}, {bytes}, {thumbnail}, {now})
            ON CONFLICT (sha256) DO NOTHING
            """, cancellationToken);
        var attachment = new Attachment
        {
            HazardId = hazardId, Kind = kind, Sha256 = sha256, FileName = DownloadName(fileName, mediaType), UploadedBy = uploadedBy,
            UploadedAt = now, TakenAt = image?.TakenAt,
            TakenWhere = image is { Longitude: { } lon, Latitude: { } lat } ? new Point(lon, lat) { SRID = 4326 } : null,
        };
        db.Attachments.Add(attachment);
        await db.SaveChangesAsync(cancellationToken);
        return attachment;
    }

    /// <summary>
    /// The attachments of hazard <paramref name="hazardId"/>, oldest first, with each photo's distance to the
    /// enterprise (<c>ST_Distance</c> on geography, metres) and its flags: further than
    /// <see cref="AttachmentRules.FlagDistanceMetres"/>, or taken on a day before the hazard was found.
    /// </summary>
    public static async Task<List<AttachmentInfo>> ListAsync(RiskMapDbContext db, long hazardId, CancellationToken cancellationToken)
    {
        var rows = await db.Attachments.AsNoTracking().Where(a => a.HazardId == hazardId).OrderBy(a => a.Id)
            .Select(a => new
            {
                a.Id, a.Kind, a.FileName, a.Blob!.MediaType, a.Blob.SizeBytes, a.Sha256, a.UploadedBy, a.UploadedAt, a.TakenAt, a.TakenWhere,
                Distance = a.TakenWhere == null ? (double?)null : EF.Functions.Distance(a.TakenWhere, a.Hazard!.Enterprise!.Location, true),
                a.Hazard!.FoundOn,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new AttachmentInfo(r.Id, hazardId, r.Kind, r.FileName, r.MediaType, r.SizeBytes, r.Sha256, r.UploadedBy,
            r.UploadedAt, r.TakenAt, r.TakenWhere?.X, r.TakenWhere?.Y, r.Distance is { } d ? Math.Round(d, 1) : null,
            r.Distance > AttachmentRules.FlagDistanceMetres,
            r.TakenAt is { } taken && DateOnly.FromDateTime(taken) < r.FoundOn,
            Url(r.Id), Url(r.Id) + "/thumbnail")).ToList();
    }

    /// <summary>The path of attachment <paramref name="id"/>'s original.</summary>
    public static string Url(long id) => "/api/v1/attachments/" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The name a file is shown and downloaded under: <paramref name="given"/> without folders, control, format
    /// (bidirectional overrides that disguise an extension) or unpaired surrogate characters, cut to
    /// <see cref="AttachmentRules.FileNameLength"/>, with the extension of <paramref name="mediaType"/> added when its own
    /// is not one (a PNG named photo.pdf is offered as photo.pdf.png, never opened as a PDF); <c>attachment</c> when
    /// nothing is left.
    /// </summary>
    public static string DownloadName(string? given, string mediaType)
    {
        var text = given ?? "";
        text = text[(text.LastIndexOfAny(['/', '\\']) + 1)..];
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { kept.Append(c).Append(text[++i]); continue; }
            if (char.IsSurrogate(c)) continue;
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format) continue;
            kept.Append(c);
        }
        var name = kept.ToString().Trim().Trim('.').Trim();
        if (name.Length == 0) name = "attachment";
        var extensions = AttachmentContent.Extensions(mediaType);
        if (!extensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase))) name += extensions[0];
        if (name.Length > AttachmentRules.FileNameLength)
        {
            var extension = Path.GetExtension(name);
            var cut = AttachmentRules.FileNameLength - extension.Length;
            if (char.IsHighSurrogate(name[cut - 1])) cut--;
            name = name[..cut] + extension;
        }
        return name;
    }
}
