using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace RiskMap.Api.Features.Reports;

/// <summary>
/// Writes a bulletin as a Word document (Office Open XML through DocumentFormat.OpenXml): A4 portrait, title in 黑体,
/// text in 仿宋 (the fonts of Chinese official documents; Word substitutes where they are missing), each paragraph one run
/// so that its text reads back whole, tables with borders, and the trend chart as a PNG picture.
/// </summary>
public static class BulletinDocx
{
    /// <summary>The media type of .docx files.</summary>
    public const string MediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const long EmuPerPoint = 12_700;

    /// <summary>The bulletin <paramref name="blocks"/> as a .docx file.</summary>
    /// <exception cref="InvalidOperationException">Noto CJK is not installed (the chart needs it: <see cref="BulletinFonts"/>).</exception>
    public static byte[] Write(IReadOnlyList<BulletinBlock> blocks, string title)
    {
        using var output = new MemoryStream();
        using (var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = title;
            document.PackageProperties.Creator = "RiskMap";
            var main = document.AddMainDocumentPart();
            var body = new Body();
            main.Document = new Document(body);
            var pictures = 0u;
            foreach (var block in blocks)
            {
                switch (block)
                {
                    case BulletinHeading h:
                        body.Append(Paragraph(h.Text, h.Level == 0 ? 44 : 32, "黑体", h.Level == 0));
                        break;
                    case BulletinParagraph p:
                        body.Append(Paragraph(p.Text, p.Small ? 20 : 32, "仿宋", p.Centered, indent: !p.Centered && !p.Small));
                        break;
                    case BulletinTable t:
                        body.Append(Paragraph(t.Caption, 24, "黑体", centred: true));
                        body.Append(Table(t));
                        break;
                    case BulletinMap m:
                    {
                        const int mapWidthPt = 450;
                        var mapHeightPt = (long)Math.Round(mapWidthPt * m.Map.Sheet.HeightMm / m.Map.Sheet.WidthMm);
                        var mapImage = main.AddImagePart(ImagePartType.Png);
                        using (var png = new MemoryStream(Maps.MapRenderer.Png(m.Map)))
                            mapImage.FeedData(png);
                        body.Append(new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
                            new Run(Picture(main.GetIdOfPart(mapImage), ++pictures, mapWidthPt * EmuPerPoint, mapHeightPt * EmuPerPoint))));
                        body.Append(Paragraph(m.Caption, 24, "仿宋", centred: true));
                        break;
                    }
                    case BulletinChart c:
                        const int widthPt = 450, heightPt = 220;
                        var image = main.AddImagePart(ImagePartType.Png);
                        using (var png = new MemoryStream(TrendChart.Png(c.Months, widthPt * 3, heightPt * 3, 3)))
                            image.FeedData(png);
                        body.Append(new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
                            new Run(Picture(main.GetIdOfPart(image), ++pictures, widthPt * EmuPerPoint, heightPt * EmuPerPoint))));
                        body.Append(Paragraph(c.Caption, 24, "仿宋", centred: true));
                        break;
                }
            }
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 2098, Bottom = 1984, Left = 1588, Right = 1474, Header = 851, Footer = 992, Gutter = 0 }));
        }
        return output.ToArray();
    }

    private static Paragraph Paragraph(string text, int halfPoints, string eastAsianFont, bool centred, bool indent = false)
    {
        var properties = new ParagraphProperties();
        if (centred) properties.Append(new Justification { Val = JustificationValues.Center });
        if (indent) properties.Append(new Indentation { FirstLineChars = 200 });
        var run = new Run(new RunProperties(
                new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = eastAsianFont },
                new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
            new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        return new Paragraph(properties, run);
    }

    private static Table Table(BulletinTable t)
    {
        static BorderType Border<T>() where T : BorderType, new() => new T { Val = BorderValues.Single, Size = 4 };
        var table = new Table(new TableProperties(
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
            new TableBorders(Border<TopBorder>(), Border<BottomBorder>(), Border<LeftBorder>(), Border<RightBorder>(),
                Border<InsideHorizontalBorder>(), Border<InsideVerticalBorder>()),
            new TableLayout { Type = TableLayoutValues.Fixed }));
        var total = t.Widths.Sum();
        const int twips = 11906 - 1588 - 1474;
        table.Append(new TableGrid(t.Widths.Select(w => new GridColumn { Width = ((int)(w / total * twips)).ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        table.Append(Row(t.Header, header: true));
        foreach (var cells in t.Rows) table.Append(Row(cells, header: false));
        return table;
    }

    private static TableRow Row(IReadOnlyList<string> cells, bool header)
    {
        var row = new TableRow();
        if (header) row.Append(new TableRowProperties(new TableHeader()));
        foreach (var text in cells)
            row.Append(new TableCell(Paragraph(text, 18, header ? "黑体" : "仿宋", centred: true)));
        return row;
    }

    private static Drawing Picture(string relationshipId, uint id, long cx, long cy) => new(
        new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new DW.DocProperties { Id = id, Name = $"Figure {id}" },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = id, Name = $"trend{id}.png" },
                        new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = relationshipId }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0, DistanceFromBottom = 0, DistanceFromLeft = 0, DistanceFromRight = 0 });
}
