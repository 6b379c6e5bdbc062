using Microsoft.EntityFrameworkCore;
using RiskMap.Api.Data;
using RiskMap.Api.Domain;
using RiskMap.Api.Features.Reports;
using SkiaSharp;

namespace RiskMap.Api.Features.Attachments;

/// <summary>
/// The demo district's evidence: photos drawn with SkiaSharp (a wall with a warning sign, before; the same wall
/// with a guard rail and a tick, after), given EXIF times and positions by <see cref="JpegExif"/>, and one rectification
/// plan drawn as a PDF, attached to the first <see cref="Hazards"/> closed major hazards (by id) through
/// <see cref="HazardAttachments.AddAsync"/>, the code uploads use. Nothing is downloaded; attachments move no published figure.
/// Two photos are meant to be flagged: one after photo taken 2 km from its enterprise and one before photo dated the
/// day before its hazard was found.
/// </summary>
public static class DemoEvidence
{
    /// <summary>How many hazards get photos.</summary>
    public const int Hazards = 6;

    /// <summary>The user name the demo attachments are uploaded by.</summary>
    public const string UploadedBy = "demo";

    /// <summary>Attaches the demo evidence; returns a line saying what was attached.</summary>
    public static async Task<string> AttachAsync(RiskMapDbContext db, CancellationToken cancellationToken)
    {
        var hazards = await db.Hazards.AsNoTracking()
            .Where(h => h.Level == HazardLevel.Major && h.Status == HazardStatus.Closed)
            .OrderBy(h => h.Id).Take(Hazards)
            .Select(h => new { h.Id, h.Reference, h.FoundOn, h.RectifiedOn, h.ClosedOn, h.Enterprise!.Location })
            .ToListAsync(cancellationToken);
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var count = 0;
        for (var i = 0; i < hazards.Count; i++)
        {
            var h = hazards[i];
            var (lon, lat) = (h.Location.X, h.Location.Y);
            var metresPerDegreeLon = 111_320 * Math.Cos(lat * Math.PI / 180);
            var before = Photo(h.Reference!, after: false, i);
            var beforeDay = i == Hazards - 2 ? h.FoundOn.AddDays(-1) : h.FoundOn;
            before = JpegExif.Insert(before, beforeDay.ToDateTime(new TimeOnly(9, 30 + i)), lat + 30 / 111_320.0, lon);
            await AddAsync(db, h.Id, AttachmentKind.Before, $"{h.Reference}-整改前.jpg", before, now, cancellationToken);
            var afterDay = h.RectifiedOn ?? h.ClosedOn!.Value;
            var east = i == Hazards - 1 ? 2_000 : 40;
            var after = JpegExif.Insert(Photo(h.Reference!, after: true, i), afterDay.ToDateTime(new TimeOnly(15, 10 + i)), lat, lon + east / metresPerDegreeLon);
            await AddAsync(db, h.Id, AttachmentKind.After, $"{h.Reference}-整改后.jpg", after, now, cancellationToken);
            count += 2;
        }
        if (hazards.Count > 0)
        {
            await AddAsync(db, hazards[0].Id, AttachmentKind.Document, $"{hazards[0].Reference}-整改方案.pdf", Plan(hazards[0].Reference!), now, cancellationToken);
            count++;
        }
        return $"evidence: {count} attachments on {hazards.Count} hazards";
    }

    private static async Task AddAsync(RiskMapDbContext db, long hazardId, AttachmentKind kind, string name, byte[] bytes, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var type = AttachmentContent.Judge(bytes);
        var image = type == AttachmentFileType.Pdf ? null
            : AttachmentContent.ReadImage(bytes, out _) ?? throw new InvalidOperationException($"The demo photo {name} does not decode.");
        await HazardAttachments.AddAsync(db, hazardId, kind, name, bytes, type, image, UploadedBy, now, cancellationToken);
    }

    /// <summary>A 640 × 480 JPEG: a brick wall and a floor; before, a leaning gas cylinder under a warning sign; after, the cylinder chained upright behind a rail with a green tick.</summary>
    public static byte[] Photo(string reference, bool after, int variant)
    {
        const int w = 640, h = 480;
        using var surface = SKSurface.Create(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        var c = surface.Canvas;
        c.Clear(new SKColor(0xD6, 0xC7, 0xB0));
        using var brick = new SKPaint { Color = new SKColor((byte)(0xA0 + variant * 8), 0x52, 0x3A), IsAntialias = true };
        using var mortar = new SKPaint { Color = new SKColor(0xCF, 0xC4, 0xB4), Style = SKPaintStyle.Stroke, StrokeWidth = 3 };
        for (var row = 0; row < 9; row++)
        for (var col = -1; col < 9; col++)
        {
            var r = SKRect.Create(col * 80 + (row % 2) * 40, row * 36, 80, 36);
            c.DrawRect(r, brick);
            c.DrawRect(r, mortar);
        }
        using var floor = new SKPaint { Color = new SKColor(0x8A, 0x8F, 0x96) };
        c.DrawRect(new SKRect(0, 324, w, h), floor);
        using var cylinder = new SKPaint { Color = after ? new SKColor(0x25, 0x63, 0xEB) : new SKColor(0x3B, 0x82, 0xF6), IsAntialias = true };
        c.Save();
        c.RotateDegrees(after ? 0 : 18, 300, 420);
        c.DrawRoundRect(new SKRect(270, 200, 330, 420), 24, 24, cylinder);
        c.Restore();
        using var font = new SKFont(BulletinFonts.Bold, 30);
        if (after)
        {
            using var rail = new SKPaint { Color = new SKColor(0xEA, 0xB3, 0x08), StrokeWidth = 10, Style = SKPaintStyle.Stroke, IsAntialias = true };
            c.DrawLine(200, 300, 420, 300, rail);
            c.DrawLine(210, 300, 210, 430, rail);
            c.DrawLine(410, 300, 410, 430, rail);
            using var tick = new SKPaint { Color = new SKColor(0x16, 0xA3, 0x4A), StrokeWidth = 18, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round, IsAntialias = true };
            c.DrawLine(470, 110, 510, 150, tick);
            c.DrawLine(510, 150, 590, 60, tick);
        }
        else
        {
            using var sign = new SKPaint { Color = new SKColor(0xFA, 0xCC, 0x15), IsAntialias = true };
            using var edge = new SKPaint { Color = SKColors.Black, StrokeWidth = 6, Style = SKPaintStyle.Stroke, IsAntialias = true };
            using var builder = new SKPathBuilder();
            builder.MoveTo(530, 40); builder.LineTo(600, 160); builder.LineTo(460, 160); builder.Close();
            using var triangle = builder.Detach();
            c.DrawPath(triangle, sign);
            c.DrawPath(triangle, edge);
            using var mark = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            c.DrawText("!", 530, 148, SKTextAlign.Center, new SKFont(BulletinFonts.Bold, 80), mark);
        }
        using var label = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var shade = new SKPaint { Color = new SKColor(0, 0, 0, 150) };
        c.DrawRect(new SKRect(0, 0, 360, 50), shade);
        c.DrawText($"{(after ? "整改后" : "整改前")} {reference}", 12, 36, SKTextAlign.Left, font, label);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }

    /// <summary>A one-page A4 PDF titled 整改方案 with the hazard's reference, drawn by SkiaSharp's PDF backend.</summary>
    public static byte[] Plan(string reference)
    {
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream))
        {
            var canvas = document.BeginPage(595, 842);
            using var title = new SKFont(BulletinFonts.Bold, 24);
            using var body = new SKFont(BulletinFonts.Regular, 14);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            canvas.DrawText("隐患整改方案", 297, 90, SKTextAlign.Center, title, ink);
            canvas.DrawText($"隐患编号：{reference}", 72, 150, SKTextAlign.Left, body, ink);
            canvas.DrawText("整改措施、资金、责任人、时限和临时安全措施（演示文件）。", 72, 180, SKTextAlign.Left, body, ink);
            document.EndPage();
            document.Close();
        }
        return stream.ToArray();
    }
}
