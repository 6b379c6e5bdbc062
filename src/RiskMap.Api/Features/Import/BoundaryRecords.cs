using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using RiskMap.Api.Domain;
using RiskMap.Api.Geo;

namespace RiskMap.Api.Features.Import;

/// <summary>Which feature properties hold a township's code, name and kind.</summary>
/// <param name="CodeProperty">Property with the 9-digit code.</param>
/// <param name="NameProperty">Property with the name.</param>
/// <param name="KindProperty">Property with Subdistrict/Town/Township; when absent the kind is derived from the name's ending (街道, 镇, 乡).</param>
public sealed record BoundaryMapping(string CodeProperty, string NameProperty, string? KindProperty)
{
    /// <summary>The demo files' names: <c>code</c>, <c>name</c>, <c>kind</c>.</summary>
    public static BoundaryMapping Default { get; } = new("code", "name", "kind");
}

/// <summary>What the features of a boundary file are.</summary>
public enum BoundaryLevel
{
    /// <summary>Townships (乡镇/街道): 9-digit codes, DataV/Amap <c>level</c> <c>street</c> (or <c>township</c>).</summary>
    Township,
    /// <summary>Districts (区/县): 6-digit codes, DataV/Amap <c>level</c> <c>district</c>.</summary>
    District,
}

/// <summary>A district outline to import, already in WGS-84.</summary>
/// <param name="Feature">1-based feature index in the source.</param>
/// <param name="Code">6-digit code (GB/T 2260).</param>
/// <param name="Name">Name.</param>
/// <param name="Boundary">WGS-84 MultiPolygon.</param>
/// <param name="Source">Provenance text.</param>
public sealed record DistrictBoundary(int Feature, string Code, string Name, MultiPolygon Boundary, string? Source);

/// <summary>
/// Turns GeoJSON/Shapefile/GeoPackage features into <see cref="TownshipBoundary"/> or <see cref="DistrictBoundary"/>
/// records. Properties in the Aliyun DataV / Amap convention are understood without a mapping: <c>adcode</c> is the
/// code, <c>name</c> the name, <c>level</c> (<c>district</c> or <c>street</c>) the level of the file, <c>parent.adcode</c>
/// the district of a township; <c>center</c>, <c>centroid</c>, <c>childrenNum</c>, <c>subFeatureIndex</c> and
/// <c>acroutes</c> are ignored.
/// </summary>
public static class BoundaryRecords
{
    /// <summary>The DataV/Amap property naming a feature's administrative level.</summary>
    public const string LevelProperty = "level";

    /// <summary>
    /// The mapping the import uses when none is given, and the preview suggests: <see cref="ImportPipeline.SuggestBoundaryMapping"/>
    /// over the file's properties and its first <see cref="ImportPreviews.Rows"/> features (the sample the preview shows).
    /// </summary>
    public static BoundaryMapping SuggestMapping(BoundaryFile file)
        => ImportPipeline.SuggestBoundaryMapping(file.Properties, file.Features.Take(ImportPreviews.Rows).Select(f => f.Attributes).ToList());

    /// <summary>
    /// The level of a file: <see cref="BoundaryLevel.District"/> when a feature's <c>level</c> is <c>district</c>, or when no
    /// feature has a level and every code read through <paramref name="mapping"/> has 6 digits; else townships.
    /// </summary>
    public static BoundaryLevel LevelOf(IReadOnlyList<SourceFeature> features, BoundaryMapping mapping)
    {
        var levels = features.Select(f => GeoJsonFiles.Text(f.Attributes, LevelProperty)?.Trim().ToLowerInvariant()).Where(l => l is not null).ToList();
        if (levels.Count > 0) return levels.Contains("district") ? BoundaryLevel.District : BoundaryLevel.Township;
        var codes = features.Select(f => ImportText.Normalize(GeoJsonFiles.Text(f.Attributes, mapping.CodeProperty))).ToList();
        return codes.Count > 0 && codes.All(c => c is { Length: 6 } && c.All(char.IsAsciiDigit)) ? BoundaryLevel.District : BoundaryLevel.Township;
    }

    /// <summary>
    /// Reads district features already converted to WGS-84: code and name through <paramref name="mapping"/>. Errors name
    /// the feature: a code that is not 6 digits (<see cref="ImportProblemCodes.BoundaryCodeLengthForLevel"/>), a feature
    /// whose <c>level</c> is not <c>district</c>, a missing name, no polygon, an empty or zero-area polygon.
    /// </summary>
    public static List<DistrictBoundary> ReadDistricts(IReadOnlyList<SourceFeature> features, string fileName, BoundaryMapping mapping,
        out List<ImportError> errors, string? source = null)
    {
        errors = [];
        var result = new List<DistrictBoundary>(features.Count);
        foreach (var feature in features)
        {
            var before = errors.Count;
            var code = ImportText.Normalize(GeoJsonFiles.Text(feature.Attributes, mapping.CodeProperty));
            var name = GeoJsonFiles.Text(feature.Attributes, mapping.NameProperty)?.Trim();
            CheckLevel(feature, BoundaryLevel.District, fileName, errors);
            if (string.IsNullOrEmpty(code)) errors.Add(new ImportError(fileName, feature.Number, mapping.CodeProperty, null, ImportProblemCodes.TownshipCodeRequired));
            else if (code.Length != 6 || !code.All(char.IsAsciiDigit))
                errors.Add(new ImportError(fileName, feature.Number, mapping.CodeProperty, code, ImportProblemCodes.BoundaryCodeLengthForLevel, "district", 6));
            if (string.IsNullOrEmpty(name)) errors.Add(new ImportError(fileName, feature.Number, mapping.NameProperty, null, ImportProblemCodes.TownshipNameRequired));
            var polygon = CheckedPolygon(feature, fileName, name ?? code, errors);
            if (errors.Count > before) continue;
            result.Add(new DistrictBoundary(feature.Number, code!, name!, polygon!, source));
        }
        return result;
    }

    // A feature's own level (DataV/Amap "level"), when it has one, must be the file's.
    private static void CheckLevel(SourceFeature feature, BoundaryLevel expected, string fileName, List<ImportError> errors)
    {
        var level = GeoJsonFiles.Text(feature.Attributes, LevelProperty)?.Trim();
        if (level is null) return;
        var read = level.ToLowerInvariant() switch
        {
            "district" => BoundaryLevel.District,
            "street" or "township" => BoundaryLevel.Township,
            _ => (BoundaryLevel?)null,
        };
        if (read != expected)
            errors.Add(new ImportError(fileName, feature.Number, LevelProperty, level, ImportProblemCodes.BoundaryLevelNotImportable,
                expected == BoundaryLevel.District ? "district" : "street"));
    }

    // The feature's polygon as a WGS-84 MultiPolygon, or a row error naming the feature: not a polygon, no coordinates, or
    // no area left once repaired (NetTopologySuite's GeometryFixer, the rules of ST_MakeValid).
    private static MultiPolygon? CheckedPolygon(SourceFeature feature, string fileName, string? label, List<ImportError> errors)
    {
        var polygon = GeoJsonFiles.AsMultiPolygon(feature.Geometry);
        if (polygon is null)
        {
            errors.Add(new ImportError(fileName, feature.Number, "geometry", feature.Geometry?.GeometryType ?? "null", ImportProblemCodes.PolygonExpected));
            return null;
        }
        if (polygon.IsEmpty)
        {
            errors.Add(new ImportError(fileName, feature.Number, "geometry", label, ImportProblemCodes.BoundaryGeometryEmpty, feature.Number));
            return null;
        }
        var repaired = polygon.IsValid ? polygon : GeometryFixer.Fix(polygon);
        if (repaired.IsEmpty || repaired.Area <= 0)
        {
            errors.Add(new ImportError(fileName, feature.Number, "geometry", label, ImportProblemCodes.BoundaryGeometryDegenerate, feature.Number));
            return null;
        }
        polygon.SRID = 4326;
        return polygon;
    }

    /// <summary>
    /// The 6-digit <c>parent.adcode</c> of a DataV/Amap feature (an object property <c>parent</c> with <c>adcode</c>), or null.
    /// </summary>
    public static string? ParentCode(IAttributesTable? attributes)
    {
        if (attributes is null || !attributes.Exists("parent")) return null;
        var code = attributes["parent"] switch
        {
            JsonElement { ValueKind: JsonValueKind.Object } e when e.TryGetProperty("adcode", out var a) => a.ToString(),
            IAttributesTable t => GeoJsonFiles.Text(t, "adcode"),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(code) ? null : code.Trim();
    }

    /// <summary>
    /// Reads township features already converted to WGS-84 (see <see cref="BoundaryConversion"/>): code, name and kind
    /// through <paramref name="mapping"/>; Polygon promoted to MultiPolygon. Features with errors are left out and
    /// reported in <paramref name="errors"/> with their 1-based index.
    /// </summary>
    /// <param name="features">The features, WGS-84.</param>
    /// <param name="fileName">The file's name, for the errors.</param>
    /// <param name="mapping">Which properties hold code, name and kind.</param>
    /// <param name="errors">Every feature's errors: missing code or name, a code of other than 9 digits when the feature's
    /// <c>level</c> says street, a <c>parent.adcode</c> that is not the code's district, a kind that cannot be read or
    /// derived, no polygon, an empty or zero-area polygon.</param>
    /// <param name="source">Provenance text stored with each boundary.</param>
    /// <param name="derivedKinds">When given, receives "name → kind" for every township whose kind was derived from its name.</param>
    public static List<TownshipBoundary> ReadTownships(IReadOnlyList<SourceFeature> features, string fileName, BoundaryMapping mapping,
        out List<ImportError> errors, string? source = null, List<string>? derivedKinds = null)
    {
        errors = [];
        var result = new List<TownshipBoundary>(features.Count);
        foreach (var feature in features)
        {
            var number = feature.Number;
            var code = ImportText.Normalize(GeoJsonFiles.Text(feature.Attributes, mapping.CodeProperty));
            var name = GeoJsonFiles.Text(feature.Attributes, mapping.NameProperty)?.Trim();
            var before = errors.Count;
            if (string.IsNullOrEmpty(code)) errors.Add(new ImportError(fileName, number, mapping.CodeProperty, null, ImportProblemCodes.TownshipCodeRequired));
            if (string.IsNullOrEmpty(name)) errors.Add(new ImportError(fileName, number, mapping.NameProperty, null, ImportProblemCodes.TownshipNameRequired));
            CheckLevel(feature, BoundaryLevel.Township, fileName, errors);
            if (!string.IsNullOrEmpty(code) && GeoJsonFiles.Text(feature.Attributes, LevelProperty) is not null && (code.Length != 9 || !code.All(char.IsAsciiDigit)))
                errors.Add(new ImportError(fileName, number, mapping.CodeProperty, code, ImportProblemCodes.BoundaryCodeLengthForLevel, "street", 9));
            if (ParentCode(feature.Attributes) is { Length: 6 } parent && code is { Length: 9 } && !code.StartsWith(parent, StringComparison.Ordinal))
                errors.Add(new ImportError(fileName, number, "parent", parent, ImportProblemCodes.BoundaryParentMismatch, code, parent));
            var kind = ReadKind(feature.Attributes, mapping, name, fileName, number, errors, out var derived);
            var polygon = CheckedPolygon(feature, fileName, name ?? code, errors);
            if (errors.Count > before) continue;
            if (derived) derivedKinds?.Add($"{name} → {kind}");
            result.Add(new TownshipBoundary(number, code!, name!, kind, polygon!,
                GeoJsonFiles.Flag(feature.Attributes, "illustrative"), GeoJsonFiles.Text(feature.Attributes, "source") ?? source));
        }
        return result;
    }

    /// <summary>The features of a WGS-84 GeoJSON collection as <see cref="SourceFeature"/>s (1-based numbers).</summary>
    public static List<SourceFeature> Features(NetTopologySuite.Features.FeatureCollection collection)
        => collection.Select((f, i) => new SourceFeature(i + 1, f.Geometry, f.Attributes ?? new AttributesTable())).ToList();

    /// <summary>Kind from a name's ending: 街道 → Subdistrict, 镇 → Town, 乡 → Township; null when none matches.</summary>
    public static TownshipKind? KindFromName(string? name) => name switch
    {
        null => null,
        _ when name.EndsWith("街道", StringComparison.Ordinal) => TownshipKind.Subdistrict,
        _ when name.EndsWith('镇') => TownshipKind.Town,
        _ when name.EndsWith('乡') => TownshipKind.Township,
        _ => null,
    };

    private static TownshipKind ReadKind(IAttributesTable? attributes, BoundaryMapping mapping, string? name, string fileName, int number,
        List<ImportError> errors, out bool derived)
    {
        derived = false;
        var text = mapping.KindProperty is null ? null : GeoJsonFiles.Text(attributes, mapping.KindProperty)?.Trim();
        if (text is not null)
        {
            if (Enum.TryParse<TownshipKind>(text, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !text.All(char.IsAsciiDigit)) return kind;
            if (ChineseLabels.Parse<TownshipKind>(text) is { } labelled) return labelled;
            errors.Add(new ImportError(fileName, number, mapping.KindProperty!, text, ImportProblemCodes.TownshipKindFormat));
            return default;
        }
        if (KindFromName(name) is { } fromName)
        {
            derived = true;
            return fromName;
        }
        if (name is not null)
            errors.Add(new ImportError(fileName, number, mapping.KindProperty ?? mapping.NameProperty, name, ImportProblemCodes.TownshipKindUnderivable, "街道/镇/乡"));
        return default;
    }
}
