using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace RiskMap.Api.Geo;

/// <summary>Reads and writes GeoJSON (RFC 7946) with NetTopologySuite.IO.GeoJSON4STJ.</summary>
public static class GeoJsonFiles
{
    /// <summary>Serializer options with the NetTopologySuite GeoJSON converters (SRID 4326 factory).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>
    /// Reads a GeoJSON FeatureCollection, or a single Feature returned as a collection of one.
    /// </summary>
    /// <exception cref="JsonException">The text is not GeoJSON of one of those two types.</exception>
    public static async Task<FeatureCollection> ReadFeaturesAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        var type = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("type", out var t)
            ? t.GetString()
            : null;
        return type switch
        {
            "FeatureCollection" => document.RootElement.Deserialize<FeatureCollection>(Options)
                                   ?? throw new JsonException("Empty FeatureCollection."),
            "Feature" => [document.RootElement.Deserialize<IFeature>(Options) ?? throw new JsonException("Empty Feature.")],
            _ => throw new JsonException($"Expected a GeoJSON FeatureCollection or Feature, found type '{type ?? "(none)"}'."),
        };
    }

    /// <summary>A feature property as text: strings as they are, numbers in invariant form; null when absent or null.</summary>
    public static string? Text(IAttributesTable? attributes, string name)
    {
        if (attributes is null || !attributes.Exists(name)) return null;
        return attributes[name] switch
        {
            null => null,
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
            JsonElement e => e.GetRawText(),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            var other => other.ToString(),
        };
    }

    /// <summary>A feature property read as a boolean (true, "true", 1); false otherwise.</summary>
    public static bool Flag(IAttributesTable? attributes, string name)
        => Text(attributes, name)?.Trim().ToLowerInvariant() is "true" or "1" or "yes";

    /// <summary>Polygon or MultiPolygon as a MultiPolygon (SRID 4326); null for any other geometry type.</summary>
    public static MultiPolygon? AsMultiPolygon(Geometry? geometry) => geometry switch
    {
        MultiPolygon m => m,
        Polygon p => p.Factory.CreateMultiPolygon([p]),
        _ => null,
    };

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new GeoJsonConverterFactory(new GeometryFactory(new PrecisionModel(), 4326)));
        return options;
    }
}
