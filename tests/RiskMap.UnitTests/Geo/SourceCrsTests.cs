using RiskMap.Api.Geo;

namespace RiskMap.UnitTests.Geo;

public sealed class SourceCrsTests
{
    // .prj files as GDAL's ogr2ogr (ESRI WKT) writes them for the named EPSG codes.
    private const string Cgcs2000 = """GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]""";

    private static string Gk(string name, double falseEasting, double meridian, string datum = "D_China_2000", string geogcs = "GCS_China_Geodetic_Coordinate_System_2000") =>
        $$"""PROJCS["{{name}}",GEOGCS["{{geogcs}}",DATUM["{{datum}}",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",{{falseEasting:0.0}}],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",{{meridian:0.0}}],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]""";

    public static TheoryData<string, string?> Prj => new()
    {
        { Gk("CGCS2000_3_Degree_GK_CM_111E", 500000, 111), "EPSG:4546" },
        { Gk("CGCS2000_3_Degree_GK_CM_108E", 500000, 108), "EPSG:4545" },
        { Gk("CGCS2000_3_Degree_GK_Zone_37", 37500000, 111), "EPSG:4525" },
        { Gk("CGCS2000_GK_CM_123E", 500000, 123), "EPSG:4510" },
        { Gk("CGCS2000_GK_Zone_19", 19500000, 111), "EPSG:4497" },
        { """PROJCS["WGS_1984_UTM_Zone_49N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]""", "EPSG:32649" },
        { Cgcs2000, "cgcs2000" },
        { """GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]""", "wgs84" },
        { """GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]]""", "wgs84" },
        // Xi'an 1980 needs datum parameters a .prj does not carry: not guessed.
        { Gk("Xian_1980_3_Degree_GK_CM_114E", 500000, 114, "D_Xian_1980", "GCS_Xian_1980"), null },
        // A false easting that fits no zone.
        { Gk("CGCS2000_custom", 400000, 111), null },
        { "not a prj", null },
    };

    [Theory]
    [MemberData(nameof(Prj))]
    public void A_prj_is_identified_by_its_names_and_parameters_or_not_at_all(string wkt, string? expected)
        => Assert.Equal(expected, PrjCrs.Identify(wkt)?.Name);

    [Theory]
    [InlineData("gcj02", "gcj02")]
    [InlineData("BD-09", "bd09")]
    [InlineData("EPSG:4326", "wgs84")]
    [InlineData("4490", "cgcs2000")]
    [InlineData("EPSG:4546", "EPSG:4546")]
    [InlineData("urn:ogc:def:crs:EPSG::4547", "EPSG:4547")]
    [InlineData("urn:ogc:def:crs:OGC:1.3:CRS84", "wgs84")]
    [InlineData("mercator", null)]
    [InlineData("EPSG:-1", null)]
    public void Crs_parameters_and_geojson_crs_names_are_parsed(string text, string? expected)
        => Assert.Equal(expected, SourceCrs.Parse(text)?.Name);
}
