using System.Globalization;
using System.Text.RegularExpressions;

namespace RiskMap.Api.Geo;

/// <summary>
/// The coordinate system of an imported file: one of the four longitude/latitude systems of <see cref="GeographicSystem"/>
/// (converted in process by <see cref="ChinaCoordinates"/>) or an EPSG code that PostGIS reprojects with ST_Transform
/// (its spatial_ref_sys holds e.g. the CGCS2000 Gauss-Krüger zones EPSG:4491–4554 and the UTM zones).
/// </summary>
/// <param name="Geographic">The longitude/latitude system, or null for an EPSG code.</param>
/// <param name="Epsg">The EPSG code when <paramref name="Geographic"/> is null.</param>
public sealed record SourceCrs(GeographicSystem? Geographic, int? Epsg)
{
    /// <summary>How the API spells it: <c>wgs84</c>, <c>cgcs2000</c>, <c>gcj02</c>, <c>bd09</c> or <c>EPSG:4546</c>.</summary>
    public string Name => Geographic is { } g ? Crs.Name(g) : $"EPSG:{Epsg}";

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>A longitude/latitude system.</summary>
    public static SourceCrs Of(GeographicSystem system) => new(system, null);

    /// <summary>
    /// Parses a parameter: <c>wgs84</c>, <c>cgcs2000</c>, <c>gcj02</c>, <c>bd09</c>, or an EPSG code (<c>EPSG:4546</c>,
    /// <c>4546</c>); EPSG:4326 and EPSG:4490 become wgs84 and cgcs2000. Null when it is none of these.
    /// </summary>
    public static SourceCrs? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (Crs.Parse(text) is { } system) return Of(system);
        var value = text.Trim();
        foreach (var prefix in new[] { "EPSG:", "urn:ogc:def:crs:EPSG::", "urn:ogc:def:crs:EPSG:6.6:" })
            if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) value = value[prefix.Length..];
        if (value is "urn:ogc:def:crs:OGC:1.3:CRS84" or "urn:ogc:def:crs:OGC::CRS84" or "CRS84") return Of(GeographicSystem.Wgs84);
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code <= 0) return null;
        return code switch
        {
            4326 => Of(GeographicSystem.Wgs84),
            4490 => Of(GeographicSystem.Cgcs2000),
            _ => new SourceCrs(null, code),
        };
    }
}

/// <summary>
/// Identifies the coordinate system of a WKT definition (an ESRI .prj, a GeoPackage's definition) by its names and
/// parameters, without guessing: an EPSG AUTHORITY when present; the WGS 84 and CGCS2000 geographic systems by their
/// datum; CGCS2000 Gauss-Krüger zones (EPSG:4491–4554, the 6° and 3° zones with and without the zone number in the false
/// easting) and WGS 84 UTM zones (EPSG:326xx/327xx) by their Transverse Mercator parameters. Anything else is unknown
/// (null) and the user must name the system.
/// </summary>
/// <remarks>
/// Zone layout from the EPSG registry: 4491–4501 are the 6° zones 13–23 (central meridian 6·zone − 3, false easting
/// zone·10⁶ + 500 000); 4502–4512 the same meridians 75°E–135°E with false easting 500 000; 4513–4533 the 3° zones 25–45
/// (central meridian 3·zone); 4534–4554 the 3° meridians 75°E–135°E with false easting 500 000.
/// </remarks>
public static partial class PrjCrs
{
    /// <summary>The system <paramref name="wkt"/> defines, or null when it cannot be identified reliably.</summary>
    public static SourceCrs? Identify(string? wkt)
    {
        if (string.IsNullOrWhiteSpace(wkt)) return null;
        var text = wkt.Trim();
        if (TopAuthority().Match(text) is { Success: true } authority)
            return SourceCrs.Parse(authority.Groups[1].Value);

        var datum = Datum().Match(text).Groups[1].Value;
        var isCgcs2000 = datum.Contains("2000", StringComparison.Ordinal) && (datum.Contains("China", StringComparison.OrdinalIgnoreCase) || datum.Contains("CGCS", StringComparison.OrdinalIgnoreCase));
        var isWgs84 = datum.Replace("_", " ").Contains("WGS 1984", StringComparison.OrdinalIgnoreCase)
            || datum.Replace("_", " ").Contains("WGS 84", StringComparison.OrdinalIgnoreCase) || datum.Equals("WGS84", StringComparison.OrdinalIgnoreCase);

        if (text.StartsWith("GEOGCS", StringComparison.OrdinalIgnoreCase))
            return isCgcs2000 ? SourceCrs.Of(GeographicSystem.Cgcs2000) : isWgs84 ? SourceCrs.Of(GeographicSystem.Wgs84) : null;
        if (!text.StartsWith("PROJCS", StringComparison.OrdinalIgnoreCase)) return null;

        var projection = Projection().Match(text).Groups[1].Value.Replace(" ", "_");
        if (!projection.Equals("Transverse_Mercator", StringComparison.OrdinalIgnoreCase) && !projection.Equals("Gauss_Kruger", StringComparison.OrdinalIgnoreCase))
            return null;
        var p = Parameters().Matches(text).ToDictionary(
            m => m.Groups[1].Value.Replace(" ", "_").ToLowerInvariant(),
            m => double.Parse(m.Groups[2].Value, NumberStyles.Float, CultureInfo.InvariantCulture));
        double Get(string name) => p.TryGetValue(name, out var v) ? v : double.NaN;
        var (cm, fe, fn, k, lat0) = (Get("central_meridian"), Get("false_easting"), Get("false_northing"), Get("scale_factor"), Get("latitude_of_origin"));
        if (lat0 != 0 || double.IsNaN(cm) || cm != Math.Round(cm)) return null;
        var unit = LastUnit().Matches(text).LastOrDefault()?.Groups[1].Value ?? "";
        if (!unit.StartsWith("Met", StringComparison.OrdinalIgnoreCase)) return null;
        var name = ProjcsName().Match(text).Groups[1].Value;

        if (isCgcs2000 && k == 1 && fn == 0)
        {
            var meridian = (int)cm;
            var threeDegree = name.Contains("3_Degree", StringComparison.OrdinalIgnoreCase) || name.Contains("3-degree", StringComparison.OrdinalIgnoreCase);
            if (fe == 500000 && meridian is >= 75 and <= 135)
            {
                if (!threeDegree && (meridian - 75) % 6 == 0) return new SourceCrs(null, 4502 + (meridian - 75) / 6);
                if ((meridian - 75) % 3 == 0) return new SourceCrs(null, 4534 + (meridian - 75) / 3);
                return null;
            }
            var zone = (int)Math.Floor(fe / 1_000_000);
            if (fe != zone * 1_000_000 + 500000) return null;
            if (zone is >= 13 and <= 23 && meridian == 6 * zone - 3) return new SourceCrs(null, 4491 + zone - 13);
            if (zone is >= 25 and <= 45 && meridian == 3 * zone) return new SourceCrs(null, 4513 + zone - 25);
            return null;
        }
        if (isWgs84 && k == 0.9996 && fe == 500000 && (cm + 183) % 6 == 0)
        {
            var zone = (int)(cm + 183) / 6;
            return fn switch
            {
                0 => new SourceCrs(null, 32600 + zone),
                10000000 => new SourceCrs(null, 32700 + zone),
                _ => null,
            };
        }
        return null;
    }

    [GeneratedRegex("""AUTHORITY\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$""", RegexOptions.IgnoreCase)]
    private static partial Regex TopAuthority();

    [GeneratedRegex("""DATUM\[\s*"([^"]*)" """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Datum();

    [GeneratedRegex("""PROJECTION\[\s*"([^"]*)" """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Projection();

    [GeneratedRegex("""PARAMETER\[\s*"([^"]*)"\s*,\s*([-+0-9.eE]+)\s*\]""", RegexOptions.IgnoreCase)]
    private static partial Regex Parameters();

    [GeneratedRegex("""UNIT\[\s*"([^"]*)" """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex LastUnit();

    [GeneratedRegex("""^PROJCS\[\s*"([^"]*)" """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex ProjcsName();
}
