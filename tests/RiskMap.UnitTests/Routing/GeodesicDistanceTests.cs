using RiskMap.Api.Features.Routing;

namespace RiskMap.UnitTests.Routing;

public class GeodesicDistanceTests
{
    private static double Dms(int degrees, int minutes, double seconds) =>
        Math.Sign(degrees) * (Math.Abs(degrees) + minutes / 60.0 + seconds / 3600.0);

    public static TheoryData<string, LonLat, LonLat, double, double> KnownLines => new()
    {
        // Vincenty (1975), the worked example: Flinders Peak to Buninyong, 54 972.271 m.
        {
            "Flinders Peak – Buninyong",
            new LonLat(Dms(144, 25, 29.52440), Dms(-37, 57, 03.72030)),
            new LonLat(Dms(143, 55, 35.38390), Dms(-37, 39, 10.15610)),
            54_972.271, 0.001
        },
        // Along the equator the geodesic is the equator: 1° of longitude = a·π/180.
        { "equator 1° of longitude", new LonLat(0, 0), new LonLat(1, 0), 6_378_137 * Math.PI / 180, 0.001 },
        { "equator 10° across the antimeridian", new LonLat(175, 0), new LonLat(-175, 0), 6_378_137 * Math.PI / 18, 0.001 },
        // Quarter meridian of WGS-84 (pole to equator), 10 001 965.729 m.
        { "pole to equator", new LonLat(0, 0), new LonLat(0, 90), 10_001_965.729, 0.001 },
        { "pole to equator, southern", new LonLat(111.6, -90), new LonLat(111.6, 0), 10_001_965.729, 0.001 },
        // Nearly antipodal but still convergent (181 iterations); GeographicLib (Karney 2013) gives 19 936 288.579 m.
        { "nearly antipodal, convergent", new LonLat(0, 0), new LonLat(179.5, 0.5), 19_936_288.579, 0.001 },
        { "same point", new LonLat(111.61, 26.42), new LonLat(111.61, 26.42), 0, 0 },
    };

    [Theory]
    [MemberData(nameof(KnownLines))]
    public void Matches_known_geodesic_lengths(string line, LonLat from, LonLat to, double expectedMetres, double toleranceMetres)
    {
        Assert.True(Math.Abs(GeodesicDistance.Metres(from, to) - expectedMetres) <= toleranceMetres,
            $"{line}: {GeodesicDistance.Metres(from, to):F4} m, expected {expectedMetres:F4} ± {toleranceMetres} m");
        Assert.Equal(GeodesicDistance.Metres(from, to), GeodesicDistance.Metres(to, from), 6);
    }

    [Fact]
    public void Nearly_antipodal_points_fall_back_to_the_sphere_within_half_a_percent()
    {
        // Antipodes on the equator: the shortest geodesic runs over the poles, two quarter meridians.
        var from = new LonLat(0, 0);
        var to = new LonLat(180, 0);
        const double expected = 2 * 10_001_965.729;

        var metres = GeodesicDistance.Metres(from, to);

        Assert.True(Math.Abs(metres - expected) / expected < 0.005, $"{metres} m");
    }

    [Theory]
    [InlineData(0.0, 0.0, 0.5, 179.7)]
    [InlineData(0.0, 0.0, 0.0, 179.9)]
    public void Non_convergent_pairs_use_the_fallback(double lat1, double lon1, double lat2, double lon2)
    {
        var from = new LonLat(lon1, lat1);
        var to = new LonLat(lon2, lat2);

        Assert.Null(GeodesicDistance.Vincenty(from, to));
        Assert.Equal(GeodesicDistance.Haversine(from, to), GeodesicDistance.Metres(from, to));
    }

    [Theory]
    [InlineData(181, 0, "from")]
    [InlineData(0, -90.5, "from")]
    [InlineData(double.NaN, 0, "from")]
    public void Rejects_points_out_of_range(double lon, double lat, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => GeodesicDistance.Metres(new LonLat(lon, lat), new LonLat(0, 0)));
        Assert.Equal(parameter, error.ParamName);
    }
}

public class DistanceMatrixTests
{
    [Fact]
    public void Straight_line_matrix_is_symmetric_with_a_zero_diagonal()
    {
        LonLat[] points = [new(111.61, 26.42), new(111.70, 26.50), new(111.55, 26.30), new(111.61, 26.42), new(112.0, 26.9)];

        var matrix = DistanceMatrix.StraightLine(points);

        Assert.Equal(DistanceKind.StraightLine, matrix.Kind);
        Assert.Equal(points.Length, matrix.Count);
        for (var i = 0; i < points.Length; i++)
        {
            Assert.Equal(0, matrix[i, i]);
            for (var j = 0; j < points.Length; j++)
            {
                Assert.Equal(matrix[i, j], matrix[j, i]);
                Assert.Equal(GeodesicDistance.Metres(points[i], points[j]), matrix[i, j], 6);
            }
        }
        Assert.Equal(0, matrix[0, 3]); // the same place twice
    }

    [Fact]
    public void Rejects_a_non_square_matrix_or_a_non_zero_diagonal()
    {
        Assert.Throws<ArgumentException>(() => new DistanceMatrix(DistanceKind.Road, new double[2, 3]));
        Assert.Throws<ArgumentException>(() => new DistanceMatrix(DistanceKind.Road, new double[,] { { 1, 2 }, { 2, 0 } }));
        Assert.Throws<ArgumentException>(() => new DistanceMatrix(DistanceKind.Road, new double[,] { { 0, -2 }, { 2, 0 } }));
    }
}
