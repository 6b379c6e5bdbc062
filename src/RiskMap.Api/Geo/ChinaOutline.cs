using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace RiskMap.Api.Geo;

/// <summary>
/// A coarse outline of mainland China and Hainan (WGS-84, degrees) that decides where the GCJ-02 and BD-09
/// offsets apply. Taiwan is outside; Hong Kong and Macau fall inside at this resolution.
/// </summary>
/// <remarks>
/// Hand-digitised by the project from the public course of China's land borders (the Amur, Ussuri,
/// Tumen and Yalu rivers; the borders with Vietnam, Laos, Myanmar, the Himalayan states, Central Asia
/// and Mongolia) and its coastline, with about 90 vertices. Its accuracy is tens of kilometres: enough
/// to leave Seoul, Busan, Pyongyang, Vladivostok, Hanoi, Bangkok and Ulaanbaatar unshifted while every
/// Chinese county seat is shifted. A point within a few kilometres of the border should not rely on it.
/// </remarks>
public static class ChinaOutline
{
    private static readonly (double Lon, double Lat)[] Mainland =
    [
        (135.09, 48.44), (134.2, 47.3), (133.9, 46.3), (133.2, 45.2), (132.0, 45.1), (131.2, 44.9), (131.3, 44.0),
        (131.1, 43.4), (130.64, 42.42), (129.6, 42.3), (128.1, 41.95), (126.6, 41.6), (125.3, 40.6), (124.1, 39.8),
        (121.6, 39.3), (121.1, 38.7), (122.7, 37.4), (120.6, 36.1), (119.2, 34.8), (120.5, 33.0), (121.9, 31.7),
        (122.3, 30.0), (121.8, 28.8), (120.9, 27.4), (119.9, 26.0), (118.5, 24.4), (117.0, 23.3), (115.5, 22.6),
        (114.4, 22.1), (113.4, 21.9), (111.7, 21.4), (110.5, 20.3), (109.7, 21.3), (108.3, 21.5), (107.3, 21.6),
        (106.7, 22.0), (106.6, 22.9), (105.3, 23.3), (103.9, 22.5), (102.4, 22.6), (101.7, 21.2), (100.2, 21.4),
        (99.2, 22.1), (99.3, 22.9), (98.6, 23.9), (97.6, 23.9), (97.6, 24.8), (98.7, 25.9), (98.7, 27.5),
        (97.5, 28.3), (96.3, 29.0), (95.4, 29.2), (94.2, 28.9), (93.0, 27.9), (91.6, 27.9), (89.6, 28.2),
        (88.8, 27.3), (88.1, 27.9), (86.0, 27.9), (84.1, 28.6), (82.0, 30.1), (81.1, 30.1), (79.0, 31.2),
        (78.8, 32.5), (79.4, 33.2), (78.1, 34.6), (77.8, 35.5), (76.1, 36.0), (75.4, 36.9), (74.5, 37.4),
        (73.6, 38.6), (73.7, 39.5), (75.6, 40.6), (76.8, 41.0), (78.4, 41.6), (80.2, 42.2), (80.2, 43.9),
        (80.8, 45.1), (82.6, 45.4), (82.3, 46.2), (83.0, 47.2), (85.7, 47.0), (87.3, 49.2), (89.0, 48.0),
        (91.0, 46.0), (93.5, 44.9), (95.3, 44.2), (96.4, 42.7), (101.8, 42.5), (105.0, 41.6), (110.4, 42.8),
        (111.9, 43.7), (114.5, 44.9), (116.6, 46.3), (118.9, 46.7), (119.8, 47.0), (118.5, 47.9), (116.2, 47.8),
        (115.5, 48.2), (116.7, 49.84), (117.9, 49.5), (119.2, 50.3), (120.8, 52.6), (122.5, 53.4), (125.5, 53.1),
        (127.3, 50.7), (130.6, 48.9), (132.5, 47.7), (134.7, 48.4), (135.09, 48.44),
    ];

    private static readonly (double Lon, double Lat)[] Hainan =
    [
        (108.6, 19.2), (109.6, 18.1), (110.6, 18.4), (111.1, 19.7), (110.6, 20.2), (109.6, 20.1), (108.6, 19.2),
    ];

    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private static readonly IPreparedGeometry Prepared = PreparedGeometryFactory.Prepare(
        Factory.CreateMultiPolygon([Ring(Mainland), Ring(Hainan)]));

    /// <summary>The outline as a WGS-84 MultiPolygon (SRID 4326).</summary>
    public static MultiPolygon Geometry => (MultiPolygon)Prepared.Geometry;

    /// <summary>True when the point (degrees) lies inside or on the outline.</summary>
    public static bool Contains(double lon, double lat)
        => lon is > 73 and < 136 && lat is > 17 and < 54 && Prepared.Covers(Factory.CreatePoint(new Coordinate(lon, lat)));

    private static Polygon Ring((double Lon, double Lat)[] points)
        => Factory.CreatePolygon(points.Select(p => new Coordinate(p.Lon, p.Lat)).ToArray());
}
