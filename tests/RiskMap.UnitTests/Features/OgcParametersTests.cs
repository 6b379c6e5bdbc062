using RiskMap.Api.Features;
using RiskMap.Api.Features.Ogc;

namespace RiskMap.UnitTests.Features;

/// <summary>The datetime grammar of OGC API – Features /req/core/fc-time-definition, read as China Standard Time days.</summary>
public sealed class OgcParametersTests
{
    [Theory]
    [InlineData("2020-06-30T12:00:00Z", "2020-06-30", "2020-06-30")]
    [InlineData("2020-06-30T15:59:59.999Z", "2020-06-30", "2020-06-30")]
    [InlineData("2020-06-30T16:00:00Z", "2020-07-01", "2020-07-01")] // midnight in China
    [InlineData("2020-06-30t16:00:00z", "2020-07-01", "2020-07-01")] // RFC 3339 §5.6: T and Z may be lower case
    [InlineData("2020-07-01T00:00:00+08:00", "2020-07-01", "2020-07-01")]
    [InlineData("2020-06-30T23:00:00-05:00", "2020-07-01", "2020-07-01")]
    [InlineData("2020-06-30", "2020-06-30", "2020-06-30")]
    [InlineData("2020-01-01T00:00:00+08:00/2020-03-31T23:59:59+08:00", "2020-01-01", "2020-03-31")]
    [InlineData("2020-01-01/2020-01-01", "2020-01-01", "2020-01-01")]
    [InlineData("2020-01-01T00:00:00Z/..", "2020-01-01", null)]
    [InlineData("2020-01-01T00:00:00Z/", "2020-01-01", null)]
    [InlineData("../2020-03-31T00:00:00Z", null, "2020-03-31")]
    [InlineData("/2020-03-31T00:00:00Z", null, "2020-03-31")]
    public void A_datetime_becomes_days(string value, string? from, string? to)
    {
        var q = new RequestValidator();
        var period = OgcParameters.Period(q, "datetime", value);
        Assert.True(q.IsValid, string.Join("; ", q.Errors.SelectMany(e => e.Value)));
        Assert.Equal(new OgcPeriod(from is null ? null : DateOnly.Parse(from), to is null ? null : DateOnly.Parse(to)), period);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2020-06-30T12:00:00")] // no offset
    [InlineData("2020-06-30T12:00Z")] // no seconds
    [InlineData("2020-06-30 12:00:00Z")]
    [InlineData("2020-02-30T12:00:00Z")]
    [InlineData("2020-6-30")]
    [InlineData("..")]
    [InlineData("../..")]
    [InlineData("/")]
    [InlineData("2020-07-01/2020-06-30")]
    [InlineData("2020-01-01/2020-02-01/2020-03-01")]
    public void A_malformed_datetime_is_an_error_naming_datetime(string value)
    {
        var q = new RequestValidator();
        Assert.Null(OgcParameters.Period(q, "datetime", value));
        Assert.Equal(["datetime"], q.Errors.Keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void An_absent_or_empty_datetime_is_no_filter(string? value)
    {
        var q = new RequestValidator();
        Assert.Null(OgcParameters.Period(q, "datetime", value));
        Assert.True(q.IsValid);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("http://www.opengis.net/def/crs/OGC/1.3/CRS84", true)]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/3857", false)]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/4326", false)] // latitude first: not the same as CRS84
    public void Bbox_crs_is_crs84_only(string? value, bool valid)
    {
        var q = new RequestValidator();
        OgcParameters.BboxCrs(q, "bbox-crs", value);
        Assert.Equal(valid, q.IsValid);
    }
}
