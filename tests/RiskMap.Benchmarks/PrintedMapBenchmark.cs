using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Algorithm.Construct;
using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate;
using RiskMap.Api.Features.Maps;
using RiskMap.Api.Features.Townships;
using SkiaSharp;

/// <summary>
/// <c>printmap [--townships N] [--rounds R]</c>: the printed map of a synthetic prefecture (default 2,000 townships:
/// Voronoi cells of random seeds over 1.5° × 1.4°, each with its pole of inaccessibility as label point, as PostGIS
/// stores it) on A4 landscape at 150 dpi. Each round times, alternating, (1) the service's path from the rows the
/// choropleth query returns — GeoJSON boundaries parsed, classes coloured, the sheet drawn (names placed with their
/// collision check, legend, key, scale bar, north arrow) and encoded as PNG — and (2) the baseline: the same polygons,
/// already parsed, filled and outlined on the same surface and encoded as PNG, nothing else. Prints both, the ratio and
/// the PDF's time; target: the printed PNG under 2 s.
/// </summary>
internal static class PrintedMapBenchmark
{
    /// <summary>Runs the benchmark with the arguments after <c>printmap</c>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var townships = 2000;
        var rounds = 5;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--townships" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out townships) && townships > 1: i++; break;
                case "--rounds" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out rounds) && rounds > 0: i++; break;
                default:
                    Console.Error.WriteLine("usage: printmap [--townships N] [--rounds R]");
                    return 2;
            }
        }

        var random = new Random(20201);
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var frame = new Envelope(111.0, 112.5, 25.5, 26.9);
        var seeds = Enumerable.Range(0, townships)
            .Select(_ => new Coordinate(frame.MinX + random.NextDouble() * frame.Width, frame.MinY + random.NextDouble() * frame.Height)).ToList();
        var builder = new VoronoiDiagramBuilder { ClipEnvelope = frame };
        builder.SetSites(seeds);
        var clip = factory.ToGeometry(frame);
        var cells = builder.GetDiagram(factory).Geometries.Select(g => g.Intersection(clip)).Where(g => g is Polygon { IsEmpty: false }).ToList();
        var classes = ClassBreaks.For("openGeneral");
        // What the choropleth query hands over: code, name, GeoJSON boundary, label point, value.
        var rows = cells.Select((cell, i) =>
        {
            var label = new MaximumInscribedCircle(cell, 1e-5).GetCenter();
            return (Code: $"4311{i:00000}", Name: $"第{i + 1}乡镇", GeoJson: JsonSerializer.Serialize(cell, RiskMap.Api.Geo.GeoJsonFiles.Options),
                Lon: label.X, Lat: label.Y, Value: random.Next(0, 30));
        }).ToList();
        var parsed = rows.Select(r => JsonSerializer.Deserialize<Geometry>(r.GeoJson, RiskMap.Api.Geo.GeoJsonFiles.Options)!).ToList();
        var sheet = new Sheet(Paper.A4, PaperOrientation.Landscape, 150);

        PrintedMap Build()
        {
            var printed = rows.Select(r => new PrintedTownship(r.Code, r.Name, JsonSerializer.Deserialize<Geometry>(r.GeoJson, RiskMap.Api.Geo.GeoJsonFiles.Options)!,
                r.Lon, r.Lat, ClassBreaks.ColorOf(r.Value, classes))).ToList();
            return new PrintedMap(sheet, "示例市未整改一般隐患分布图（全部行业）", "截至 2022-12-31", "未整改一般隐患",
                classes.Select(c => new LegendEntry(c.Color, c.Max is null ? $"≥{c.Min} 项" : c.Min == c.Max ? $"{c.Min} 项" : $"{c.Min}–{c.Max} 项")).ToList(),
                printed, "北", "km", "注：乡镇边界为示意，非官方行政区划", "制图单位：示例市安全生产委员会办公室　　生成时间：2022-12-31 12:00", "图上编号的乡镇");
        }

        byte[] Baseline()
        {
            var layout = new MapLayout(new PrintedMap(sheet, "", "", "", [], rows.Select((r, i) => new PrintedTownship(r.Code, r.Name, parsed[i], r.Lon, r.Lat, "#000000")).ToList(),
                "", "", null, "", ""));
            using var surface = SKSurface.Create(new SKImageInfo(sheet.PixelWidth, sheet.PixelHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
            var canvas = surface.Canvas;
            canvas.Clear(SKColors.White);
            canvas.Scale((float)sheet.PixelsPerMm);
            using var fill = new SKPaint { Style = SKPaintStyle.Fill, IsAntialias = true };
            using var stroke = new SKPaint { Style = SKPaintStyle.Stroke, IsAntialias = true, Color = SKColors.DimGray, StrokeWidth = 0.2f };
            for (var i = 0; i < parsed.Count; i++)
            {
                using var path = new SKPathBuilder();
                var ring = ((Polygon)parsed[i]).ExteriorRing.Coordinates;
                path.MoveTo(layout.ToSheet(ring[0].X, ring[0].Y));
                for (var k = 1; k < ring.Length; k++) path.LineTo(layout.ToSheet(ring[k].X, ring[k].Y));
                path.Close();
                using var shape = path.Detach();
                fill.Color = SKColor.Parse(ClassBreaks.ColorOf(rows[i].Value, classes));
                canvas.DrawPath(shape, fill);
                canvas.DrawPath(shape, stroke);
            }
            using var image = surface.Snapshot();
            using var data = image.Encode(SKEncodedImageFormat.Png, 100);
            return data.ToArray();
        }

        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
        output.WriteLine($"printed map benchmark: {rows.Count} townships, A4 landscape 150 dpi ({sheet.PixelWidth} × {sheet.PixelHeight} px), " +
            $"{rounds} rounds, {Environment.ProcessorCount} cores, load average {load}");
        // Warm-up: fonts, native library, JIT.
        MapRenderer.Png(Build());
        Baseline();
        var printedTimes = new List<double>();
        var baselineTimes = new List<double>();
        var pdfTimes = new List<double>();
        var size = 0;
        for (var round = 0; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            size = MapRenderer.Png(Build()).Length;
            printedTimes.Add(clock.Elapsed.TotalSeconds);
            clock.Restart();
            Baseline();
            baselineTimes.Add(clock.Elapsed.TotalSeconds);
            clock.Restart();
            MapRenderer.Pdf(Build(), DateTimeOffset.UtcNow);
            pdfTimes.Add(clock.Elapsed.TotalSeconds);
        }
        static double Median(List<double> x) => x.Order().ElementAt(x.Count / 2);
        var printedMedian = Median(printedTimes);
        var baselineMedian = Median(baselineTimes);
        output.WriteLine($"printed map PNG (parse, colour, draw, names, legend, encode): median {printedMedian:0.000} s ({size / 1024} KiB)");
        output.WriteLine($"baseline (same polygons filled and outlined, encoded):      median {baselineMedian:0.000} s");
        output.WriteLine($"printed map PDF:                                              median {Median(pdfTimes):0.000} s");
        output.WriteLine($"ratio printed / baseline: {printedMedian / baselineMedian:0.00}x");
        var pass = printedMedian < 2.0;
        output.WriteLine($"{(pass ? "PASS" : "FAIL")}  printed map of {rows.Count} townships at 150 dpi A4 under 2 s");
        return pass ? 0 : 1;
    }
}
