using System.Globalization;
using SkiaSharp;

namespace RiskMap.Api.Features.Reports;

/// <summary>
/// Writes a bulletin as PDF through SkiaSharp's PDF backend (<see cref="SKDocument.CreatePdf(Stream, SKDocumentPdfMetadata)"/>):
/// A4 portrait pages (595 × 842 points), text in Noto Sans CJK SC (embedded as a subset, with its Unicode map so that
/// the text can be searched and extracted), lines broken at any character as Chinese text is, tables that continue on
/// the next page with their header repeated, the trend chart drawn as vectors, and page numbers.
/// </summary>
public sealed class BulletinPdf : IDisposable
{
    private const float PageWidth = 595.28f, PageHeight = 841.89f, Margin = 56f, Top = 60f, Bottom = 60f;
    private const float ContentWidth = PageWidth - 2 * Margin;

    private readonly SKDocument document;
    private readonly SKFont title = new(BulletinFonts.Bold, 18), heading = new(BulletinFonts.Bold, 13), body = new(BulletinFonts.Regular, 11),
        small = new(BulletinFonts.Regular, 8), cell = new(BulletinFonts.Regular, 7), cellBold = new(BulletinFonts.Bold, 7);
    private readonly SKPaint ink = new() { Color = SKColors.Black, IsAntialias = true };
    private readonly SKPaint rule = new() { Color = SKColors.Black, StrokeWidth = 0.5f, Style = SKPaintStyle.Stroke };
    private readonly SKPaint shade = new() { Color = new SKColor(0xee, 0xee, 0xee) };
    private SKCanvas? canvas;
    private float y;
    private int pages;

    private BulletinPdf(Stream output, string documentTitle)
        => document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata
        {
            Title = documentTitle, Creator = "RiskMap", Producer = "RiskMap (SkiaSharp)", RasterDpi = 300,
            Creation = DateTime.UtcNow, Modified = DateTime.UtcNow,
        });

    /// <summary>The bulletin <paramref name="blocks"/> as a PDF file.</summary>
    /// <exception cref="InvalidOperationException">Noto CJK is not installed (<see cref="BulletinFonts"/>).</exception>
    public static byte[] Write(IReadOnlyList<BulletinBlock> blocks, string documentTitle)
    {
        using var output = new MemoryStream();
        using (var pdf = new BulletinPdf(output, documentTitle))
        {
            foreach (var block in blocks) pdf.Add(block);
            pdf.Finish();
        }
        return output.ToArray();
    }

    private void Add(BulletinBlock block)
    {
        switch (block)
        {
            case BulletinHeading { Level: 0 } h:
                Text(h.Text, title, centred: true, indent: 0, after: 6);
                break;
            case BulletinHeading h:
                Space(6);
                Text(h.Text, heading, centred: false, indent: 0, after: 4);
                break;
            case BulletinParagraph p:
                Text(p.Text, p.Small ? small : body, p.Centered, p.Centered || p.Small ? 0 : 2 * body.Size, after: 4);
                break;
            case BulletinTable t:
                Table(t);
                break;
            case BulletinMap m:
            {
                // The sheet is drawn in millimetres; scaled to the text width, its proportions kept.
                var scale = ContentWidth / (float)m.Map.Sheet.WidthMm;
                var height = (float)m.Map.Sheet.HeightMm * scale;
                Need(height + 24);
                Canvas.Save();
                Canvas.Translate(Margin, y);
                Canvas.Scale(scale);
                Maps.MapRenderer.Draw(Canvas, m.Map);
                Canvas.Restore();
                y += height + 4;
                Text(m.Caption, small, centred: true, indent: 0, after: 6);
                break;
            }
            case BulletinChart c:
                Need(230);
                TrendChart.Draw(Canvas, new SKRect(Margin, y, Margin + ContentWidth, y + 210), c.Months);
                y += 214;
                Text(c.Caption, small, centred: true, indent: 0, after: 6);
                break;
        }
    }

    private SKCanvas Canvas => canvas ?? NewPage();

    private SKCanvas NewPage()
    {
        if (canvas is not null) document.EndPage();
        pages++;
        canvas = document.BeginPage(PageWidth, PageHeight);
        BulletinFonts.DrawText(canvas, $"— {pages.ToString(CultureInfo.InvariantCulture)} —", PageWidth / 2, PageHeight - Bottom / 2, SKTextAlign.Center, small, ink);
        y = Top;
        return canvas;
    }

    private void Need(float height)
    {
        if (canvas is null || y + height > PageHeight - Bottom) NewPage();
    }

    private void Space(float height) => y += height;

    private void Text(string text, SKFont font, bool centred, float indent, float after)
    {
        var lineHeight = font.Size * 1.5f;
        foreach (var line in Wrap(text, font, ContentWidth, indent))
        {
            Need(lineHeight);
            var x = centred ? PageWidth / 2 : Margin + line.Indent;
            BulletinFonts.DrawText(Canvas, line.Text, x, y + font.Size, centred ? SKTextAlign.Center : SKTextAlign.Left, font, ink);
            y += lineHeight;
        }
        y += after;
    }

    private void Table(BulletinTable table)
    {
        Need(40);
        Text(table.Caption, body, centred: true, indent: 0, after: 2);
        var total = table.Widths.Sum();
        var widths = table.Widths.Select(w => w / total * ContentWidth).ToArray();
        const float pad = 2f;
        var lineHeight = cell.Size * 1.35f;
        List<string>[] Lines(IReadOnlyList<string> cells, SKFont font)
            => cells.Select((c, i) => Wrap(c, font, widths[i] - 2 * pad, 0).Select(l => l.Text).ToList()).ToArray();
        float Height(List<string>[] lines) => lines.Max(l => Math.Max(1, l.Count)) * lineHeight + 2 * pad;
        void Row(List<string>[] lines, SKFont font, bool header)
        {
            var height = Height(lines);
            var x = Margin;
            if (header) Canvas.DrawRect(new SKRect(Margin, y, Margin + ContentWidth, y + height), shade);
            for (var i = 0; i < widths.Length; i++)
            {
                Canvas.DrawRect(new SKRect(x, y, x + widths[i], y + height), rule);
                for (var l = 0; l < lines[i].Count; l++)
                    BulletinFonts.DrawText(Canvas, lines[i][l], x + pad, y + pad + l * lineHeight + cell.Size, SKTextAlign.Left, font, ink);
                x += widths[i];
            }
            y += height;
        }
        var headerLines = Lines(table.Header, cellBold);
        var headerHeight = Height(headerLines);
        Need(headerHeight + lineHeight * 2);
        Row(headerLines, cellBold, header: true);
        foreach (var cells in table.Rows)
        {
            var lines = Lines(cells, cell);
            if (y + Height(lines) > PageHeight - Bottom)
            {
                NewPage();
                Row(headerLines, cellBold, header: true);
            }
            Row(lines, cell, header: false);
        }
        y += 8;
    }

    /// <summary>Breaks <paramref name="text"/> into lines no wider than <paramref name="width"/>, the first indented by <paramref name="indent"/>.</summary>
    private static List<(string Text, float Indent)> Wrap(string text, SKFont font, float width, float indent)
    {
        var lines = new List<(string, float)>();
        var start = 0;
        var lineIndent = indent;
        while (start < text.Length)
        {
            var end = start + 1;
            while (end < text.Length && font.MeasureText(text.AsSpan(start, end + 1 - start)) <= width - lineIndent) end++;
            // Keep closing punctuation with the line before it, as Chinese typesetting does.
            if (end < text.Length && end - start > 1 && "，。；、：）%".Contains(text[end], StringComparison.Ordinal)) end--;
            lines.Add((text[start..end], lineIndent));
            start = end;
            lineIndent = 0;
        }
        if (lines.Count == 0) lines.Add(("", indent));
        return lines;
    }

    private void Finish()
    {
        if (canvas is not null) document.EndPage();
        document.Close();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        document.Dispose();
        foreach (var d in new IDisposable[] { title, heading, body, small, cell, cellBold, ink, rule, shade }) d.Dispose();
    }
}
