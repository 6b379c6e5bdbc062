using NetTopologySuite.Features;
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

/// <summary>Turns GeoJSON/Shapefile/GeoPackage features into <see cref="TownshipBoundary"/> records.</summary>
public static class BoundaryRecords
{
    /// <summary>
    /// Reads township features already converted to WGS-84 (see <see cref="BoundaryConversion"/>): code, name and kind
    /// through <paramref name="mapping"/>; Polygon promoted to MultiPolygon. Features with errors are left out and
    /// reported in <paramref name="errors"/> with their 1-based index.
    /// </summary>
    public static List<TownshipBoundary> ReadTownships(IReadOnlyList<SourceFeature> features, string fileName, BoundaryMapping mapping,
        out List<ImportError> errors, string? source = null)
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
            var kind = ReadKind(feature.Attributes, mapping, name, fileName, number, errors);
            var polygon = GeoJsonFiles.AsMultiPolygon(feature.Geometry);
            if (polygon is null)
                errors.Add(new ImportError(fileName, number, "geometry", feature.Geometry?.GeometryType ?? "null", ImportProblemCodes.PolygonExpected));
            if (errors.Count > before) continue;
            polygon!.SRID = 4326;
            result.Add(new TownshipBoundary(number, code!, name!, kind, polygon,
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
        List<ImportError> errors)
    {
        var text = mapping.KindProperty is null ? null : GeoJsonFiles.Text(attributes, mapping.KindProperty)?.Trim();
        if (text is not null)
        {
            if (Enum.TryParse<TownshipKind>(text, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !text.All(char.IsAsciiDigit)) return kind;
            if (ChineseLabels.Parse<TownshipKind>(text) is { } labelled) return labelled;
            errors.Add(new ImportError(fileName, number, mapping.KindProperty!, text, ImportProblemCodes.TownshipKindFormat));
            return default;
        }
        if (KindFromName(name) is { } derived) return derived;
        if (name is not null)
            errors.Add(new ImportError(fileName, number, mapping.KindProperty ?? mapping.NameProperty, name, ImportProblemCodes.TownshipKindUnderivable, "街道/镇/乡"));
        return default;
    }
}
