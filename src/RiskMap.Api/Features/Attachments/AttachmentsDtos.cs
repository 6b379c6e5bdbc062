using RiskMap.Api.Data;

namespace RiskMap.Api.Features.Attachments;

/// <summary>
/// The form of <c>POST /api/v1/hazards/{id}/attachments</c> (multipart/form-data), for the API definition: the
/// handler reads the body as a stream, so that a file over the limit is refused before the rest is read.
/// </summary>
/// <param name="Kind">Before, After or Document (case does not matter); required.</param>
/// <param name="File">The file: JPEG, PNG or PDF judged from its bytes, at most 20 MiB; required. Its name is kept for display and download.</param>
public sealed record AttachmentUploadForm(AttachmentKind Kind, IFormFile File);

/// <summary>
/// An attachment of a hazard with what its photo says about itself. Answered in lists and by the upload (its Location
/// is <see cref="Url"/>).
/// </summary>
/// <param name="Id">Attachment id.</param>
/// <param name="HazardId">The hazard.</param>
/// <param name="Kind">Before, After or Document.</param>
/// <param name="FileName">The name the uploader gave (control and direction characters and folders removed).</param>
/// <param name="MediaType">image/jpeg, image/png or application/pdf, judged from the bytes.</param>
/// <param name="SizeBytes">Size of the file in bytes.</param>
/// <param name="Sha256">SHA-256 of the bytes, 64 lower-case hexadecimal digits; the same bytes are stored once.</param>
/// <param name="UploadedBy">User name of the uploader.</param>
/// <param name="UploadedAt">When it was uploaded (UTC).</param>
/// <param name="TakenAt">The photo's EXIF DateTimeOriginal (the camera's local clock, no zone), or null.</param>
/// <param name="Longitude">The photo's EXIF GPS longitude in degrees (WGS-84), or null.</param>
/// <param name="Latitude">The photo's EXIF GPS latitude in degrees (WGS-84), or null.</param>
/// <param name="DistanceMetres">Metres from the enterprise's location to the photo's position (on the WGS-84 spheroid), or null without a position.</param>
/// <param name="FarFromEnterprise">True when the photo was taken more than 500 m from the enterprise (flagged, never refused).</param>
/// <param name="TakenBeforeFound">True when the photo's day is before the day the hazard was found (flagged, never refused).</param>
/// <param name="Url">Where the original is downloaded.</param>
/// <param name="ThumbnailUrl">Where its thumbnail (JPEG) is read.</param>
public sealed record AttachmentInfo(
    long Id, long HazardId, AttachmentKind Kind, string FileName, string MediaType, long SizeBytes, string Sha256, string UploadedBy,
    DateTimeOffset UploadedAt, DateTime? TakenAt, double? Longitude, double? Latitude, double? DistanceMetres, bool FarFromEnterprise,
    bool TakenBeforeFound, string Url, string ThumbnailUrl);

/// <summary>The attachments of a hazard, oldest first.</summary>
/// <param name="HazardId">The hazard.</param>
/// <param name="Limit">The most attachments a hazard may have (50).</param>
/// <param name="Items">The attachments, oldest first.</param>
public sealed record HazardAttachmentList(long HazardId, int Limit, IReadOnlyList<AttachmentInfo> Items);
