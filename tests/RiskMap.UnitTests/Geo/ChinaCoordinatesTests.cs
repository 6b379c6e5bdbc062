using RiskMap.Api.Geo;

namespace RiskMap.UnitTests.Geo;

public sealed class ChinaCoordinatesTests
{
    /// <summary>Metres between two nearby points (equirectangular approximation, better than 0.1 % over a few km).</summary>
    private static double Metres((double Lon, double Lat) a, (double Lon, double Lat) b)
    {
        var lat = (a.Lat + b.Lat) / 2 * Math.PI / 180;
        var dx = (a.Lon - b.Lon) * 111_320 * Math.Cos(lat);
        var dy = (a.Lat - b.Lat) * 110_574;
        return Math.Sqrt(dx * dx + dy * dy);
    }

    public static TheoryData<string, double, double> PlacesInChina => new()
    {
        { "Lengshuitan", 111.5929, 26.4612 },
        { "Changsha", 112.9388, 28.2282 },
        { "Beijing", 116.3975, 39.9087 },
        { "Urumqi", 87.6168, 43.8256 },
        { "Harbin", 126.6424, 45.7567 },
        { "Sanya", 109.5119, 18.2528 },
        { "Lhasa", 91.1409, 29.6456 },
        { "Shanghai", 121.4737, 31.2304 },
    };

    public static TheoryData<string, double, double> PlacesOutsideChina => new()
    {
        { "Busan", 129.0756, 35.1796 },
        { "Vladivostok", 131.8869, 43.1155 },
        { "Bangkok", 100.5018, 13.7563 },
        { "Seoul", 126.9780, 37.5665 },
        { "Pyongyang", 125.7625, 39.0392 },
        { "Hanoi", 105.8342, 21.0278 },
        { "Ulaanbaatar", 106.9057, 47.8864 },
        { "Taipei", 121.5654, 25.0330 },
        { "Tokyo", 139.6917, 35.6895 },
        { "Paris", 2.3522, 48.8566 },
    };

    [Theory]
    [MemberData(nameof(PlacesInChina))]
    public void Gcj02_round_trip_is_within_a_centimetre_and_the_offset_is_hundreds_of_metres(string place, double lon, double lat)
    {
        var gcj = ChinaCoordinates.Wgs84ToGcj02(lon, lat);
        var back = ChinaCoordinates.Gcj02ToWgs84(gcj.Lon, gcj.Lat);
        Assert.True(Metres((lon, lat), back) < 0.01, $"{place}: round trip error {Metres((lon, lat), back)} m");
        Assert.InRange(Metres((lon, lat), gcj), 50, 1000);
    }

    [Theory]
    [MemberData(nameof(PlacesInChina))]
    public void Bd09_round_trip_is_within_a_centimetre(string place, double lon, double lat)
    {
        var bd = ChinaCoordinates.Wgs84ToBd09(lon, lat);
        var back = ChinaCoordinates.Bd09ToWgs84(bd.Lon, bd.Lat);
        Assert.True(Metres((lon, lat), back) < 0.01, $"{place}: round trip error {Metres((lon, lat), back)} m");
        Assert.InRange(Metres((lon, lat), bd), 300, 2000);
    }

    [Fact]
    public void A_control_point_in_Changsha_shifts_by_several_hundred_metres_north_west_to_south_east()
    {
        var (lon, lat) = ChinaCoordinates.Wgs84ToGcj02(112.9388, 28.2282);
        Assert.InRange(Metres((112.9388, 28.2282), (lon, lat)), 300, 800);
        Assert.True(lon > 112.9388, "GCJ-02 moves Changsha east");
        Assert.True(lat < 28.2282, "GCJ-02 moves Changsha south");
    }

    [Theory]
    [MemberData(nameof(PlacesOutsideChina))]
    public void Points_outside_China_are_never_shifted(string place, double lon, double lat)
    {
        Assert.Equal((lon, lat), ChinaCoordinates.Wgs84ToGcj02(lon, lat));
        Assert.Equal((lon, lat), ChinaCoordinates.Gcj02ToWgs84(lon, lat));
        Assert.Equal((lon, lat), ChinaCoordinates.Wgs84ToBd09(lon, lat));
        Assert.Equal((lon, lat), ChinaCoordinates.Bd09ToWgs84(lon, lat));
        Assert.False(ChinaOutline.Contains(lon, lat), place);
    }

    [Theory]
    [InlineData(GeographicSystem.Wgs84)]
    [InlineData(GeographicSystem.Cgcs2000)]
    [InlineData(GeographicSystem.Gcj02)]
    [InlineData(GeographicSystem.Bd09)]
    public void Geometries_convert_vertex_by_vertex_and_lose_z(GeographicSystem system)
    {
        var factory = new NetTopologySuite.Geometries.GeometryFactory();
        var line = factory.CreateLineString([new NetTopologySuite.Geometries.CoordinateZ(111.59, 26.46, 120), new NetTopologySuite.Geometries.CoordinateZ(111.60, 26.47, 130)]);
        var converted = ChinaCoordinates.FromWgs84(system, line);
        var back = ChinaCoordinates.ToWgs84(system, converted);
        Assert.Equal(4326, back.SRID);
        for (var i = 0; i < 2; i++)
        {
            Assert.True(Metres((line.Coordinates[i].X, line.Coordinates[i].Y), (back.Coordinates[i].X, back.Coordinates[i].Y)) < 0.01);
            Assert.True(double.IsNaN(back.Coordinates[i].Z));
        }
        Assert.Equal(111.59, line.Coordinates[0].X); // the input is not modified
    }

    /// <summary>
    /// The policy for Hong Kong, Macau and Taiwan (README, "Coordinate systems"): Hong Kong and Macau are shifted like
    /// the mainland (Amap and Baidu serve them offset), Taiwan is not (their data there is unshifted WGS-84), in both
    /// directions and for GCJ-02 and BD-09 alike.
    /// </summary>
    [Theory]
    [InlineData("Hong Kong, Central", 114.1588, 22.2819, true)]
    [InlineData("Hong Kong, Sha Tin", 114.1882, 22.3817, true)]
    [InlineData("Macau, Senado Square", 113.5393, 22.1935, true)]
    [InlineData("Taiwan, Taipei", 121.5654, 25.0330, false)]
    [InlineData("Taiwan, Kaohsiung", 120.3014, 22.6273, false)]
    public void Hong_Kong_and_Macau_are_shifted_and_Taiwan_is_not(string place, double lon, double lat, bool shifted)
    {
        foreach (var system in new[] { GeographicSystem.Gcj02, GeographicSystem.Bd09 })
        {
            var there = ChinaCoordinates.FromWgs84(system, lon, lat);
            var back = ChinaCoordinates.ToWgs84(system, lon, lat);
            if (shifted)
            {
                // GCJ-02 moves these places 250–600 m; BD-09 about a kilometre.
                Assert.InRange(Metres((lon, lat), there), 200, 1500);
                Assert.InRange(Metres((lon, lat), back), 200, 1500);
                Assert.True(Metres((lon, lat), ChinaCoordinates.ToWgs84(system, there.Lon, there.Lat)) < 0.01, $"{place} {system}: round trip");
            }
            else
            {
                Assert.Equal((lon, lat), there);
                Assert.Equal((lon, lat), back);
            }
        }
    }

    [Fact]
    public void Output_coordinates_have_7_decimals_and_rounded_rings_stay_closed_and_valid()
    {
        var factory = new NetTopologySuite.Geometries.GeometryFactory(new NetTopologySuite.Geometries.PrecisionModel(), 4326);
        var polygon = factory.CreatePolygon([new(111.123456789, 26.123456789), new(111.2234567891, 26.1234567891), new(111.2234567891, 26.22345678912),
            new(111.123456789, 26.123456789)]);
        foreach (var system in Enum.GetValues<GeographicSystem>())
        {
            var output = ChinaCoordinates.FromWgs84(system, polygon);
            Assert.True(output.IsValid);
            Assert.Equal(output.Coordinates[0], output.Coordinates[^1]);
            Assert.All(output.Coordinates, c => Assert.Equal(Math.Round(c.X, 7), c.X));
            Assert.All(output.Coordinates, c => Assert.Equal(Math.Round(c.Y, 7), c.Y));
            var (x, y) = ChinaCoordinates.OutputFromWgs84(system, 111.123456789, 26.123456789);
            Assert.Equal((Math.Round(x, 7), Math.Round(y, 7)), (x, y));
            Assert.Equal(output.Coordinates[0].X, x);
        }
    }
}
