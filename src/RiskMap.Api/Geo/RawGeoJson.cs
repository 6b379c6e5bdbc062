using System.Text.Json;
using System.Text.Json.Serialization;

namespace RiskMap.Api.Geo;

/// <summary>
/// A GeoJSON geometry (RFC 7946, WGS-84 longitude/latitude) already rendered as JSON text, typically by PostGIS
/// <c>ST_AsGeoJSON</c>, written into responses as it is, without parsing it again.
/// </summary>
/// <param name="Json">The geometry object's JSON text.</param>
[JsonConverter(typeof(RawGeoJsonConverter))]
public readonly record struct RawGeoJson(string Json)
{
    /// <summary>
    /// The same WGS-84 geometry expressed in <paramref name="system"/> (e.g. GCJ-02 to overlay an Amap or Tencent basemap);
    /// itself for WGS-84 and CGCS2000. Parses and rewrites the JSON with NetTopologySuite.
    /// </summary>
    public RawGeoJson In(GeographicSystem system)
    {
        if (system is GeographicSystem.Wgs84 or GeographicSystem.Cgcs2000) return this;
        var geometry = JsonSerializer.Deserialize<NetTopologySuite.Geometries.Geometry>(Json, GeoJsonFiles.Options)
            ?? throw new JsonException("Empty geometry.");
        return new RawGeoJson(JsonSerializer.Serialize(ChinaCoordinates.FromWgs84(system, geometry), GeoJsonFiles.Options));
    }
}

/// <summary>Writes <see cref="RawGeoJson"/> verbatim; reads any JSON value into its text.</summary>
public sealed class RawGeoJsonConverter : JsonConverter<RawGeoJson>
{
    /// <inheritdoc />
    public override RawGeoJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawGeoJson(document.RootElement.GetRawText());
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, RawGeoJson value, JsonSerializerOptions options)
        => writer.WriteRawValue(value.Json, skipInputValidation: true);
}
