using System.Globalization;
using NetTopologySuite.Geometries;
using SkiaSharp;

namespace RiskMap.Api.Features.Maps;

/// <summary>
/// Where things go on the sheet, in millimetres from its top-left corner: the title band, the map frame, the legend column
/// (right of the map in landscape, below it in portrait) and the footer. The map is an equirectangular projection centred on
/// the townships' mean latitude (x = longitude · cos φ₀, y = latitude), fitted into the frame with its aspect kept; across a
/// county (≲ 1°) that distorts distances by well under 1 %, which the scale bar's rounding hides.
/// </summary>
public sealed class MapLayout
{
    /// <summary>Metres per degree of arc on the mean-radius sphere (6,371,008.8 m · π / 180).</summary>
    public const double MetresPerDegree = 111_195.08;

    private readonly double _cosLat, _minX, _maxY, _mmPerUnit, _offsetX, _offsetY;

    /// <summary>Sheet width over 210 mm (A4 portrait): 1 on A4, √2 on A3; text and margins scale with it.</summary>
    public double Scale { get; }

    /// <summary>The sheet's margins.</summary>
    public SKRect Page { get; }

    /// <summary>The map frame.</summary>
    public SKRect Frame { get; }

    /// <summary>The legend, north arrow and scale bar area.</summary>
    public SKRect Side { get; }

    /// <summary>Lays out <paramref name="map"/>.</summary>
    public MapLayout(PrintedMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var sheet = map.Sheet;
        Scale = Math.Min(sheet.WidthMm, sheet.HeightMm) / 210.0;
        var margin = (float)(10 * Scale);
        Page = new SKRect(margin, margin, (float)sheet.WidthMm - margin, (float)sheet.HeightMm - margin);
        var top = Page.Top + (float)(16 * Scale);
        var bottom = Page.Bottom - (float)(10 * Scale);
        if (sheet.Orientation == PaperOrientation.Landscape)
        {
            var sideWidth = (float)(62 * Scale);
            Frame = new SKRect(Page.Left, top, Page.Right - sideWidth - (float)(4 * Scale), bottom);
            Side = new SKRect(Frame.Right + (float)(4 * Scale), top, Page.Right, bottom);
        }
        else
        {
            var sideHeight = (float)(58 * Scale);
            Frame = new SKRect(Page.Left, top, Page.Right, bottom - sideHeight - (float)(4 * Scale));
            Side = new SKRect(Page.Left, Frame.Bottom + (float)(4 * Scale), Page.Right, bottom);
        }

        var envelope = new Envelope();
        foreach (var t in map.Townships) envelope.ExpandToInclude(t.Boundary.EnvelopeInternal);
        if (envelope.IsNull) envelope = new Envelope(0, 1, 0, 1);
        _cosLat = Math.Cos((envelope.MinY + envelope.MaxY) / 2 * Math.PI / 180);
        _minX = envelope.MinX * _cosLat;
        _maxY = envelope.MaxY;
        var width = Math.Max(envelope.Width * _cosLat, 1e-9);
        var height = Math.Max(envelope.Height, 1e-9);
        var pad = 4 * Scale;
        _mmPerUnit = Math.Min((Frame.Width - 2 * pad) / width, (Frame.Height - 2 * pad) / height);
        _offsetX = Frame.Left + (Frame.Width - width * _mmPerUnit) / 2;
        _offsetY = Frame.Top + (Frame.Height - height * _mmPerUnit) / 2;
    }

    /// <summary>Where longitude/latitude (WGS-84 degrees) falls on the sheet, millimetres from its top-left corner.</summary>
    public SKPoint ToSheet(double lon, double lat)
        => new((float)(_offsetX + (lon * _cosLat - _minX) * _mmPerUnit), (float)(_offsetY + (_maxY - lat) * _mmPerUnit));

    /// <summary>Millimetres of paper per metre on the ground (the map's scale, e.g. 1/200,000 m → 0.005 mm per metre).</summary>
    public double MmPerMetre => _mmPerUnit / MetresPerDegree;
}

/// <summary>
/// Draws a <see cref="PrintedMap"/> with SkiaSharp: to PNG (raster, at the sheet's dpi) or to a one-page PDF (vector,
/// text embedded as text so that it can be searched and copied). No browser, basemap or network: polygons, names at their
/// label points (beside the point, above it or else below it, skipped where they would cover another name or another
/// township's label point), the legend, a north arrow, a scale bar, the notice and the footer. Chinese text in Noto Sans
/// CJK SC (<see cref="MapFonts"/>).
/// </summary>
public static class MapRenderer
{
    private static readonly SKColor Ink = new(0x22, 0x22, 0x22), Border = new(0x55, 0x55, 0x55), NoticeInk = new(0xb0, 0x3a, 0x2e);

    /// <summary>The map as a PNG of <see cref="Sheet.PixelWidth"/> × <see cref="Sheet.PixelHeight"/> pixels, opaque white background.</summary>
    /// <exception cref="InvalidOperationException">Noto Sans CJK is not installed (Debian package fonts-noto-cjk).</exception>
    public static byte[] Png(PrintedMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var info = new SKImageInfo(map.Sheet.PixelWidth, map.Sheet.PixelHeight, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException($"Cannot allocate a {info.Width}×{info.Height} surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale((float)map.Sheet.PixelsPerMm);
        Draw(canvas, map);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The map as a one-page PDF of the sheet's size (A4 landscape: 841.9 × 595.3 pt).</summary>
    /// <exception cref="InvalidOperationException">Noto Sans CJK is not installed (Debian package fonts-noto-cjk).</exception>
    public static byte[] Pdf(PrintedMap map, DateTimeOffset generated)
    {
        ArgumentNullException.ThrowIfNull(map);
        using var stream = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = map.Title,
            Creator = "RiskMap",
            Producer = "RiskMap (SkiaSharp)",
            Creation = generated.UtcDateTime,
            Modified = generated.UtcDateTime,
            RasterDpi = map.Sheet.Dpi,
        };
        using (var document = SKDocument.CreatePdf(stream, metadata))
        {
            var canvas = document.BeginPage((float)(map.Sheet.WidthMm * Sheet.PointsPerMm), (float)(map.Sheet.HeightMm * Sheet.PointsPerMm));
            canvas.Scale((float)Sheet.PointsPerMm);
            Draw(canvas, map);
            document.EndPage();
            document.Close();
        }
        return stream.ToArray();
    }

    /// <summary>Draws the whole sheet on <paramref name="canvas"/>, whose unit is the millimetre.</summary>
    public static void Draw(SKCanvas canvas, PrintedMap map)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(map);
        var layout = new MapLayout(map);
        var s = (float)layout.Scale;
        var typeface = MapFonts.Regular;
        var bold = MapFonts.Bold;

        using var fill = new SKPaint { Style = SKPaintStyle.Fill, IsAntialias = true };
        using var stroke = new SKPaint { Style = SKPaintStyle.Stroke, IsAntialias = true, Color = Border, StrokeWidth = 0.2f * s, StrokeJoin = SKStrokeJoin.Round };
        using var ink = new SKPaint { Style = SKPaintStyle.Fill, IsAntialias = true, Color = Ink };

        // Title and as-of line.
        using (var titleFont = FontOf(bold, 6.2f * s))
            Text(canvas, map.Title, layout.Page.Left, layout.Page.Top + 6.2f * s, SKTextAlign.Left, titleFont, ink);
        using (var subFont = FontOf(typeface, 3.6f * s))
            Text(canvas, map.Subtitle, layout.Page.Left, layout.Page.Top + 12f * s, SKTextAlign.Left, subFont, ink);

        // Townships, clipped to the frame.
        canvas.Save();
        canvas.ClipRect(layout.Frame);
        foreach (var township in map.Townships)
        {
            using var path = PathOf(township.Boundary, layout);
            fill.Color = SKColor.Parse(township.Color);
            canvas.DrawPath(path, fill);
            canvas.DrawPath(path, stroke);
        }
        var numbered = DrawNames(canvas, map, layout, typeface);
        canvas.Restore();
        using (var frame = new SKPaint { Style = SKPaintStyle.Stroke, Color = Ink, StrokeWidth = 0.3f * s, IsAntialias = true })
            canvas.DrawRect(layout.Frame, frame);

        DrawSide(canvas, map, layout, typeface, bold, ink, numbered);

        // Footer: the notice (when it applies) above the issuing unit and generation time.
        using var footFont = FontOf(typeface, 3f * s);
        var footY = layout.Page.Bottom - 1f * s;
        Text(canvas, map.Footer, layout.Page.Left, footY, SKTextAlign.Left, footFont, ink);
        if (map.Notice is { } notice)
        {
            using var red = new SKPaint { Style = SKPaintStyle.Fill, IsAntialias = true, Color = NoticeInk };
            Text(canvas, notice, layout.Page.Left, footY - 4.2f * s, SKTextAlign.Left, footFont, red);
        }
    }

    /// <summary>The path of a (multi)polygon on the sheet, holes included (even-odd fill).</summary>
    private static SKPath PathOf(Geometry boundary, MapLayout layout)
    {
        using var path = new SKPathBuilder { FillType = SKPathFillType.EvenOdd };
        for (var g = 0; g < boundary.NumGeometries; g++)
        {
            if (boundary.GetGeometryN(g) is not Polygon polygon) continue;
            AddRing(path, polygon.ExteriorRing, layout);
            foreach (var hole in polygon.InteriorRings) AddRing(path, hole, layout);
        }
        return path.Detach();
    }

    private static void AddRing(SKPathBuilder path, LineString ring, MapLayout layout)
    {
        var coordinates = ring.CoordinateSequence;
        if (coordinates.Count < 3) return;
        path.MoveTo(layout.ToSheet(coordinates.GetX(0), coordinates.GetY(0)));
        for (var i = 1; i < coordinates.Count; i++) path.LineTo(layout.ToSheet(coordinates.GetX(i), coordinates.GetY(i)));
        path.Close();
    }

    /// <summary>
    /// Township names, largest townships first: centred above the label point (its bottom 1.2 mm above it), else below,
    /// right or left of it; a place is refused when it would overlap a name already drawn, another township's label point
    /// or the frame's edge. A township whose name fits nowhere gets a number in its place instead, and the side column lists
    /// the numbers with their names, so that every township is named on the sheet. The label point itself stays uncovered,
    /// so the township's colour shows there. Returns the numbered names in number order.
    /// </summary>
    private static List<string> DrawNames(SKCanvas canvas, PrintedMap map, MapLayout layout, SKTypeface typeface)
    {
        var s = (float)layout.Scale;
        using var font = FontOf(typeface, 3.2f * s);
        using var numberFont = FontOf(typeface, 2.6f * s);
        using var halo = new SKPaint { Style = SKPaintStyle.Stroke, IsAntialias = true, Color = SKColors.White.WithAlpha(230), StrokeWidth = 0.8f * s, StrokeJoin = SKStrokeJoin.Round };
        using var text = new SKPaint { Style = SKPaintStyle.Fill, IsAntialias = true, Color = Ink };
        var points = map.Townships.Select(t => layout.ToSheet(t.LabelLon, t.LabelLat)).ToList();
        // Label points and placed names in 10 mm cells, so that a candidate is checked against its neighbours only.
        var pointGrid = new Grid<int>(10);
        for (var i = 0; i < points.Count; i++) pointGrid.Add(new SKRect(points[i].X, points[i].Y, points[i].X, points[i].Y), i);
        var placed = new Grid<SKRect>(10);
        var numbered = new List<string>();
        var order = Enumerable.Range(0, map.Townships.Count).OrderByDescending(i => map.Townships[i].Boundary.Area).ThenBy(i => map.Townships[i].Code, StringComparer.Ordinal).ToList();
        var pending = new List<int>();
        foreach (var i in order)
        {
            if (!TryPlace(canvas, map.Townships[i].Name, i, font, force: false)) pending.Add(i);
        }
        foreach (var i in pending.OrderBy(i => map.Townships[i].Code, StringComparer.Ordinal))
        {
            numbered.Add(map.Townships[i].Name);
            TryPlace(canvas, numbered.Count.ToString(CultureInfo.InvariantCulture), i, numberFont, force: true);
        }
        return numbered;

        bool TryPlace(SKCanvas canvas, string label, int i, SKFont f, bool force)
        {
            var at = points[i];
            var gap = 1.2f * s;
            var width = f.MeasureText(label, out var bounds);
            var height = bounds.Height;
            var candidates = new[]
            {
                new SKRect(at.X - width / 2, at.Y - gap - height, at.X + width / 2, at.Y - gap),
                new SKRect(at.X - width / 2, at.Y + gap, at.X + width / 2, at.Y + gap + height),
                new SKRect(at.X + gap, at.Y - height / 2, at.X + gap + width, at.Y + height / 2),
                new SKRect(at.X - gap - width, at.Y - height / 2, at.X - gap, at.Y + height / 2),
            };
            SKRect? chosen = null;
            foreach (var candidate in candidates)
            {
                var padded = SKRect.Inflate(candidate, 0.4f * s, 0.4f * s);
                if (!layout.Frame.Contains(padded)) continue;
                if (placed.Near(padded).Any(r => r.IntersectsWith(padded))) continue;
                var margin = SKRect.Inflate(padded, 0.8f * s, 0.8f * s);
                if (pointGrid.Near(margin).Any(j => j != i && margin.Contains(points[j]))) continue;
                chosen = padded;
                break;
            }
            // A number that fits nowhere still goes above its point (over a neighbouring name if need be).
            if (chosen is null && force) chosen = SKRect.Inflate(candidates[0], 0.4f * s, 0.4f * s);
            if (chosen is not { } box) return false;
            placed.Add(box, box);
            var baseline = box.Bottom - 0.4f * s - bounds.Bottom;
            Text(canvas, label, box.MidX, baseline, SKTextAlign.Center, f, halo);
            Text(canvas, label, box.MidX, baseline, SKTextAlign.Center, f, text);
            return true;
        }
    }

    private static void DrawSide(SKCanvas canvas, PrintedMap map, MapLayout layout, SKTypeface typeface, SKTypeface bold, SKPaint ink,
        IReadOnlyList<string> numbered)
    {
        var s = (float)layout.Scale;
        var side = layout.Side;
        using var headFont = FontOf(bold, 4f * s);
        using var rowFont = FontOf(typeface, 3.4f * s);
        using var swatch = new SKPaint { Style = SKPaintStyle.Fill, IsAntialias = true };
        using var outline = new SKPaint { Style = SKPaintStyle.Stroke, IsAntialias = true, Color = Border, StrokeWidth = 0.2f * s };

        // Legend: in landscape the top of the column; in portrait the left half of the band.
        var x = side.Left + 2 * s;
        var y = side.Top + 5 * s;
        Text(canvas, map.LegendTitle, x, y, SKTextAlign.Left, headFont, ink);
        var columnBreak = map.Sheet.Orientation == PaperOrientation.Portrait ? side.Bottom - 4 * s : float.MaxValue;
        var column = 0;
        foreach (var entry in map.Legend)
        {
            y += 6 * s;
            if (y > columnBreak)
            {
                column++;
                y = side.Top + 11 * s;
            }
            var left = x + column * 40 * s;
            var box = new SKRect(left, y - 3.6f * s, left + 8 * s, y + 0.8f * s);
            swatch.Color = SKColor.Parse(entry.Color);
            canvas.DrawRect(box, swatch);
            canvas.DrawRect(box, outline);
            Text(canvas, entry.Label, box.Right + 2.5f * s, y, SKTextAlign.Left, rowFont, ink);
        }

        // The key of numbered townships (names that did not fit on the map), under the legend.
        if (numbered.Count > 0)
        {
            using var keyFont = FontOf(typeface, 3f * s);
            var keyX = map.Sheet.Orientation == PaperOrientation.Portrait ? side.Left + 85 * s : x;
            var keyY = map.Sheet.Orientation == PaperOrientation.Portrait ? side.Top + 5 * s : y + 9 * s;
            Text(canvas, map.KeyTitle, keyX, keyY, SKTextAlign.Left, rowFont, ink);
            var top = keyY;
            var keyColumn = 0;
            for (var k = 0; k < numbered.Count; k++)
            {
                keyY += 4.4f * s;
                if (keyY > side.Bottom - (map.Sheet.Orientation == PaperOrientation.Landscape ? 46 * s : 2 * s))
                {
                    keyColumn++;
                    keyY = top + 4.4f * s;
                }
                Text(canvas, $"{k + 1} {numbered[k]}", keyX + keyColumn * 28 * s, keyY, SKTextAlign.Left, keyFont, ink);
            }
        }

        // North arrow and scale bar at the bottom right of the side area.
        var arrowX = side.Right - 10 * s;
        var arrowTop = map.Sheet.Orientation == PaperOrientation.Landscape ? side.Bottom - 42 * s : side.Top + 4 * s;
        using (var builder = new SKPathBuilder())
        {
            builder.MoveTo(arrowX, arrowTop + 5 * s);
            builder.LineTo(arrowX + 4 * s, arrowTop + 17 * s);
            builder.LineTo(arrowX, arrowTop + 14 * s);
            builder.LineTo(arrowX - 4 * s, arrowTop + 17 * s);
            builder.Close();
            using var arrow = builder.Detach();
            canvas.DrawPath(arrow, ink);
        }
        Text(canvas, map.NorthLabel, arrowX, arrowTop + 4 * s, SKTextAlign.Center, rowFont, ink);

        var (metres, length) = ScaleBar(layout, Math.Min(side.Width - 8 * s, 50 * s));
        var barLeft = side.Right - 4 * s - (float)length;
        var barY = side.Bottom - 8 * s;
        using var bar = new SKPaint { Style = SKPaintStyle.Fill, Color = Ink };
        using var white = new SKPaint { Style = SKPaintStyle.Fill, Color = SKColors.White };
        var half = (float)length / 2;
        canvas.DrawRect(new SKRect(barLeft, barY, barLeft + half, barY + 1.6f * s), bar);
        canvas.DrawRect(new SKRect(barLeft + half, barY, barLeft + (float)length, barY + 1.6f * s), white);
        canvas.DrawRect(new SKRect(barLeft, barY, barLeft + (float)length, barY + 1.6f * s), outline);
        using var small = FontOf(typeface, 3f * s);
        Text(canvas, "0", barLeft, barY - 1 * s, SKTextAlign.Center, small, ink);
        Text(canvas, Kilometres(metres / 2), barLeft + half, barY - 1 * s, SKTextAlign.Center, small, ink);
        Text(canvas, $"{Kilometres(metres)} {map.ScaleUnit}", barLeft + (float)length, barY - 1 * s, SKTextAlign.Center, small, ink);
    }

    /// <summary>A round ground length (1, 2 or 5 × 10ⁿ metres) whose bar is at most <paramref name="maxMm"/> long, and its length in mm.</summary>
    internal static (double Metres, double Mm) ScaleBar(MapLayout layout, double maxMm)
    {
        var maxMetres = maxMm / layout.MmPerMetre;
        var power = Math.Pow(10, Math.Floor(Math.Log10(maxMetres)));
        var metres = new[] { 5, 2, 1 }.Select(f => f * power).First(m => m <= maxMetres);
        return (metres, metres * layout.MmPerMetre);
    }

    /// <summary>
    /// Draws <paramref name="text"/> with its baseline at <paramref name="y"/>, aligned on <paramref name="x"/>, as a text blob
    /// that carries the text and each glyph's cluster: the PDF then maps every glyph back to the character drawn (a CJK font
    /// shares one glyph between an ideograph and its Kangxi radical, which a glyph-only PDF would extract as the radical).
    /// </summary>
    private static void Text(SKCanvas canvas, string text, float x, float y, SKTextAlign align, SKFont font, SKPaint paint)
    {
        if (text.Length == 0) return;
        var glyphs = font.GetGlyphs(text);
        var positions = font.GetGlyphPositions(glyphs, new SKPoint(0, 0));
        var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        var clusters = new uint[glyphs.Length];
        var offset = 0;
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (index < clusters.Length) clusters[index++] = (uint)offset;
            offset += rune.Utf8SequenceLength;
        }
        using var builder = new SKTextBlobBuilder();
        var run = builder.AllocatePositionedTextRun(font, glyphs.Length, utf8.Length, null);
        run.SetGlyphs(glyphs);
        run.SetPositions(positions);
        run.SetText(utf8);
        run.SetClusters(clusters);
        using var blob = builder.Build();
        if (blob is null) return;
        var width = font.MeasureText(glyphs, paint);
        var left = align switch { SKTextAlign.Center => x - width / 2, SKTextAlign.Right => x - width, _ => x };
        canvas.DrawText(blob, left, y, paint);
    }

    /// <summary>
    /// A font of <paramref name="size"/> millimetres: the canvas's unit is the millimetre, so glyph advances must not be
    /// hinted or rounded at that size (they would be whole millimetres): linear metrics, subpixel positions, no hinting.
    /// </summary>
    private static SKFont FontOf(SKTypeface typeface, float size)
        => new(typeface, size) { Hinting = SKFontHinting.None, Subpixel = true, LinearMetrics = true, Edging = SKFontEdging.Antialias };

    private static string Kilometres(double metres) => (metres / 1000).ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>Items by the square cells (of <paramref name="cellMm"/> millimetres) their boxes touch, for neighbour look-ups.</summary>
/// <param name="cellMm">Cell size in millimetres.</param>
internal sealed class Grid<T>(float cellMm)
{
    private readonly Dictionary<(int, int), List<T>> _cells = [];

    /// <summary>Adds <paramref name="item"/> to every cell <paramref name="box"/> touches.</summary>
    public void Add(SKRect box, T item)
    {
        foreach (var cell in Cells(box))
        {
            if (!_cells.TryGetValue(cell, out var list)) _cells[cell] = list = [];
            list.Add(item);
        }
    }

    /// <summary>The items of the cells <paramref name="box"/> touches (an item may come more than once).</summary>
    public IEnumerable<T> Near(SKRect box)
    {
        foreach (var cell in Cells(box))
            if (_cells.TryGetValue(cell, out var list))
                foreach (var item in list) yield return item;
    }

    private IEnumerable<(int, int)> Cells(SKRect box)
    {
        for (var x = (int)MathF.Floor(box.Left / cellMm); x <= (int)MathF.Floor(box.Right / cellMm); x++)
            for (var y = (int)MathF.Floor(box.Top / cellMm); y <= (int)MathF.Floor(box.Bottom / cellMm); y++)
                yield return (x, y);
    }
}

/// <summary>
/// Noto Sans CJK SC (Debian fonts-noto-cjk), found through fontconfig or at its Debian path, loaded once: it draws Chinese
/// and Latin text, so the printed map needs no other font.
/// </summary>
public static class MapFonts
{
    private const string Family = "Noto Sans CJK SC";
    private static readonly Lazy<SKTypeface> LazyRegular = new(() => Load(SKFontStyle.Normal, "NotoSansCJK-Regular.ttc"));
    private static readonly Lazy<SKTypeface> LazyBold = new(() => Load(SKFontStyle.Bold, "NotoSansCJK-Bold.ttc"));

    /// <summary>The regular weight.</summary>
    /// <exception cref="InvalidOperationException">The font is not installed.</exception>
    public static SKTypeface Regular => LazyRegular.Value;

    /// <summary>The bold weight (the regular one when bold is not installed).</summary>
    /// <exception cref="InvalidOperationException">The font is not installed.</exception>
    public static SKTypeface Bold => LazyBold.Value;

    private static SKTypeface Load(SKFontStyle style, string file)
    {
        var matched = SKFontManager.Default.MatchFamily(Family, style);
        if (matched is not null && matched.FamilyName == Family) return matched;
        // The collection's faces are JP, KR, SC, TC, HK: SC is the third.
        var path = Path.Combine("/usr/share/fonts/opentype/noto", file);
        if (File.Exists(path) && SKTypeface.FromFile(path, 2) is { } fromFile) return fromFile;
        if (style != SKFontStyle.Normal) return Regular;
        throw new InvalidOperationException($"The font '{Family}' is not installed: install the Debian package fonts-noto-cjk (scripts/setup.sh run).");
    }
}
