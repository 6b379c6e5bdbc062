using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;
using RiskMap.Api.Geo;
using RiskMap.Api.Hosting;

namespace RiskMap.Api.Features.Import;

/// <summary>A feature of a boundary file as read, in the file's coordinate system.</summary>
/// <param name="Number">1-based position in the file.</param>
/// <param name="Geometry">Its geometry (null when it has none).</param>
/// <param name="Attributes">Its properties.</param>
public sealed record SourceFeature(int Number, Geometry? Geometry, IAttributesTable Attributes);

/// <summary>The features of a boundary file and what the file says about its coordinate system.</summary>
/// <param name="Format"><c>geojson</c>, <c>shapefile</c> or <c>geopackage</c>.</param>
/// <param name="Features">Features that could be read.</param>
/// <param name="Properties">Attribute names, in file order.</param>
/// <param name="DeclaredCrs">The system the metadata names, or null when the file names none.</param>
/// <param name="CrsMetadata">The metadata text (a .prj's WKT, a GeoJSON crs name, a GeoPackage srs), or null.</param>
/// <param name="Errors">Features (or the file) that could not be read: unclosed rings, broken geometry, unknown metadata.</param>
public sealed record BoundaryFile(string Format, IReadOnlyList<SourceFeature> Features, IReadOnlyList<string> Properties,
    SourceCrs? DeclaredCrs, string? CrsMetadata, IReadOnlyList<ImportError> Errors)
{
    /// <summary>
    /// True for a GeoJSON file holding one bare Polygon or MultiPolygon: its one feature has no properties, so its code
    /// and name come from the request (<see cref="ImportRequest.Code"/>, <see cref="ImportRequest.Name"/>).
    /// </summary>
    public bool BareGeometry { get; init; }

    /// <summary>The file with its one feature given <paramref name="code"/> and <paramref name="name"/> as properties <c>code</c> and <c>name</c>.</summary>
    public BoundaryFile Named(string? code, string? name)
    {
        var attributes = new AttributesTable();
        if (code is not null) attributes.Add("code", code);
        if (name is not null) attributes.Add("name", name);
        return this with { Features = [.. Features.Select(f => f with { Attributes = attributes })], Properties = attributes.GetNames() };
    }
}

/// <summary>
/// Reads boundary files with NetTopologySuite's readers: GeoJSON (FeatureCollection, Feature, a bare array of Features or
/// a bare Polygon/MultiPolygon, with an optional <c>crs</c> member; a feature's top-level <c>id</c> offered as the property
/// <c>id</c>) through NetTopologySuite.IO.GeoJSON4STJ, one feature at a time so that a broken feature is named;
/// a zipped ESRI Shapefile through NetTopologySuite.IO.Esri.Shapefile (attribute text in the .cpg's encoding, GBK when
/// there is no .cpg; coordinate system from the .prj through <see cref="PrjCrs"/>); a GeoPackage through
/// Microsoft.Data.Sqlite and NetTopologySuite.IO.GeoPackage (coordinate system from gpkg_spatial_ref_sys).
/// </summary>
public static class BoundaryFiles
{
    /// <summary>
    /// Reads <paramref name="path"/>, choosing the format by <paramref name="fileName"/>'s extension (.geojson/.json, .zip,
    /// .gpkg). A zip is unpacked within <paramref name="limits"/> into a private folder that is deleted before returning.
    /// </summary>
    /// <exception cref="ImportRejectedException">
    /// The file cannot be read at all (unknown extension, not a zip with one .shp, not a GeoPackage), or a zip is over
    /// <paramref name="limits"/> (the entry is named).
    /// </exception>
    public static async Task<BoundaryFile> ReadAsync(string path, string fileName, ArchiveLimits limits, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension switch
        {
            ".geojson" or ".json" => await ReadGeoJsonAsync(path, fileName, cancellationToken),
            ".zip" => ReadZippedShapefile(path, fileName, limits),
            ".gpkg" => ReadGeoPackage(path, fileName),
            _ => throw Reject(fileName, extension, ImportProblemCodes.BoundaryExtension),
        };
    }

    private static async Task<BoundaryFile> ReadGeoJsonAsync(string path, string fileName, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            throw Reject(fileName, null, ImportProblemCodes.NotJson, e.Message);
        }
        using var _ = document;
        var root = document.RootElement;
        var errors = new List<ImportError>();
        var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) ? t.GetString() : null;
        var bare = type is "Polygon" or "MultiPolygon";
        // Members of a bare array that are not Features are row errors naming the member (its 1-based position).
        var notFeatures = new HashSet<int>();
        var elements = type switch
        {
            "FeatureCollection" when root.TryGetProperty("features", out var f) && f.ValueKind == JsonValueKind.Array => f.EnumerateArray().ToList(),
            "Feature" => [root],
            _ when bare => [root],
            _ when root.ValueKind == JsonValueKind.Array => root.EnumerateArray().ToList(),
            _ => throw Reject(fileName, type, ImportProblemCodes.NotFeatureCollection),
        };
        if (root.ValueKind == JsonValueKind.Array)
        {
            for (var i = 0; i < elements.Count; i++)
            {
                var memberType = elements[i].ValueKind == JsonValueKind.Object && elements[i].TryGetProperty("type", out var mt) ? mt.ToString() : null;
                if (memberType == "Feature") continue;
                notFeatures.Add(i + 1);
                errors.Add(new ImportError(fileName, i + 1, "type", memberType ?? elements[i].ValueKind.ToString(), ImportProblemCodes.BoundaryArrayMemberNotFeature,
                    memberType ?? elements[i].ValueKind.ToString()));
            }
        }
        string? crsName = null;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("crs", out var crs) && crs.ValueKind == JsonValueKind.Object
            && crs.TryGetProperty("properties", out var props) && props.TryGetProperty("name", out var name))
            crsName = name.GetString();
        SourceCrs? declared = null;
        if (crsName is not null && (declared = SourceCrs.Parse(crsName)) is null)
            errors.Add(new ImportError(fileName, 0, "crs", crsName, ImportProblemCodes.GeoJsonCrsUnknown));

        var features = new List<SourceFeature>();
        var properties = new List<string>();
        for (var i = 0; i < elements.Count; i++)
        {
            var number = i + 1;
            if (notFeatures.Contains(number)) continue;
            if (UnclosedRing(elements[i], bare) is var (ring, polygon))
            {
                errors.Add(polygon is { } p
                    ? new ImportError(fileName, number, "geometry", Label(elements[i]), ImportProblemCodes.RingOpenInPolygon, ring, p)
                    : new ImportError(fileName, number, "geometry", Label(elements[i]), ImportProblemCodes.RingOpen, ring));
                continue;
            }
            try
            {
                var feature = bare
                    ? new Feature(elements[i].Deserialize<Geometry>(GeoJsonFiles.Options), new AttributesTable())
                    : elements[i].Deserialize<IFeature>(GeoJsonFiles.Options) ?? throw new JsonException("Empty feature.");
                var attributes = WithIdProperty(feature.Attributes ?? new AttributesTable(), elements[i]);
                foreach (var n in attributes.GetNames()) if (!properties.Contains(n)) properties.Add(n);
                features.Add(new SourceFeature(number, feature.Geometry, attributes));
            }
            catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
            {
                errors.Add(new ImportError(fileName, number, "geometry", Label(elements[i]), ImportProblemCodes.FeatureUnreadable, e.Message));
            }
        }
        return new BoundaryFile("geojson", features, properties, declared, crsName, errors) { BareGeometry = bare };
    }

    // A feature's top-level "id" is offered as the property "id" (unless the properties have one, or it has none), so that
    // the mapping can take it as the code when no code property exists. The reader's own id attribute is dropped.
    private static IAttributesTable WithIdProperty(IAttributesTable attributes, JsonElement feature)
    {
        var key = NetTopologySuite.IO.Converters.GeoJsonConverterFactory.DefaultIdPropertyName;
        var id = feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty("id", out var value)
            && value.ValueKind is JsonValueKind.String or JsonValueKind.Number ? value.ToString() : null;
        if (id is null && !attributes.Exists(key)) return attributes;
        var copy = new AttributesTable();
        foreach (var name in attributes.GetNames().Where(n => n != key)) copy.Add(name, attributes[name]);
        if (id is not null && !copy.Exists("id")) copy.Add("id", id);
        return copy;
    }

    // The first polygon ring whose first and last positions differ (ring number from 1, and the polygon's number in a
    // MultiPolygon of several), checked on the JSON before NetTopologySuite refuses the ring.
    private static (int Ring, int? Polygon)? UnclosedRing(JsonElement feature, bool bare)
    {
        var geometry = feature;
        if (!bare && (!feature.TryGetProperty("geometry", out geometry) || geometry.ValueKind != JsonValueKind.Object)) return null;
        if (!geometry.TryGetProperty("type", out var type) || !geometry.TryGetProperty("coordinates", out var coordinates)) return null;
        var polygons = type.GetString() switch
        {
            "Polygon" => [coordinates],
            "MultiPolygon" => coordinates.EnumerateArray().ToList(),
            _ => new List<JsonElement>(),
        };
        for (var p = 0; p < polygons.Count; p++)
        {
            var r = 0;
            foreach (var ring in polygons[p].EnumerateArray())
            {
                r++;
                var positions = ring.EnumerateArray().ToList();
                if (positions.Count == 0) continue;
                var first = positions[0].EnumerateArray().Take(2).Select(c => c.GetDouble()).ToArray();
                var last = positions[^1].EnumerateArray().Take(2).Select(c => c.GetDouble()).ToArray();
                if (!first.SequenceEqual(last)) return (r, polygons.Count > 1 ? p + 1 : null);
            }
        }
        return null;
    }

    private static string? Label(JsonElement feature)
    {
        if (!feature.TryGetProperty("properties", out var p) || p.ValueKind != JsonValueKind.Object) return null;
        var parts = p.EnumerateObject().Where(x => x.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number).Take(2)
            .Select(x => x.Value.ToString());
        return string.Join(" ", parts);
    }

    private static BoundaryFile ReadZippedShapefile(string path, string fileName, ArchiveLimits limits)
    {
        using var directory = PrivateFiles.CreateTemporaryDirectory(limits.WorkDirectory, "riskmap-shp-");
        List<ZipArchiveEntry> shps;
        using (var zip = ImportArchive.Open(File.OpenRead(path), fileName, limits, leaveOpen: false))
        {
            shps = zip.Entries.Where(e => e.FullName.EndsWith(".shp", StringComparison.OrdinalIgnoreCase) && !e.FullName.StartsWith("__MACOSX", StringComparison.Ordinal)).ToList();
            if (shps.Count != 1)
                throw Reject(fileName, string.Join(", ", shps.Select(s => s.FullName)), shps.Count == 0
                    ? ImportProblemCodes.ZipWithoutShapefile : ImportProblemCodes.ZipWithSeveralShapefiles);
            var stem = shps[0].FullName[..^4];
            var parts = zip.Entries.Where(e => e.FullName.StartsWith(stem + ".", StringComparison.OrdinalIgnoreCase) && e.FullName.Length <= stem.Length + 4)
                .GroupBy(e => Path.GetExtension(e.FullName).ToLowerInvariant()).ToList();
            if (parts.FirstOrDefault(p => p.Count() > 1) is { } twice)
                throw Reject(fileName, string.Join(", ", twice.Select(e => e.FullName)), ImportProblemCodes.ZipPartTwice, twice.Key);
            foreach (var part in parts) zip.ExtractTo(part.Single(), Path.Combine(directory.Path, "layer" + part.Key));
        }
        var shp = Path.Combine(directory.Path, "layer.shp");
        var prjPath = Path.ChangeExtension(shp, ".prj");
        var cpgPath = Path.ChangeExtension(shp, ".cpg");
        if (!File.Exists(Path.ChangeExtension(shp, ".dbf"))) throw Reject(fileName, shps[0].FullName, ImportProblemCodes.DbfMissing);
        var prj = File.Exists(prjPath) ? File.ReadAllText(prjPath).Trim() : null;
        var errors = new List<ImportError>();
        var encoding = CpgEncoding(cpgPath, fileName, errors);
        var declared = PrjCrs.Identify(prj);
        if (prj is not null && declared is null)
            errors.Add(new ImportError(fileName, 0, "crs", prj.Length > 200 ? prj[..200] : prj, ImportProblemCodes.PrjUnknown));

        var options = new ShapefileReaderOptions { Encoding = encoding, GeometryBuilderMode = GeometryBuilderMode.IgnoreInvalidShapes };
        List<SourceFeature> features;
        IReadOnlyList<string> properties;
        try
        {
            using var reader = Shapefile.OpenRead(shp, options);
            properties = reader.Fields.Select(f => f.Name).ToList();
            features = [];
            var number = 0;
            while (reader.Read(out var deleted))
            {
                number++;
                if (deleted) continue;
                var attributes = new AttributesTable();
                foreach (var field in reader.Fields) attributes.Add(field.Name, field.Value);
                features.Add(new SourceFeature(number, reader.Geometry, attributes));
            }
        }
        catch (Exception e) when (e is ShapefileException or IOException or ArgumentException or InvalidOperationException)
        {
            throw Reject(fileName, null, ImportProblemCodes.ShapefileUnreadable, e.Message);
        }
        return new BoundaryFile("shapefile", features, properties, declared, prj, errors);
    }

    // A .cpg names the code page of the .dbf's text (ESRI's convention); without one, Chinese shapefiles are GBK.
    private static Encoding CpgEncoding(string cpgPath, string fileName, List<ImportError> errors)
    {
        if (!File.Exists(cpgPath)) return TextEncodings.Gbk;
        var name = File.ReadAllText(cpgPath).Trim();
        try
        {
            return name.ToUpperInvariant() switch
            {
                "UTF-8" or "UTF8" or "65001" => new UTF8Encoding(false),
                "GBK" or "CP936" or "936" or "GB2312" => TextEncodings.Gbk,
                "GB18030" => TextEncodings.Gb18030,
                _ => TextEncodings.ByName(name),
            };
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            errors.Add(new ImportError(fileName, 0, "cpg", name, ImportProblemCodes.CpgUnknown));
            return TextEncodings.Gbk;
        }
    }

    private static BoundaryFile ReadGeoPackage(string path, string fileName)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            string table, geometryColumn;
            int srsId;
            using (var command = connection.CreateCommand())
            {
                command.CommandText = """
                    SELECT g.table_name, g.column_name, g.srs_id FROM gpkg_geometry_columns g
                    JOIN gpkg_contents c ON c.table_name = g.table_name WHERE c.data_type = 'features' ORDER BY g.table_name
                    """;
                using var reader = command.ExecuteReader();
                if (!reader.Read()) throw Reject(fileName, null, ImportProblemCodes.GeoPackageWithoutFeatures);
                var row = new SqlRow(reader);
                (table, geometryColumn, srsId) = (row.Get<string>("table_name"), row.Get<string>("column_name"), row.Get<int>("srs_id"));
            }
            string? organization = null, definition = null;
            var orgId = 0;
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = $id";
                command.Parameters.AddWithValue("$id", srsId);
                using var reader = command.ExecuteReader();
                var row = new SqlRow(reader);
                if (reader.Read())
                    (organization, orgId, definition) = (row.Get<string>("organization"), row.Get<int>("organization_coordsys_id"), row.Get<string>("definition"));
            }
            var errors = new List<ImportError>();
            var declared = string.Equals(organization, "EPSG", StringComparison.OrdinalIgnoreCase) && orgId > 0
                ? SourceCrs.Parse(orgId.ToString(System.Globalization.CultureInfo.InvariantCulture))
                : PrjCrs.Identify(definition);
            var metadata = organization is null ? null : $"{organization}:{orgId}";
            if (declared is null && srsId > 0)
                errors.Add(new ImportError(fileName, 0, "crs", metadata, ImportProblemCodes.GeoPackageSrsUnknown));

            var features = new List<SourceFeature>();
            var properties = new List<string>();
            var geoReader = new GeoPackageGeoReader();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"")}\"";
                using var reader = command.ExecuteReader();
                for (var i = 0; i < reader.FieldCount; i++)
                    if (reader.GetName(i) != geometryColumn && reader.GetName(i) != "fid") properties.Add(reader.GetName(i));
                var number = 0;
                while (reader.Read())
                {
                    number++;
                    var attributes = new AttributesTable();
                    Geometry? geometry = null;
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        var name = reader.GetName(i);
                        if (name == geometryColumn)
                        {
                            if (!reader.IsDBNull(i))
                            {
                                try
                                {
                                    geometry = geoReader.Read((byte[])reader.GetValue(i));
                                }
                                catch (Exception e) when (e is ArgumentException or ParseException or InvalidOperationException)
                                {
                                    errors.Add(new ImportError(fileName, number, "geometry", null, ImportProblemCodes.GeometryUnreadable, e.Message));
                                }
                            }
                        }
                        else if (name != "fid") attributes.Add(name, reader.IsDBNull(i) ? null : reader.GetValue(i));
                    }
                    features.Add(new SourceFeature(number, geometry, attributes));
                }
            }
            return new BoundaryFile("geopackage", features, properties, declared, metadata, errors);
        }
        catch (SqliteException e)
        {
            throw Reject(fileName, null, ImportProblemCodes.GeoPackageUnreadable, e.Message);
        }
    }

    private static ImportRejectedException Reject(string fileName, string? value, string code, params object?[] args)
        => new([new ImportError(fileName, 0, "", value, code, args)]);
}
