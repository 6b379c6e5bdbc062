using System.Globalization;
using SkiaSharp;

namespace RiskMap.Api.Features.Reports;

/// <summary>
/// The bulletin's trend figure: hazards found per month as bars and hazards open at each month's end as a line, on one
/// axis with round ticks, labelled in Chinese. Drawn on any canvas (a PDF page) or as a PNG (Word, HTML).
/// </summary>
public static class TrendChart
{
    private static readonly SKColor BarColor = new(0x4a, 0x7e, 0xbb);
    private static readonly SKColor LineColor = new(0xc0, 0x39, 0x2b);

    /// <summary>The chart as a PNG of <paramref name="width"/> × <paramref name="height"/> pixels, drawn at <paramref name="scale"/> pixels per point.</summary>
    public static byte[] Png(IReadOnlyList<MonthPoint> months, int width, int height, float scale)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.Scale(scale);
        Draw(surface.Canvas, new SKRect(0, 0, width / scale, height / scale), months);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Draws the chart into <paramref name="area"/> (points) of <paramref name="canvas"/>.</summary>
    public static void Draw(SKCanvas canvas, SKRect area, IReadOnlyList<MonthPoint> months)
    {
        using var font = new SKFont(BulletinFonts.Regular, 8);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var grid = new SKPaint { Color = new SKColor(0xdd, 0xdd, 0xdd), StrokeWidth = 0.5f, Style = SKPaintStyle.Stroke };
        using var bar = new SKPaint { Color = BarColor, IsAntialias = true };
        using var line = new SKPaint { Color = LineColor, StrokeWidth = 1.5f, Style = SKPaintStyle.Stroke, IsAntialias = true };
        using var dot = new SKPaint { Color = LineColor, IsAntialias = true };

        var plot = new SKRect(area.Left + 36, area.Top + 22, area.Right - 10, area.Bottom - 30);
        var max = Math.Max(1, months.Count == 0 ? 1 : months.Max(m => Math.Max(m.HazardsFound, m.OpenAtEnd)));
        var step = NiceStep(max / 5.0);
        var top = Math.Ceiling(max / step) * step;
        float Y(double v) => (float)(plot.Bottom - v / top * plot.Height);

        for (var v = 0.0; v <= top + step / 2; v += step)
        {
            canvas.DrawLine(plot.Left, Y(v), plot.Right, Y(v), grid);
            BulletinFonts.DrawText(canvas, v.ToString("0", CultureInfo.InvariantCulture), plot.Left - 4, Y(v) + 3, SKTextAlign.Right, font, ink);
        }
        BulletinFonts.DrawText(canvas, "项", plot.Left - 4, plot.Top - 8, SKTextAlign.Right, font, ink);

        var slot = months.Count == 0 ? plot.Width : plot.Width / months.Count;
        var labelEvery = Math.Max(1, (int)Math.Ceiling(22 / slot));
        SKPoint? previous = null;
        for (var i = 0; i < months.Count; i++)
        {
            var m = months[i];
            var centre = plot.Left + slot * (i + 0.5f);
            var half = Math.Min(slot * 0.3f, 14);
            canvas.DrawRect(new SKRect(centre - half, Y(m.HazardsFound), centre + half, plot.Bottom), bar);
            var point = new SKPoint(centre, Y(m.OpenAtEnd));
            if (previous is { } p) canvas.DrawLine(p, point, line);
            canvas.DrawCircle(point, 2, dot);
            previous = point;
            if (i % labelEvery == 0)
            {
                var label = m.From.Month == 1 || i == 0 ? $"{m.From.Year}年{m.From.Month}月" : $"{m.From.Month}月";
                BulletinFonts.DrawText(canvas, label, centre, plot.Bottom + 11, SKTextAlign.Center, font, ink);
            }
        }
        canvas.DrawLine(plot.Left, plot.Bottom, plot.Right, plot.Bottom, ink);

        var legendY = area.Bottom - 6;
        canvas.DrawRect(new SKRect(plot.Left, legendY - 7, plot.Left + 10, legendY), bar);
        BulletinFonts.DrawText(canvas, "当月排查隐患数", plot.Left + 14, legendY, SKTextAlign.Left, font, ink);
        var x = plot.Left + 14 + font.MeasureText("当月排查隐患数") + 16;
        canvas.DrawLine(x, legendY - 3.5f, x + 12, legendY - 3.5f, line);
        BulletinFonts.DrawText(canvas, "月末未整改隐患数", x + 16, legendY, SKTextAlign.Left, font, ink);
    }

    /// <summary>1, 2 or 5 times a power of ten, not below <paramref name="rough"/>.</summary>
    private static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(rough, 1))));
        foreach (var factor in new[] { 1.0, 2.0, 5.0, 10.0 })
            if (factor * power >= rough) return factor * power;
        return 10 * power;
    }
}
