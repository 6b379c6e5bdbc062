using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using NetTopologySuite.Geometries;

namespace RiskMap.Cli.DemoData;

/// <summary>
/// Writes the demo files byte-for-byte reproducibly: UTF-8 without BOM, "\n" line endings, invariant culture,
/// coordinates with exactly 7 decimals, dates yyyy-MM-dd, booleans true/false, empty field for null.
/// </summary>
internal static class DemoDataWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly CsvWriterOptions CsvOptions = CsvWriterOptions.Default with
    {
        NewLine = "\n",
        WriteByteOrderMark = false,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    // Chinese stays readable in the files; the output is data, not HTML, so no HTML escaping is needed.
    private static readonly JsonSerializerOptions JsonText = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A coordinate or any other degree value with 7 decimals, invariant.</summary>
    public static string Degrees(double value) => value.ToString("F7", CultureInfo.InvariantCulture);

    /// <summary>A date as yyyy-MM-dd.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A date as yyyy-MM-dd, or null (written as an empty field).</summary>
    public static string? Date(DateOnly? date) => date is { } d ? Date(d) : null;

    /// <summary>A boolean as true/false.</summary>
    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>
    /// Writes a CSV file with a header row through CsvHelper (RFC 4180 quoting). A null field is written empty.
    /// </summary>
    public static void WriteCsv(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var csv = CsvWriter.Create(File.Create(path), CsvOptions, leaveOpen: false);
        foreach (var name in header) csv.WriteField(name);
        csv.EndRecord();
        foreach (var row in rows)
        {
            if (row.Count != header.Count) throw new InvalidOperationException($"{Path.GetFileName(path)}: a row has {row.Count} fields, the header {header.Count}.");
            foreach (var field in row) csv.WriteField(field ?? "");
            csv.EndRecord();
        }
    }

    /// <summary>
    /// Writes a GeoJSON FeatureCollection (RFC 7946: WGS-84 lon/lat, exterior rings counter-clockwise, holes
    /// clockwise) with one feature per line. <paramref name="foreignMembers"/> go before <c>features</c>.
    /// Property values may be strings, booleans or null.
    /// </summary>
    public static void WriteFeatureCollection(string path, IEnumerable<(IReadOnlyList<(string Name, object? Value)> Properties, MultiPolygon Geometry)> features,
        IReadOnlyList<(string Name, IReadOnlyList<(string Name, object? Value)> Members)>? foreignMembers = null)
    {
        var text = new StringBuilder();
        text.Append("{\"type\":\"FeatureCollection\",");
        foreach (var (name, members) in foreignMembers ?? [])
        {
            text.Append(Json(name)).Append(':');
            AppendObject(text, members);
            text.Append(",\n");
        }
        text.Append("\"features\":[\n");
        var first = true;
        foreach (var (properties, geometry) in features)
        {
            if (!first) text.Append(",\n");
            first = false;
            text.Append("{\"type\":\"Feature\",\"properties\":");
            AppendObject(text, properties);
            text.Append(",\"geometry\":");
            AppendMultiPolygon(text, geometry);
            text.Append('}');
        }
        text.Append("\n]}\n");
        File.WriteAllText(path, text.ToString(), Utf8NoBom);
    }

    private static string Json(string value) => JsonSerializer.Serialize(value, JsonText);

    private static void AppendObject(StringBuilder text, IReadOnlyList<(string Name, object? Value)> members)
    {
        text.Append('{');
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0) text.Append(',');
            text.Append(Json(members[i].Name)).Append(':').Append(members[i].Value switch
            {
                null => "null",
                bool b => Bool(b),
                string s => Json(s),
                var other => throw new ArgumentException($"Unsupported property value {other.GetType().Name}.", nameof(members)),
            });
        }
        text.Append('}');
    }

    private static void AppendMultiPolygon(StringBuilder text, MultiPolygon geometry)
    {
        text.Append("{\"type\":\"MultiPolygon\",\"coordinates\":[");
        for (var p = 0; p < geometry.NumGeometries; p++)
        {
            if (p > 0) text.Append(',');
            var polygon = TownshipPartition.OrientRfc7946((Polygon)geometry.GetGeometryN(p));
            text.Append('[');
            AppendRing(text, polygon.Shell);
            foreach (var hole in polygon.Holes)
            {
                text.Append(',');
                AppendRing(text, hole);
            }
            text.Append(']');
        }
        text.Append("]}");
    }

    private static void AppendRing(StringBuilder text, LinearRing ring)
    {
        text.Append('[');
        var sequence = ring.CoordinateSequence;
        for (var i = 0; i < sequence.Count; i++)
        {
            if (i > 0) text.Append(',');
            text.Append('[').Append(Degrees(sequence.GetX(i))).Append(',').Append(Degrees(sequence.GetY(i))).Append(']');
        }
        text.Append(']');
    }
}
