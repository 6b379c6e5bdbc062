using System.Text;
using RiskMap.Api.Features.Attachments;
using SkiaSharp;

namespace RiskMap.UnitTests.Features;

public sealed class AttachmentContentTests
{
    private static byte[] Drawn(SKEncodedImageFormat format, int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        surface.Canvas.Clear(SKColors.Red);
        using var paint = new SKPaint { Color = SKColors.Blue };
        surface.Canvas.DrawRect(SKRect.Create(0, 0, width / 2f, height), paint); // left half blue: shows which way the thumbnail turned
        using var image = surface.Snapshot();
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    public static TheoryData<string, byte[], AttachmentFileType> Files => new()
    {
        { "JPEG/JFIF", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], AttachmentFileType.Jpeg },
        { "JPEG/EXIF", [0xFF, 0xD8, 0xFF, 0xE1, 0, 0x10], AttachmentFileType.Jpeg },
        { "PNG", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0], AttachmentFileType.Png },
        { "PDF", Encoding.ASCII.GetBytes("%PDF-1.7\n"), AttachmentFileType.Pdf },
        { "text", Encoding.UTF8.GetBytes("这不是照片"), AttachmentFileType.Refused },
        { "PNG signature cut short", [0x89, 0x50, 0x4E, 0x47], AttachmentFileType.Refused },
        { "SOI alone", [0xFF, 0xD8], AttachmentFileType.Refused },
        { "PDF after a BOM", Encoding.UTF8.GetPreamble().Concat(Encoding.ASCII.GetBytes("%PDF-1.7")).ToArray(), AttachmentFileType.Refused },
        { "GIF", Encoding.ASCII.GetBytes("GIF89a"), AttachmentFileType.Refused },
        { "HTML", Encoding.ASCII.GetBytes("<html><script>"), AttachmentFileType.Refused },
        { "empty", [], AttachmentFileType.Refused },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void The_type_is_judged_from_the_first_bytes(string what, byte[] bytes, AttachmentFileType expected)
        => Assert.True(AttachmentContent.Judge(bytes) == expected, what);

    [Theory]
    [InlineData("plan.pdf", "image/png", "plan.pdf.png")]
    [InlineData("照片.JPG", "image/jpeg", "照片.JPG")]
    [InlineData("photo.jpeg", "image/jpeg", "photo.jpeg")]
    [InlineData("C:\\Users\\张三\\整改后.png", "image/png", "整改后.png")]
    [InlineData("../../etc/passwd", "application/pdf", "passwd.pdf")]
    [InlineData("invoice\u202Egpj.pdf", "application/pdf", "invoicegpj.pdf")]
    [InlineData("a\0b\r\n.png", "image/png", "ab.png")]
    [InlineData("😀.png", "image/png", "😀.png")]
    [InlineData("", "image/jpeg", "attachment.jpg")]
    [InlineData("..", "image/jpeg", "attachment.jpg")]
    public void A_download_name_keeps_the_given_name_cleaned_with_the_real_types_extension(string given, string mediaType, string expected)
        => Assert.Equal(expected, HazardAttachments.DownloadName(given, mediaType));

    [Fact]
    public void An_unpaired_surrogate_is_dropped_from_a_name()
        => Assert.Equal("x.png", HazardAttachments.DownloadName("\ud800x\udc00.png", "image/png"));

    [Fact]
    public void A_long_name_is_cut_to_255_characters_keeping_its_extension()
    {
        var name = HazardAttachments.DownloadName(new string('名', 300) + ".png", "image/png");
        Assert.Equal(AttachmentRules.FileNameLength, name.Length);
        Assert.EndsWith("名.png", name);
    }

    [Fact]
    public void The_exif_written_for_the_demo_is_read_back_by_MetadataExtractor()
    {
        var jpeg = JpegExif.Insert(Drawn(SKEncodedImageFormat.Jpeg, 64, 48), new DateTime(2022, 7, 12, 9, 35, 7), -26.4171234, -111.6098765);
        var (takenAt, longitude, latitude) = AttachmentContent.ReadExif(jpeg);
        Assert.Equal(new DateTime(2022, 7, 12, 9, 35, 7), takenAt);
        Assert.Equal(-26.4171234, latitude!.Value, 1e-6); // seconds to 1/10000: 3 mm
        Assert.Equal(-111.6098765, longitude!.Value, 1e-6);
        Assert.Equal(AttachmentFileType.Jpeg, AttachmentContent.Judge(jpeg));
    }

    [Fact]
    public void A_photo_without_exif_has_no_time_or_position_and_still_gets_a_thumbnail()
    {
        var facts = AttachmentContent.ReadImage(Drawn(SKEncodedImageFormat.Png, 1000, 500), out var tooLarge);
        Assert.False(tooLarge);
        Assert.Null(facts!.TakenAt);
        Assert.Null(facts.Longitude);
        using var thumbnail = SKBitmap.Decode(facts.Thumbnail);
        Assert.Equal((320, 160), (thumbnail.Width, thumbnail.Height));
        Assert.Equal(AttachmentFileType.Jpeg, AttachmentContent.Judge(facts.Thumbnail));
    }

    [Fact]
    public void An_image_declaring_more_pixels_than_allowed_is_not_decoded()
    {
        // A PNG header claiming 20,000 × 20,000 pixels (400 megapixels) with no image data behind it.
        var png = Drawn(SKEncodedImageFormat.Png, 4, 4);
        png[16] = 0; png[17] = 0; png[18] = 0x4E; png[19] = 0x20; // IHDR width 20000
        png[20] = 0; png[21] = 0; png[22] = 0x4E; png[23] = 0x20; // IHDR height 20000
        var crc = Crc32(png.AsSpan(12, 17)); // chunk type and data (ISO/IEC 15948, 5.3)
        png[29] = (byte)(crc >> 24); png[30] = (byte)(crc >> 16); png[31] = (byte)(crc >> 8); png[32] = (byte)crc;
        var facts = AttachmentContent.ReadImage(png, out var tooLarge);
        Assert.Null(facts);
        Assert.True(tooLarge);
    }

    /// <summary>The CRC-32 of PNG chunks (ISO/IEC 15948, annex D: polynomial 0xEDB88320, reflected).</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return crc ^ 0xFFFFFFFFu;
    }

    [Fact]
    public void The_pdf_thumbnail_is_a_jpeg_page()
    {
        using var page = SKBitmap.Decode(AttachmentContent.PdfThumbnail);
        Assert.Equal((240, AttachmentContent.ThumbnailPixels), (page.Width, page.Height));
    }
}
