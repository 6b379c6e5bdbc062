using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.Attachments;

/// <summary>
/// The stable codes of the problems and field errors of hazard attachments (texts in <c>Resources/Messages*.resx</c>,
/// see <see cref="ProblemCodes"/>). The limits are those of <see cref="AttachmentRules"/>.
/// </summary>
[ProblemCodeList]
public static class AttachmentProblemCodes
{
    // Problem-level codes (title + detail).

    /// <summary>
    /// 404: no attachment has the id, or its hazard lies outside the caller's townships (both answer the same, so that ids
    /// cannot be probed); args: id, parameter.
    /// </summary>
    [ProblemTitle]
    public const string AttachmentUnknown = "attachment.unknown";
    /// <summary>413: the file is larger than the limit; args: the limit in MiB. Refused before the rest of the body is read.</summary>
    [ProblemTitle]
    public const string TooLarge = "attachment.too-large";
    /// <summary>409: the hazard already has the most attachments it may have; args: the limit.</summary>
    [ProblemTitle]
    public const string LimitReached = "attachment.limit-reached";
    /// <summary>415: the body must be multipart/form-data with a boundary.</summary>
    [ProblemTitle]
    public const string MultipartRequired = "attachment.multipart-required";

    // Field-level codes (message only).

    /// <summary>The file is neither JPEG, PNG nor PDF judged from its bytes (whatever its name or declared type); args: the declared media type.</summary>
    public const string TypeRefused = "attachment.type-refused";
    /// <summary>The file starts like a JPEG or PNG but cannot be decoded as one.</summary>
    public const string ImageUnreadable = "attachment.image-unreadable";
    /// <summary>The multipart body cannot be read: its framing is broken or a part's headers are too long (field <c>body</c>).</summary>
    public const string FormUnreadable = "attachment.form-unreadable";
    /// <summary>The image decodes to more pixels than allowed; args: the limit in megapixels.</summary>
    public const string ImageTooManyPixels = "attachment.image-too-many-pixels";
}
