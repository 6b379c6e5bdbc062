namespace RiskMap.Api.Geo;

/// <summary>Names of the geographic systems as the API spells them: <c>wgs84</c>, <c>cgcs2000</c>, <c>gcj02</c>, <c>bd09</c>.</summary>
public static class Crs
{
    /// <summary>The accepted names, lower case.</summary>
    public static readonly string[] Names = ["wgs84", "cgcs2000", "gcj02", "bd09"];

    /// <summary>Parses a name (case-insensitive; also EPSG:4326 and EPSG:4490); null when unknown.</summary>
    public static GeographicSystem? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "wgs84" or "wgs-84" or "epsg:4326" or "4326" => GeographicSystem.Wgs84,
        "cgcs2000" or "epsg:4490" or "4490" => GeographicSystem.Cgcs2000,
        "gcj02" or "gcj-02" => GeographicSystem.Gcj02,
        "bd09" or "bd-09" => GeographicSystem.Bd09,
        _ => null,
    };

    /// <summary>The API name of a system.</summary>
    public static string Name(GeographicSystem system) => system switch
    {
        GeographicSystem.Wgs84 => "wgs84",
        GeographicSystem.Cgcs2000 => "cgcs2000",
        GeographicSystem.Gcj02 => "gcj02",
        GeographicSystem.Bd09 => "bd09",
        _ => throw new ArgumentOutOfRangeException(nameof(system)),
    };
}
