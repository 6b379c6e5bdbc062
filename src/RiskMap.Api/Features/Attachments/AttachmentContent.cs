using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using SkiaSharp;

namespace RiskMap.Api.Features.Attachments;

/// <summary>The file types an attachment may be, judged from the first bytes of the file (never its name or header).</summary>
public enum AttachmentFileType
{
    /// <summary>Neither JPEG, PNG nor PDF.</summary>
    Refused,
    /// <summary>JPEG: starts FF D8 FF (ISO/IEC 10918-1 SOI marker followed by a segment marker).</summary>
    Jpeg,
    /// <summary>PNG: starts with the 8-byte signature 89 50 4E 47 0D 0A 1A 0A (ISO/IEC 15948, section 5.2).</summary>
    Png,
    /// <summary>PDF: starts <c>%PDF-</c> (ISO 32000-1, section 7.5.2).</summary>
    Pdf,
}

/// <summary>What an uploaded image says about itself: its EXIF time and position and a re-encoded thumbnail.</summary>
/// <param name="TakenAt">EXIF DateTimeOriginal (the camera's local clock, no zone), or null.</param>
/// <param name="Longitude">EXIF GPS longitude in degrees (WGS-84), or null.</param>
/// <param name="Latitude">EXIF GPS latitude in degrees (WGS-84), or null.</param>
/// <param name="Thumbnail">JPEG of at most <see cref="AttachmentContent.ThumbnailPixels"/> pixels on its longer side.</param>
public sealed record ImageFacts(DateTime? TakenAt, double? Longitude, double? Latitude, byte[] Thumbnail);

/// <summary>
/// Judges an upload's type from its magic number, reads a photo's EXIF (MetadataExtractor) and re-encodes a thumbnail
/// (SkiaSharp), so that what is shown to other users is pixels the service wrote, never the uploaded file itself.
/// </summary>
public static class AttachmentContent
{
    /// <summary>The longer side of a thumbnail, in pixels.</summary>
    public const int ThumbnailPixels = 320;

    /// <summary>
    /// The most pixels an image may decode to (50 megapixels, after the JPEG decoder's own 1/2, 1/4, 1/8 down-scaling):
    /// a small file that declares a huge image must not take the service's memory.
    /// </summary>
    public const long MaxDecodedPixels = 50_000_000;

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> PdfSignature => "%PDF-"u8;

    /// <summary>The type of <paramref name="bytes"/> from its first bytes.</summary>
    public static AttachmentFileType Judge(ReadOnlySpan<byte> bytes)
        => bytes is [0xFF, 0xD8, 0xFF, ..] ? AttachmentFileType.Jpeg
            : bytes.StartsWith(PngSignature) ? AttachmentFileType.Png
            : bytes.StartsWith(PdfSignature) ? AttachmentFileType.Pdf
            : AttachmentFileType.Refused;

    /// <summary>The media type of <paramref name="type"/>: image/jpeg, image/png or application/pdf.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="AttachmentFileType.Refused"/>.</exception>
    public static string MediaType(AttachmentFileType type) => type switch
    {
        AttachmentFileType.Jpeg => "image/jpeg",
        AttachmentFileType.Png => "image/png",
        AttachmentFileType.Pdf => "application/pdf",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The usual file name extensions of <paramref name="mediaType"/>, the first one preferred.</summary>
    public static string[] Extensions(string mediaType) => mediaType switch
    {
        "image/jpeg" => [".jpg", ".jpeg"],
        "image/png" => [".png"],
        _ => [".pdf"],
    };

    /// <summary>
    /// Decodes the image <paramref name="bytes"/> (JPEG or PNG), reads its EXIF and draws its thumbnail, upright per
    /// its EXIF orientation, on white (a transparent PNG has no black background). Null when the bytes are not a
    /// decodable image or decode to more than <see cref="MaxDecodedPixels"/>; <paramref name="tooLarge"/> tells which.
    /// </summary>
    public static ImageFacts? ReadImage(byte[] bytes, out bool tooLarge)
    {
        tooLarge = false;
        using var codec = SKCodec.Create(new SKMemoryStream(bytes));
        if (codec is null) return null;
        var full = codec.Info;
        var scale = Math.Min(1f, (float)ThumbnailPixels / Math.Max(1, Math.Max(full.Width, full.Height)));
        var size = codec.GetScaledDimensions(scale);
        if ((long)size.Width * size.Height > MaxDecodedPixels || size.Width <= 0 || size.Height <= 0)
        {
            tooLarge = size.Width > 0 && size.Height > 0;
            return null;
        }
        using var decoded = new SKBitmap(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var result = codec.GetPixels(decoded.Info, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput)) return null;

        var thumbnail = Thumbnail(decoded, codec.EncodedOrigin);
        var (takenAt, longitude, latitude) = ReadExif(bytes);
        return new ImageFacts(takenAt, longitude, latitude, thumbnail);
    }

    /// <summary>
    /// The EXIF DateTimeOriginal and GPS position of <paramref name="bytes"/>, each null when absent or not readable: a
    /// photo without EXIF, or with EXIF the library cannot read, is still a photo (flagged as having no position,
    /// never refused). A position outside ±180°/±90° or exactly 0,0 (an unset receiver) counts as none.
    /// </summary>
    public static (DateTime? TakenAt, double? Longitude, double? Latitude) ReadExif(byte[] bytes)
    {
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            directories = ImageMetadataReader.ReadMetadata(new MemoryStream(bytes, writable: false));
        }
        // The metadata is a courtesy: whatever a malformed segment makes the library throw, the upload is still judged
        // by its pixels (decoded above) and stored without EXIF facts.
        catch (Exception e) when (e is ImageProcessingException or IOException or ArgumentException or IndexOutOfRangeException
                                      or InvalidOperationException or OverflowException or FormatException or NotSupportedException)
        {
            return (null, null, null);
        }
        DateTime? takenAt = null;
        foreach (var directory in directories.OfType<ExifSubIfdDirectory>())
        {
            if (directory.TryGetDateTime(ExifDirectoryBase.TagDateTimeOriginal, out var time)) { takenAt = time; break; }
        }
        var location = directories.OfType<GpsDirectory>().Select(d => d.GetGeoLocation()).FirstOrDefault(l => l is not null);
        if (location is null || location.IsZero || !double.IsFinite(location.Latitude) || !double.IsFinite(location.Longitude)
            || Math.Abs(location.Latitude) > 90 || Math.Abs(location.Longitude) > 180)
        {
            return (takenAt, null, null);
        }
        return (takenAt, location.Longitude, location.Latitude);
    }

    private static byte[] Thumbnail(SKBitmap decoded, SKEncodedOrigin origin)
    {
        var turned = origin is SKEncodedOrigin.RightTop or SKEncodedOrigin.LeftBottom or SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightBottom;
        var (width, height) = turned ? (decoded.Height, decoded.Width) : (decoded.Width, decoded.Height);
        var scale = Math.Min(1f, (float)ThumbnailPixels / Math.Max(width, height));
        var (w, h) = (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
        using var surface = SKSurface.Create(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        // EXIF orientation (TIFF 6.0 tag 274): rotate the stored pixels so that the thumbnail is upright.
        canvas.Translate(w / 2f, h / 2f);
        switch (origin)
        {
            case SKEncodedOrigin.BottomRight: canvas.RotateDegrees(180); break;
            case SKEncodedOrigin.RightTop: canvas.RotateDegrees(90); break;
            case SKEncodedOrigin.LeftBottom: canvas.RotateDegrees(270); break;
            case SKEncodedOrigin.TopRight: canvas.Scale(-1, 1); break;
            case SKEncodedOrigin.BottomLeft: canvas.Scale(1, -1); break;
            case SKEncodedOrigin.LeftTop: canvas.RotateDegrees(90); canvas.Scale(1, -1); break;
            case SKEncodedOrigin.RightBottom: canvas.RotateDegrees(270); canvas.Scale(1, -1); break;
        }
        var (dw, dh) = turned ? (h, w) : (w, h);
        using var image = SKImage.FromBitmap(decoded);
        canvas.DrawImage(image, new SKRect(-dw / 2f, -dh / 2f, dw / 2f, dh / 2f), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Jpeg, 82);
        return data.ToArray();
    }

    /// <summary>
    /// The thumbnail of every PDF: a page with a folded corner and the letters PDF, drawn once (PDFs are not rendered,
    /// so that no PDF interpreter runs on uploaded files).
    /// </summary>
    public static byte[] PdfThumbnail => PdfThumbnailBytes.Value;

    private static readonly Lazy<byte[]> PdfThumbnailBytes = new(() =>
    {
        const int w = 240, h = ThumbnailPixels;
        using var surface = SKSurface.Create(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(0xF3, 0xF4, 0xF6));
        using var page = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var edge = new SKPaint { Color = new SKColor(0x6B, 0x72, 0x80), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 4 };
        using var builder = new SKPathBuilder();
        builder.MoveTo(40, 30); builder.LineTo(160, 30); builder.LineTo(200, 70); builder.LineTo(200, 290); builder.LineTo(40, 290); builder.Close();
        using var outline = builder.Detach();
        canvas.DrawPath(outline, page);
        canvas.DrawPath(outline, edge);
        canvas.DrawLine(160, 30, 160, 70, edge);
        canvas.DrawLine(160, 70, 200, 70, edge);
        using var band = new SKPaint { Color = new SKColor(0xB9, 0x1C, 0x1C), IsAntialias = true };
        canvas.DrawRect(new SKRect(40, 170, 200, 230), band);
        using var font = new SKFont(SKTypeface.Default, 44);
        using var text = new SKPaint { Color = SKColors.White, IsAntialias = true };
        canvas.DrawText("PDF", w / 2f, 216, SKTextAlign.Center, font, text);
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    });
}
