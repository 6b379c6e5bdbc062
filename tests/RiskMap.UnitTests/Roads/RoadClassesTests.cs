using RiskMap.Api.Features.Roads;

namespace RiskMap.UnitTests.Roads;

/// <summary>Road classes, speeds and one-way values as a road file writes them.</summary>
public sealed class RoadClassesTests
{
    [Theory]
    [InlineData("县道", "县道")]
    [InlineData(" X012 ", "县道")]
    [InlineData("g105", "国道")]
    [InlineData("S231", "省道")]
    [InlineData("Residential", "residential")]
    [InlineData("机耕路", "机耕路")]
    [InlineData("Xiang", "Xiang")]
    public void A_class_is_named_by_itself_or_its_route_number(string value, string expected)
        => Assert.Equal(expected, RoadClasses.Normalise(value));

    [Fact]
    public void Every_administrative_class_has_its_documented_speed()
        => Assert.Equal([60.0, 50, 40, 30, 20], new[] { "国道", "省道", "县道", "乡道", "村道" }.Select(c => RoadClasses.Defaults[c]));

    [Theory]
    [InlineData("40", 40.0)]
    [InlineData("60 km/h", 60.0)]
    [InlineData("30 mph", 48.28032)]
    [InlineData("0", null)]
    [InlineData("signals", null)]
    [InlineData("", null)]
    public void Speeds_are_km_per_hour_between_1_and_200(string value, double? expected)
    {
        var speed = RoadClasses.ParseSpeed(value);
        if (expected is null) Assert.Null(speed);
        else Assert.Equal(expected.Value, speed!.Value, 6);
    }

    [Theory]
    [InlineData("yes", OneWay.Forward)]
    [InlineData("FT", OneWay.Forward)]
    [InlineData("是", OneWay.Forward)]
    [InlineData("-1", OneWay.Backward)]
    [InlineData("TF", OneWay.Backward)]
    [InlineData("no", OneWay.Both)]
    [InlineData("", OneWay.Both)]
    [InlineData(null, OneWay.Both)]
    [InlineData("sometimes", null)]
    public void One_way_values_name_a_direction(string? value, OneWay? expected)
        => Assert.Equal(expected, RoadClasses.ParseOneWay(value));

    [Fact]
    public void Osm_tags_are_read_from_gdals_other_tags()
    {
        const string tags = "\"bridge\"=>\"yes\",\"oneway\"=>\"-1\",\"maxspeed\"=>\"40\"";
        Assert.Equal(("-1", "40", null), (RoadFiles.OsmTag(tags, "oneway"), RoadFiles.OsmTag(tags, "maxspeed"), RoadFiles.OsmTag(tags, "layer")));
    }
}
