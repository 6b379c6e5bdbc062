using System.Diagnostics;
using System.Globalization;
using NetTopologySuite.Geometries;
using Npgsql;
using RiskMap.Api.Contract;
using RiskMap.Api.Features.Import;
using RiskMap.Api.Geo;

namespace RiskMap.Api.Features.Roads;

/// <summary>One road line of an import, in WGS-84, with what the network needs of it.</summary>
/// <param name="Feature">1-based feature number in the file (errors name it).</param>
/// <param name="Geometry">The line (SRID 4326, XY, at least two points).</param>
/// <param name="RoadClass">Road class (<see cref="RoadClasses.Normalise"/>).</param>
/// <param name="Name">Road name, when the file has one.</param>
/// <param name="SpeedKmh">Speed in km/h: the line's own, else the district's for its class, else the default.</param>
/// <param name="OneWay">Which ways it may be driven.</param>
public sealed record RoadLine(int Feature, LineString Geometry, string RoadClass, string? Name, double SpeedKmh, OneWay OneWay);

/// <summary>Which properties of a line file hold the class, speed, one-way flag and name.</summary>
/// <param name="Class">Road class property.</param>
/// <param name="Speed">Speed property (km/h), or null.</param>
/// <param name="OneWay">One-way property, or null.</param>
/// <param name="Name">Name property, or null.</param>
public sealed record RoadMapping(string Class, string? Speed, string? OneWay, string? Name);

/// <summary>
/// Reads a road file into <see cref="RoadLine"/>s: GeoJSON, zipped Shapefile and GeoPackage through the boundary import's
/// readers (<see cref="BoundaryFiles"/>, <see cref="BoundaryConversion"/>: the same coordinate systems), OpenStreetMap
/// <c>.osm</c> / <c>.osm.pbf</c> through GDAL's OSM driver (<c>ogr2ogr</c>, layer <c>lines</c>, ways with a
/// <c>highway</c> tag; <c>oneway</c> and <c>maxspeed</c> from its <c>other_tags</c>). MultiLineStrings give one line per part.
/// </summary>
public static class RoadFiles
{
    /// <summary>True for a file name GDAL's OSM driver reads (<c>.osm</c>, <c>.osm.pbf</c>, <c>.pbf</c>).</summary>
    public static bool IsOsm(string fileName)
    {
        var name = fileName.ToLowerInvariant();
        return name.EndsWith(".osm", StringComparison.Ordinal) || name.EndsWith(".pbf", StringComparison.Ordinal);
    }

    /// <summary>
    /// Reads <paramref name="path"/> (named <paramref name="fileName"/>) and checks every feature; <paramref name="errors"/>
    /// gets one entry per rejected feature (row = feature number) and <paramref name="notes"/> what was decided.
    /// </summary>
    /// <param name="path">The file on disk.</param>
    /// <param name="fileName">Its name as uploaded (the extension picks the reader).</param>
    /// <param name="crs">The coordinate system when the file does not say it (line files; OpenStreetMap is WGS-84).</param>
    /// <param name="mapping">The import's mapping: <c>class</c>, <c>speed</c>, <c>oneway</c>, <c>name</c> → property, <c>speed.&lt;class&gt;</c> → km/h.</param>
    /// <param name="limits">Archive limits for zipped Shapefiles.</param>
    /// <param name="dataSource">For PostGIS reprojection.</param>
    /// <param name="errors">Receives every rejected feature.</param>
    /// <param name="notes">Receives the decisions.</param>
    /// <param name="speeds">Receives the district's speed per class used (defaults, then the mapping's settings).</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="ImportRejectedException">When the file cannot be read at all.</exception>
    public static async Task<IReadOnlyList<RoadLine>> ReadAsync(string path, string fileName, string? crs, IReadOnlyDictionary<string, string>? mapping,
        ArchiveLimits limits, NpgsqlDataSource dataSource, List<ImportError> errors, List<CodedMessage> notes, Dictionary<string, double> speeds,
        CancellationToken cancellationToken)
    {
        foreach (var (cls, kmh) in RoadClasses.Defaults) speeds[cls] = kmh;
        foreach (var (key, value) in mapping ?? new Dictionary<string, string>())
        {
            if (!key.StartsWith("speed.", StringComparison.OrdinalIgnoreCase) || key.Length <= 6) continue;
            var cls = RoadClasses.Normalise(key[6..])!;
            if (RoadClasses.ParseSpeed(value) is { } kmh) speeds[cls] = kmh;
            else errors.Add(new ImportError(fileName, 0, key, value, RoadsProblemCodes.SpeedSettingFormat, cls, value));
        }

        var osm = IsOsm(fileName);
        BoundaryFile file;
        if (osm)
        {
            file = await ReadOsmAsync(path, fileName, limits, cancellationToken);
            crs = "wgs84";
            notes.Add(ImportMessages.Of(RoadsProblemCodes.NoteOsm));
        }
        else
        {
            file = await BoundaryFiles.ReadAsync(path, fileName, limits, cancellationToken);
        }
        var converted = await BoundaryConversion.ToWgs84Async(file, fileName, crs, dataSource, cancellationToken);
        if (!osm) notes.AddRange(converted.Notes);
        errors.AddRange(converted.Errors);
        if (converted.Crs is null) return [];

        var columns = osm ? new RoadMapping("highway", "maxspeed", "oneway", "name") : MappingOf(mapping, file.Properties);
        notes.Add(ImportMessages.Of(RoadsProblemCodes.NoteColumns, columns.Class, columns.Speed ?? "—", columns.OneWay ?? "—"));
        var lines = new List<RoadLine>();
        foreach (var feature in converted.Features)
        {
            var attributes = feature.Attributes;
            string? Property(string? name) => name is null ? null
                : osm && name is "maxspeed" or "oneway" ? OsmTag(GeoJsonFiles.Text(attributes, "other_tags"), name) : GeoJsonFiles.Text(attributes, name);
            if (feature.Geometry is not (LineString or MultiLineString))
            {
                errors.Add(new ImportError(fileName, feature.Number, "geometry", feature.Geometry?.GeometryType, RoadsProblemCodes.NotALine,
                    feature.Geometry?.GeometryType ?? "null"));
                continue;
            }
            var rawSpeed = Property(columns.Speed);
            double? ownSpeed = null;
            if (!string.IsNullOrWhiteSpace(rawSpeed) && (ownSpeed = RoadClasses.ParseSpeed(rawSpeed)) is null && !osm)
            {
                // OpenStreetMap's maxspeed may be "signals", "none" or a zone: the class speed applies then.
                errors.Add(new ImportError(fileName, feature.Number, columns.Speed!, rawSpeed, RoadsProblemCodes.SpeedFormat, rawSpeed));
                continue;
            }
            var rawOneWay = Property(columns.OneWay);
            if (RoadClasses.ParseOneWay(rawOneWay) is not { } oneWay)
            {
                errors.Add(new ImportError(fileName, feature.Number, columns.OneWay!, rawOneWay, RoadsProblemCodes.OneWayFormat, rawOneWay!));
                continue;
            }
            var cls = RoadClasses.Normalise(Property(columns.Class));
            if (cls is null && ownSpeed is null)
            {
                errors.Add(new ImportError(fileName, feature.Number, columns.Class, null, RoadsProblemCodes.ClassMissing, columns.Class));
                continue;
            }
            cls ??= "—";
            double speed;
            if (ownSpeed is { } own) speed = own;
            else if (speeds.TryGetValue(cls, out var known)) speed = known;
            else
            {
                errors.Add(new ImportError(fileName, feature.Number, columns.Class, cls, RoadsProblemCodes.ClassWithoutSpeed, cls));
                continue;
            }
            var name = Property(columns.Name);
            var geometry = (Geometry)feature.Geometry;
            for (var i = 0; i < geometry.NumGeometries; i++)
            {
                if (geometry.GetGeometryN(i) is LineString { NumPoints: >= 2 } part && part.Length > 0)
                {
                    part.SRID = 4326;
                    lines.Add(new RoadLine(feature.Number, part, cls, name, speed, oneWay));
                }
            }
        }
        if (lines.Count == 0 && errors.Count == 0) errors.Add(new ImportError(fileName, 0, "geometry", null, RoadsProblemCodes.NoLines));
        return lines;
    }

    /// <summary>
    /// The property mapping: the import's <c>class</c>/<c>speed</c>/<c>oneway</c>/<c>name</c> choices, else properties
    /// named like them (class: class, road_class, fclass, highway, 等级, 道路等级, 行政等级; speed: speed, speed_kmh,
    /// maxspeed, 速度, 限速; one-way: oneway, one_way, 单向, 单行; name: name, 名称, 道路名称).
    /// </summary>
    public static RoadMapping MappingOf(IReadOnlyDictionary<string, string>? mapping, IReadOnlyList<string> properties)
    {
        string? Pick(string key) => mapping is not null && mapping.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        string? ByName(params string[] names) => properties.FirstOrDefault(p => names.Contains(p, StringComparer.OrdinalIgnoreCase));
        return new RoadMapping(
            Pick("class") ?? ByName("class", "road_class", "roadclass", "fclass", "highway", "等级", "道路等级", "行政等级") ?? "class",
            Pick("speed") ?? ByName("speed", "speed_kmh", "maxspeed", "速度", "限速"),
            Pick("oneway") ?? ByName("oneway", "one_way", "单向", "单行"),
            Pick("name") ?? ByName("name", "名称", "道路名称"));
    }

    /// <summary>A tag's value from GDAL's <c>other_tags</c> text (<c>"oneway"=&gt;"yes","maxspeed"=&gt;"40"</c>); null when absent.</summary>
    internal static string? OsmTag(string? otherTags, string tag)
    {
        if (string.IsNullOrEmpty(otherTags)) return null;
        var key = $"\"{tag}\"=>\"";
        var at = otherTags.IndexOf(key, StringComparison.Ordinal);
        if (at < 0) return null;
        var start = at + key.Length;
        var end = otherTags.IndexOf('"', start);
        return end < 0 ? null : otherTags[start..end];
    }

    /// <summary>
    /// Converts an OpenStreetMap file to GeoJSON with <c>ogr2ogr</c> (GDAL's OSM driver, layer <c>lines</c>, only ways
    /// with a <c>highway</c> tag) in a private folder, then reads it as a line file.
    /// </summary>
    private static async Task<BoundaryFile> ReadOsmAsync(string path, string fileName, ArchiveLimits limits, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("riskmap-osm-");
        try
        {
            // GDAL picks the driver by extension: give the upload its own name inside the private folder.
            var input = Path.Combine(folder.FullName, fileName.ToLowerInvariant().EndsWith(".pbf", StringComparison.Ordinal) ? "roads.osm.pbf" : "roads.osm");
            File.Copy(path, input);
            var output = Path.Combine(folder.FullName, "roads.geojson");
            var start = new ProcessStartInfo("ogr2ogr")
            {
                RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
            };
            foreach (var a in new[] { "-f", "GeoJSON", "-where", "highway IS NOT NULL", "-select", "name,highway,other_tags", output, input, "lines" })
                start.ArgumentList.Add(a);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("ogr2ogr did not start.");
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            var message = (await stderr).Trim();
            if (process.ExitCode != 0 || !File.Exists(output))
                throw new ImportRejectedException([new ImportError(fileName, 0, "file", null, RoadsProblemCodes.OsmUnreadable,
                    message.Length > 0 ? message : process.ExitCode.ToString(CultureInfo.InvariantCulture))]);
            return await BoundaryFiles.ReadAsync(output, "roads.geojson", limits, cancellationToken);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
