using System.ComponentModel.DataAnnotations;
using RiskMap.Api.Contract;
using RiskMap.Api.Features.Ogc;

namespace RiskMap.UnitTests.Features;

/// <summary>The datetime grammar of OGC API – Features /req/core/fc-time-definition, read as China Standard Time days.</summary>
public sealed class OgcParametersTests
{
    /// <summary>
    /// The codes a datetime value gets: <see cref="OgcDatetime.ProblemCode"/> when it does not parse (binding fails),
    /// else those of the items query's own rules on it, naming datetime.
    /// </summary>
    private static List<string> DatetimeErrors(string value, out OgcPeriod? period)
    {
        period = null;
        if (!OgcDatetime.TryParse(value, null, out var datetime)) return [OgcDatetime.ProblemCode];
        period = datetime.Period;
        var query = new OgcItemsQuery(Datetime: datetime);
        var results = query.Validate(new ValidationContext(query)).ToList();
        Assert.All(results, r => Assert.Equal([nameof(OgcItemsQuery.Datetime)], r.MemberNames));
        return [.. results.Select(r => ((CodedValidationResult)r).Code)];
    }

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
        var errors = DatetimeErrors(value, out var period);
        Assert.True(errors.Count == 0, string.Join("; ", errors));
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
        var errors = DatetimeErrors(value, out _);
        Assert.Single(errors);
        Assert.Contains(errors[0], new[] { OgcProblemCodes.DatetimeFormat, OgcProblemCodes.DatetimeReversed });
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59Z")] // its day in China would be past 9999-12-31
    [InlineData("0001-01-01/..")]
    [InlineData("1949-09-30")]
    public void A_datetime_outside_the_days_kept_is_an_error_naming_datetime(string value)
        => Assert.Equal([OgcProblemCodes.DatetimeRange], DatetimeErrors(value, out _));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void An_absent_or_empty_datetime_is_no_period(string? value)
    {
        // Not a datetime: an absent one is no filter; an empty one does not bind (a 400 naming datetime, see ReadParameterMessagesTests).
        Assert.False(OgcDatetime.TryParse(value, null, out _));
        var query = new OgcItemsQuery(Datetime: null);
        Assert.Empty(query.Validate(new ValidationContext(query)));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("http://www.opengis.net/def/crs/OGC/1.3/CRS84", true)]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/3857", false)]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/4326", false)] // latitude first: not the same as CRS84
    public void Bbox_crs_is_crs84_only(string? value, bool valid)
    {
        var query = new OgcItemsQuery(BboxCrs: value);
        var results = query.Validate(new ValidationContext(query)).Cast<CodedValidationResult>().ToList();
        Assert.Equal(valid, results.Count == 0);
        Assert.All(results, r => Assert.Equal((OgcProblemCodes.BboxCrsUnsupported, nameof(OgcItemsQuery.BboxCrs)), (r.Code, r.MemberNames.Single())));
    }
}
