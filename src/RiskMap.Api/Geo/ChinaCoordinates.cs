using NetTopologySuite.Geometries;

namespace RiskMap.Api.Geo;

/// <summary>
/// Converts between WGS-84 and the two offset coordinate systems used by Chinese web maps:
/// GCJ-02 (国测局坐标, Amap, Tencent, Aliyun DataV) and BD-09 (Baidu). Coordinates are longitude and
/// latitude in degrees. The offsets (a few hundred metres) apply only inside mainland China, decided by
/// <see cref="ChinaOutline.Contains"/>; a point outside is returned unchanged in every direction.
/// </summary>
/// <remarks>
/// The forward GCJ-02 transform is the published obfuscation formula (Krasovsky 1940 ellipsoid,
/// a = 6 378 245 m, e² = 0.006 693 421 622 965 943 23); BD-09 adds Baidu's published rotation with
/// x_pi = π·3000/180 on top of GCJ-02. Neither has a closed-form inverse, so the inverses are solved
/// by fixed-point iteration until the forward image of the estimate is within 1e-10° (about 0.01 mm)
/// of the input — well under the 0.01 m the import path promises.
/// </remarks>
public static class ChinaCoordinates
{
    private const double KrasovskyA = 6378245.0;
    private const double KrasovskyE2 = 0.00669342162296594323;
    private const double XPi = Math.PI * 3000.0 / 180.0;
    private const double InverseTolerance = 1e-10;
    private const int MaxIterations = 30;

    /// <summary>WGS-84 → GCJ-02. Outside mainland China the input is returned.</summary>
    public static (double Lon, double Lat) Wgs84ToGcj02(double lon, double lat)
    {
        if (!ChinaOutline.Contains(lon, lat)) return (lon, lat);
        var (dLon, dLat) = Gcj02Offset(lon, lat);
        return (lon + dLon, lat + dLat);
    }

    /// <summary>GCJ-02 → WGS-84 by iteration (error below 1e-10°). Outside mainland China the input is returned.</summary>
    public static (double Lon, double Lat) Gcj02ToWgs84(double lon, double lat)
    {
        if (!ChinaOutline.Contains(lon, lat)) return (lon, lat);
        return Invert(lon, lat, static (x, y) =>
        {
            var (dx, dy) = Gcj02Offset(x, y);
            return (x + dx, y + dy);
        });
    }

    /// <summary>GCJ-02 → BD-09 (Baidu's published rotation). Outside mainland China the input is returned.</summary>
    public static (double Lon, double Lat) Gcj02ToBd09(double lon, double lat)
    {
        if (!ChinaOutline.Contains(lon, lat)) return (lon, lat);
        return Gcj02ToBd09Unchecked(lon, lat);
    }

    /// <summary>BD-09 → GCJ-02 by iteration. Outside mainland China the input is returned.</summary>
    public static (double Lon, double Lat) Bd09ToGcj02(double lon, double lat)
    {
        if (!ChinaOutline.Contains(lon, lat)) return (lon, lat);
        return Invert(lon, lat, Gcj02ToBd09Unchecked);
    }

    /// <summary>WGS-84 → BD-09 (through GCJ-02). Outside mainland China the input is returned.</summary>
    public static (double Lon, double Lat) Wgs84ToBd09(double lon, double lat)
    {
        if (!ChinaOutline.Contains(lon, lat)) return (lon, lat);
        var (gLon, gLat) = Wgs84ToGcj02(lon, lat);
        return Gcj02ToBd09Unchecked(gLon, gLat);
    }

    /// <summary>BD-09 → WGS-84 (through GCJ-02, both inverses iterated). Outside mainland China the input is returned.</summary>
    public static (double Lon, double Lat) Bd09ToWgs84(double lon, double lat)
    {
        if (!ChinaOutline.Contains(lon, lat)) return (lon, lat);
        var (gLon, gLat) = Bd09ToGcj02(lon, lat);
        return Gcj02ToWgs84(gLon, gLat);
    }

    /// <summary>Converts a coordinate from <paramref name="from"/> to WGS-84.</summary>
    /// <exception cref="ArgumentOutOfRangeException">For a system that is not geographic (only WGS-84, CGCS2000, GCJ-02, BD-09 are).</exception>
    public static (double Lon, double Lat) ToWgs84(GeographicSystem from, double lon, double lat) => from switch
    {
        GeographicSystem.Wgs84 or GeographicSystem.Cgcs2000 => (lon, lat),
        GeographicSystem.Gcj02 => Gcj02ToWgs84(lon, lat),
        GeographicSystem.Bd09 => Bd09ToWgs84(lon, lat),
        _ => throw new ArgumentOutOfRangeException(nameof(from), from, "Unknown geographic system."),
    };

    /// <summary>Converts a WGS-84 coordinate to <paramref name="to"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">For an unknown system.</exception>
    public static (double Lon, double Lat) FromWgs84(GeographicSystem to, double lon, double lat) => to switch
    {
        GeographicSystem.Wgs84 or GeographicSystem.Cgcs2000 => (lon, lat),
        GeographicSystem.Gcj02 => Wgs84ToGcj02(lon, lat),
        GeographicSystem.Bd09 => Wgs84ToBd09(lon, lat),
        _ => throw new ArgumentOutOfRangeException(nameof(to), to, "Unknown geographic system."),
    };

    /// <summary>
    /// Returns a copy of <paramref name="geometry"/> with every coordinate converted from <paramref name="from"/>
    /// to WGS-84 and SRID 4326. Z and M are dropped. The input is not modified.
    /// </summary>
    public static TGeometry ToWgs84<TGeometry>(GeographicSystem from, TGeometry geometry) where TGeometry : Geometry
        => Transform(geometry, (x, y) => ToWgs84(from, x, y));

    /// <summary>Decimal places of the degrees the service writes: 7, about 1 cm.</summary>
    public const int OutputDecimals = 7;

    private static readonly PrecisionModel OutputPrecision = new(Math.Pow(10, OutputDecimals));

    /// <summary>A WGS-84 coordinate converted to <paramref name="to"/> for output: <see cref="FromWgs84(GeographicSystem, double, double)"/> rounded to <see cref="OutputDecimals"/>.</summary>
    public static (double Lon, double Lat) OutputFromWgs84(GeographicSystem to, double lon, double lat)
    {
        var (x, y) = FromWgs84(to, lon, lat);
        return (Math.Round(x, OutputDecimals), Math.Round(y, OutputDecimals));
    }

    /// <summary>
    /// Returns a copy of a WGS-84 <paramref name="geometry"/> with every coordinate converted to <paramref name="to"/> and
    /// rounded to <see cref="OutputDecimals"/> (the output of every export and every non-WGS-84 answer). Rings stay closed
    /// (their first and last positions round alike); a polygon that rounding would make invalid is snapped instead with
    /// NetTopologySuite's GeometryPrecisionReducer, which keeps it valid. Z and M are dropped. The input is not modified.
    /// </summary>
    public static TGeometry FromWgs84<TGeometry>(GeographicSystem to, TGeometry geometry) where TGeometry : Geometry
        => Rounded(Transform(geometry, (x, y) => FromWgs84(to, x, y)));

    /// <summary><paramref name="geometry"/> with coordinates rounded to <see cref="OutputDecimals"/>, kept valid (see <see cref="FromWgs84{TGeometry}(GeographicSystem, TGeometry)"/>).</summary>
    public static TGeometry Rounded<TGeometry>(TGeometry geometry) where TGeometry : Geometry
        => KeptValid(geometry, Transform(geometry, (x, y) => (Math.Round(x, OutputDecimals), Math.Round(y, OutputDecimals))));

    // A rounded copy of a valid polygon that rounding made invalid is snapped with GeometryPrecisionReducer instead.
    private static TGeometry KeptValid<TGeometry>(TGeometry original, TGeometry rounded) where TGeometry : Geometry
    {
        if (original is not IPolygonal || rounded.IsValid || !original.IsValid) return rounded;
        var snapped = NetTopologySuite.Precision.GeometryPrecisionReducer.Reduce(original, OutputPrecision);
        return Srid4326(snapped switch
        {
            TGeometry same => same,
            Polygon p when typeof(TGeometry) == typeof(MultiPolygon) => (TGeometry)(Geometry)p.Factory.CreateMultiPolygon([p]),
            _ => rounded,
        });
    }

    private static TGeometry Srid4326<TGeometry>(TGeometry geometry) where TGeometry : Geometry
    {
        geometry.SRID = 4326;
        return geometry;
    }

    /// <summary>
    /// A copy of <paramref name="geometry"/> with every coordinate mapped by <paramref name="convert"/> into a plain XY
    /// sequence (so Z and M are gone, not merely blanked) and SRID 4326. The input is not modified.
    /// </summary>
    internal static TGeometry Transform<TGeometry>(TGeometry geometry, Func<double, double, (double, double)> convert)
        where TGeometry : Geometry
    {
        var factory = new GeometryFactory(geometry.PrecisionModel, 4326);
        var editor = new NetTopologySuite.Geometries.Utilities.GeometryEditor(factory);
        var copy = (TGeometry)editor.Edit(geometry, XYOperation(convert));
        copy.SRID = 4326;
        return copy;
    }

    private static NetTopologySuite.Geometries.Utilities.GeometryEditor.CoordinateSequenceOperation XYOperation(
        Func<double, double, (double, double)> convert)
        => new((coordinates, _) =>
        {
            var result = new NetTopologySuite.Geometries.Implementation.CoordinateArraySequence(coordinates.Count, 2, 0);
            for (var i = 0; i < coordinates.Count; i++)
            {
                var (x, y) = convert(coordinates.GetX(i), coordinates.GetY(i));
                result.SetX(i, x);
                result.SetY(i, y);
            }
            return result;
        });

    private static (double Lon, double Lat) Gcj02ToBd09Unchecked(double lon, double lat)
    {
        var z = Math.Sqrt(lon * lon + lat * lat) + 0.00002 * Math.Sin(lat * XPi);
        var theta = Math.Atan2(lat, lon) + 0.000003 * Math.Cos(lon * XPi);
        return (z * Math.Cos(theta) + 0.0065, z * Math.Sin(theta) + 0.006);
    }

    /// <summary>Solves forward(x) = target for x by fixed-point iteration x ← x − (forward(x) − target).</summary>
    private static (double Lon, double Lat) Invert(double lon, double lat, Func<double, double, (double, double)> forward)
    {
        double x = lon, y = lat;
        for (var i = 0; i < MaxIterations; i++)
        {
            var (fx, fy) = forward(x, y);
            double ex = fx - lon, ey = fy - lat;
            x -= ex;
            y -= ey;
            if (Math.Abs(ex) < InverseTolerance && Math.Abs(ey) < InverseTolerance) break;
        }
        return (x, y);
    }

    private static (double DLon, double DLat) Gcj02Offset(double lon, double lat)
    {
        double x = lon - 105.0, y = lat - 35.0;
        var dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.Sqrt(Math.Abs(x));
        dLat += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        dLat += (20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        dLat += (160.0 * Math.Sin(y / 12.0 * Math.PI) + 320.0 * Math.Sin(y * Math.PI / 30.0)) * 2.0 / 3.0;

        var dLon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.Sqrt(Math.Abs(x));
        dLon += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        dLon += (20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        dLon += (150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;

        var radLat = lat / 180.0 * Math.PI;
        var magic = Math.Sin(radLat);
        magic = 1 - KrasovskyE2 * magic * magic;
        var sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (KrasovskyA * (1 - KrasovskyE2) / (magic * sqrtMagic) * Math.PI);
        dLon = dLon * 180.0 / (KrasovskyA / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (dLon, dLat);
    }
}

/// <summary>The geographic (longitude/latitude) coordinate systems the service accepts and serves.</summary>
public enum GeographicSystem
{
    /// <summary>WGS-84, EPSG:4326: GPS and phones; what the database stores.</summary>
    Wgs84,
    /// <summary>CGCS2000, EPSG:4490: official Chinese surveys; treated as equal to WGS-84 at map scale (under 1 m apart).</summary>
    Cgcs2000,
    /// <summary>GCJ-02: Amap, Tencent, Aliyun DataV.</summary>
    Gcj02,
    /// <summary>BD-09: Baidu.</summary>
    Bd09,
}
