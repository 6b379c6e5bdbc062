using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using RiskMap.Api.Contract;
using RiskMap.Api.Data;
using RiskMap.Api.Features.Accounts;
using RiskMap.Api.Features.Field;
using RiskMap.Api.Features.Hazards;

namespace RiskMap.Api.Features.Attachments;

/// <summary>
/// Maps the evidence of hazards: upload a photo or document to a hazard, list a hazard's attachments with their EXIF
/// facts and flags, download an original, read a thumbnail. Every endpoint answers an attachment or hazard outside the
/// caller's townships exactly like an unknown id (404).
/// </summary>
public static class AttachmentsApi
{
    /// <summary>Room for the multipart framing and the kind field beyond the file itself, in bytes.</summary>
    private const long FormOverheadBytes = 64 * 1024;

    /// <summary>Maps the endpoints on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapAttachments(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("").WithTags("Attachments").RequireAuthorization(Policies.Read)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet("/hazards/{id:long}/attachments", ListAttachments).WithName("ListHazardAttachments")
            .WithSummary("The photos and documents attached to a hazard, oldest first, with each photo's EXIF time, position and flags.")
            .WithDescription("Each attachment with its kind, file name, media type judged from its bytes, size, SHA-256, uploader and time; " +
                             "for a photo, its EXIF DateTimeOriginal and GPS position, its distance to the enterprise in metres and two " +
                             "flags: farFromEnterprise (more than 500 m away) and takenBeforeFound (a day before the hazard was found). " +
                             "Flags never refuse a photo. A hazard outside the caller's townships is 404, like an unknown id.")
            .Produces<HazardAttachmentList>(StatusCodes.Status200OK, "application/json");
        read.MapGet("/attachments/{id:long}", GetOriginal).WithName("GetAttachment")
            .WithSummary("Downloads an attachment's original bytes, as a download (Content-Disposition: attachment).")
            .WithDescription("Served with the media type judged from the bytes at upload (image/jpeg, image/png or application/pdf), " +
                             "Content-Disposition: attachment with the file name, and X-Content-Type-Options: nosniff, so that a browser " +
                             "never renders an upload inside the service's origin. An attachment of a hazard outside the caller's " +
                             "townships is 404, like an unknown id.")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "image/jpeg", "image/png", "application/pdf");
        read.MapGet("/attachments/{id:long}/thumbnail", GetThumbnail).WithName("GetAttachmentThumbnail")
            .WithSummary("An attachment's thumbnail: a JPEG re-encoded from the image, at most 320 pixels on its longer side.")
            .WithDescription("Photos are decoded and re-encoded at upload, upright per their EXIF orientation; a PDF gets one generic " +
                             "drawn page (PDFs are not rendered). An attachment of a hazard outside the caller's townships is 404, " +
                             "like an unknown id.")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "image/jpeg");

        var write = api.MapGroup("").WithTags("Attachments").RequireAuthorization(Policies.Write)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        write.MapPost("/hazards/{id:long}/attachments", Upload).WithName("AttachToHazard")
            .WithSummary("Attaches a photo or document to a hazard (multipart/form-data: kind, file).")
            .WithDescription("kind is Before, After or Document. The file's type is judged from its first bytes — JPEG, PNG or PDF; " +
                             "anything else is 400 whatever its name or declared type. At most 20 MiB (413, answered as soon as the " +
                             "declared length or the bytes read pass it, before the rest is read) and 50 attachments per hazard " +
                             "(409). The bytes are stored once per SHA-256 in the database; a photo's EXIF time and GPS position are " +
                             "kept and a thumbnail re-encoded. Who may change the hazard, and an inspector of its township, may " +
                             "attach; a hazard outside the caller's townships is 404. " + IdempotentWrites.Described)
            .Idempotent()
            // "*/*" as well, so that the router's content-type check (which would answer 415 before authorization) lets every
            // body through: authorization answers 401/403 first, then the handler 415 for a body that is not multipart.
            .Accepts<AttachmentUploadForm>(isOptional: true, "multipart/form-data", "*/*")
            .Produces<AttachmentInfo>(StatusCodes.Status201Created, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return api;
    }

    /// <summary>The attachments of hazard <paramref name="id"/>; 404 <see cref="HazardProblemCodes.HazardUnknown"/> when unknown or outside <paramref name="scope"/>.</summary>
    /// <param name="id">Hazard id.</param>
    /// <param name="scope">The townships the caller may read.</param>
    /// <param name="db">The database.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    internal static async Task<Results<Ok<HazardAttachmentList>, ProblemHttpResult>> ListAttachments(long id, ReadScope scope, RiskMapDbContext db,
        CancellationToken cancellationToken)
    {
        if (await ReadableHazardAsync(db, id, scope, cancellationToken) is null) return UnknownHazard(id);
        return TypedResults.Ok(new HazardAttachmentList(id, AttachmentRules.MaxPerHazard, await HazardAttachments.ListAsync(db, id, cancellationToken)));
    }

    /// <summary>The original of attachment <paramref name="id"/>; 404 <see cref="AttachmentProblemCodes.AttachmentUnknown"/> when unknown or outside <paramref name="scope"/>.</summary>
    /// <param name="id">Attachment id.</param>
    /// <param name="scope">The townships the caller may read.</param>
    /// <param name="db">The database.</param>
    /// <param name="http">The request, whose response gets <c>X-Content-Type-Options: nosniff</c>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetOriginal(long id, ReadScope scope, RiskMapDbContext db,
        HttpContext http, CancellationToken cancellationToken)
    {
        var found = await ReadableAttachments(db, scope).Where(a => a.Id == id)
            .Select(a => new { a.FileName, a.Blob!.MediaType, a.Blob.Content }).FirstOrDefaultAsync(cancellationToken);
        if (found is null) return UnknownAttachment(id);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(found.Content, found.MediaType, found.FileName);
    }

    /// <summary>The thumbnail of attachment <paramref name="id"/>; 404 <see cref="AttachmentProblemCodes.AttachmentUnknown"/> when unknown or outside <paramref name="scope"/>.</summary>
    /// <param name="id">Attachment id.</param>
    /// <param name="scope">The townships the caller may read.</param>
    /// <param name="db">The database.</param>
    /// <param name="http">The request, whose response gets <c>X-Content-Type-Options: nosniff</c>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetThumbnail(long id, ReadScope scope, RiskMapDbContext db,
        HttpContext http, CancellationToken cancellationToken)
    {
        var found = await ReadableAttachments(db, scope).Where(a => a.Id == id)
            .Select(a => new { a.Blob!.Thumbnail }).FirstOrDefaultAsync(cancellationToken);
        if (found is null) return UnknownAttachment(id);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, max-age=3600";
        return TypedResults.File(found.Thumbnail ?? AttachmentContent.PdfThumbnail, "image/jpeg");
    }

    /// <summary>
    /// Stores an upload. In this order: 404 (hazard unknown or unreadable), 403 (not the caller's to change), 415 (not
    /// multipart), 413 (declared or read length over 20 MiB), 400 (kind or file missing or wrong, type refused, image
    /// unreadable), 409 (50 attachments already).
    /// </summary>
    /// <param name="id">Hazard id.</param>
    /// <param name="http">The request, whose body is read as a stream.</param>
    /// <param name="user">The caller.</param>
    /// <param name="db">The database.</param>
    /// <param name="time">The clock.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    internal static async Task<Results<Created<AttachmentInfo>, ProblemHttpResult>> Upload(long id, HttpContext http, ClaimsPrincipal user,
        RiskMapDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var hazard = await ReadableHazardAsync(db, id, ReadScope.For(user), cancellationToken);
        if (hazard is null) return UnknownHazard(id);
        if (!WriteAccess.Allows(user, WriteKind.AttachEvidence, hazard.Enterprise!.TownshipCode, hazard.Sector))
            return Problems.Of(StatusCodes.Status403Forbidden, Records.RecordProblemCodes.NotYoursToChange, null, hazard.EnterpriseId);

        var form = await ReadFormAsync(http.Request, cancellationToken);
        if (form.Problem is { } problem) return problem;
        var errors = new List<FieldError>();
        var kind = ParseKind(form.Kind, errors);
        if (form.File is null || form.File.Length == 0) errors.Add(new FieldError("file", ProblemCodes.Required));
        var type = form.File is { Length: > 0 } bytes ? AttachmentContent.Judge(bytes) : AttachmentFileType.Refused;
        if (form.File is { Length: > 0 } && type == AttachmentFileType.Refused)
            errors.Add(new FieldError("file", AttachmentProblemCodes.TypeRefused, form.DeclaredType ?? "—"));
        ImageFacts? image = null;
        if (type is AttachmentFileType.Jpeg or AttachmentFileType.Png)
        {
            image = AttachmentContent.ReadImage(form.File!, out var tooLarge);
            if (image is null)
            {
                errors.Add(tooLarge
                    ? new FieldError("file", AttachmentProblemCodes.ImageTooManyPixels, AttachmentContent.MaxDecodedPixels / 1_000_000)
                    : new FieldError("file", AttachmentProblemCodes.ImageUnreadable));
            }
        }
        if (errors.Count > 0) return Problems.Invalid(errors);

        // Joined when the request carries an Idempotency-Key: its key row commits with the attachment (IdempotentWrites).
        await using var transaction = await JoinedTransaction.BeginOrJoinAsync(db, cancellationToken);
        if (await HazardAttachments.LockAndCountAsync(db, id, cancellationToken) >= AttachmentRules.MaxPerHazard)
            return Problems.Of(StatusCodes.Status409Conflict, AttachmentProblemCodes.LimitReached, "id", AttachmentRules.MaxPerHazard);
        var attachment = await HazardAttachments.AddAsync(db, id, kind!.Value, form.FileName ?? "", form.File!, type, image,
            user.Identity!.Name!, time.GetUtcNow(), cancellationToken);
        Audit.Add(db, user, "hazard.attachment", "hazard", id.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
            new { attachmentId = attachment.Id, kind = attachment.Kind.ToString(), attachment.FileName, attachment.Sha256, mediaType = AttachmentContent.MediaType(type) });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var info = (await HazardAttachments.ListAsync(db, id, cancellationToken)).Single(a => a.Id == attachment.Id);
        return TypedResults.Created(info.Url, info);
    }

    /// <summary>What the multipart body held, or the problem that stopped reading it.</summary>
    private sealed record UploadForm(string? Kind, byte[]? File, string? FileName, string? DeclaredType, ProblemHttpResult? Problem);

    /// <summary>
    /// Reads the multipart body section by section (Microsoft.AspNetCore.WebUtilities' MultipartReader): the field
    /// <c>kind</c> (at most 64 bytes kept) and the first field <c>file</c>, whose bytes are copied only up to
    /// <see cref="AttachmentRules.MaxBytes"/> + 1; a declared Content-Length beyond the limit is refused before anything
    /// is read. Other fields are skipped.
    /// </summary>
    private static async Task<UploadForm> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        static UploadForm Stop(ProblemHttpResult problem) => new(null, null, null, null, problem);
        var unreadable = TypedResults.Problem(Problems.InvalidDetails([new FieldError("body", AttachmentProblemCodes.FormUnreadable)], ProblemCodes.RequestUnreadable));
        var tooLarge = Problems.Of(StatusCodes.Status413PayloadTooLarge, AttachmentProblemCodes.TooLarge, "file", AttachmentRules.MaxBytes / (1024 * 1024));
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return Stop(Problems.Of(StatusCodes.Status415UnsupportedMediaType, AttachmentProblemCodes.MultipartRequired));
        }
        if (request.ContentLength > AttachmentRules.MaxBytes + FormOverheadBytes) return Stop(tooLarge);

        string? kind = null, fileName = null, declared = null;
        byte[]? file = null;
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024, BodyLengthLimit = AttachmentRules.MaxBytes + FormOverheadBytes };
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (name == "kind" && kind is null)
                {
                    var buffer = new byte[64];
                    var read = await section.Body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
                    kind = System.Text.Encoding.UTF8.GetString(buffer, 0, read);
                }
                else if (name == "file" && file is null)
                {
                    fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                    declared = section.ContentType;
                    using var copy = new MemoryStream();
                    var chunk = new byte[81920];
                    int read;
                    while ((read = await section.Body.ReadAsync(chunk, cancellationToken)) > 0)
                    {
                        if (copy.Length + read > AttachmentRules.MaxBytes) return Stop(tooLarge);
                        copy.Write(chunk, 0, read);
                    }
                    file = copy.ToArray();
                }
            }
        }
        catch (InvalidDataException)
        {
            // Malformed framing, or a section past BodyLengthLimit (only the file's may be that long).
            return Stop(request.ContentLength is null or > AttachmentRules.MaxBytes ? tooLarge : unreadable);
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            return Stop(unreadable);
        }
        return new UploadForm(kind, file, fileName, declared, null);
    }

    /// <summary>The kind named by <paramref name="text"/> (a declared name, any case), or null with the field error added.</summary>
    private static AttachmentKind? ParseKind(string? text, List<FieldError> errors)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value)) { errors.Add(new FieldError("kind", ProblemCodes.Required)); return null; }
        var name = Enum.GetNames<AttachmentKind>().FirstOrDefault(n => n.Equals(value, StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            errors.Add(new FieldError("kind", ProblemCodes.FormatOneOf, value, string.Join(", ", Enum.GetNames<AttachmentKind>())));
            return null;
        }
        return Enum.Parse<AttachmentKind>(name);
    }

    private static Task<Hazard?> ReadableHazardAsync(RiskMapDbContext db, long id, ReadScope scope, CancellationToken cancellationToken)
    {
        var townships = scope.AsArray();
        return db.Hazards.Include(h => h.Enterprise).AsNoTracking()
            .Where(h => h.Id == id && (townships == null || townships.Contains(h.Enterprise!.TownshipCode!)))
            .FirstOrDefaultAsync(cancellationToken);
    }

    private static IQueryable<Attachment> ReadableAttachments(RiskMapDbContext db, ReadScope scope)
    {
        var townships = scope.AsArray();
        return db.Attachments.AsNoTracking().Where(a => townships == null || townships.Contains(a.Hazard!.Enterprise!.TownshipCode!));
    }

    private static ProblemHttpResult UnknownHazard(long id) => Problems.NotFound(HazardProblemCodes.HazardUnknown, "id", id);

    private static ProblemHttpResult UnknownAttachment(long id) => Problems.NotFound(AttachmentProblemCodes.AttachmentUnknown, "id", id);
}
