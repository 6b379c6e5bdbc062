using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using RiskMap.Api.Contract;
using RiskMap.Api.Features;
using RiskMap.Api.Features.Ogc;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>
/// A bad parameter of the read endpoints (statistics, townships, tiles, OGC API) is a 400 naming the parameter with the
/// same code in every language, its message in Chinese under <c>zh-CN</c> and in English under <c>en</c>.
/// </summary>
public sealed class ReadParameterMessagesTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private async Task<JsonElement> ProblemAsync(string url, string language, HttpStatusCode status)
    {
        using var client = await app.ClientForAsync("admin");
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{url} ({language}): {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static TheoryData<string, string, string, string, string> BadParameters => new()
    {
        {
            "/api/v1/statistics?from=2020-10-01&to=2020-09-30", "to", ProblemCodes.PeriodReversed,
            "“to”（2020-09-30）早于“from”（2020-10-01）。", "'to' (2020-09-30) is before 'from' (2020-10-01)."
        },
        {
            "/api/v1/statistics?from=2020-01-01&to=2020-09-30&sector=coal", "sector", ProblemCodes.FormatSector,
            $"“coal”不是行业代码，可用：{Sectors}。", $"'coal' is not a sector. Known sectors: {Sectors}."
        },
        {
            "/api/v1/statistics?from=2020-01-01&to=2020-09-30&district=43110", "district", ProblemCodes.FormatCode,
            "“43110”不是 6 位数字代码。", "'43110' is not a 6-digit code."
        },
        {
            "/api/v1/townships/43119400", "code", ProblemCodes.FormatCode,
            "“43119400”不是 9 位数字代码。", "'43119400' is not a 9-digit code."
        },
        {
            "/api/v1/townships/choropleth?metric=closed", "metric", ProblemCodes.FormatOneOf,
            "“closed”不是允许的值，可用：openMajor, openGeneral, overdue。", "'closed' is not allowed. Use one of: openMajor, openGeneral, overdue."
        },
        {
            // The empty database holds no district: the district must come first.
            "/api/v1/townships/choropleth", "district", RiskMap.Api.Contract.ProblemCodes.DistrictNone,
            "数据库中还没有区县：请先导入一个区县。", "The database holds no district yet: import one first."
        },
        {
            "/api/v1/tiles/enterprises/3/8/0.mvt", "x", ProblemCodes.Range,
            "应在 0 到 7 之间（收到 8）。", "Must be from 0 to 7 (got 8)."
        },
        {
            "/api/v1/tiles/enterprises/8/0/0.mvt?asOf=9999-12-31", "asOf", ProblemCodes.DateRange,
            "日期应在 1949-10-01 到 2100-12-31 之间（收到 9999-12-31）。", "9999-12-31 is outside the allowed range 1949-10-01 … 2100-12-31."
        },
        {
            "/ogc/collections/hazards/items?limit=10001", "limit", ProblemCodes.Range,
            "应在 1 到 10000 之间（收到 10001）。", "Must be from 1 to 10000 (got 10001)."
        },
        {
            "/ogc/collections/hazards/items?datetime=yesterday", "datetime", OgcProblemCodes.DatetimeFormat,
            "“yesterday”不是日期时间（RFC 3339，如 2020-06-30T12:00:00Z），也不是以“..”表示开放端的区间 起/止（如 2020-01-01T00:00:00Z/..）；时区偏移中的“+”请写作 %2B。",
            "'yesterday' is not a date-time (RFC 3339, e.g. 2020-06-30T12:00:00Z) or an interval start/end with '..' for an open end (e.g. 2020-01-01T00:00:00Z/..); send a '+' offset as %2B."
        },
        {
            "/ogc/collections/hazards/items?datetime=2020-07-01/2020-06-01", "datetime", OgcProblemCodes.DatetimeReversed,
            "“2020-07-01/2020-06-01”的结束早于开始。", "'2020-07-01/2020-06-01' ends before it starts."
        },
        {
            "/ogc/collections/townships/items?sector=gas", "sector", OgcProblemCodes.FilterUnknown,
            "要素集 townships 没有“sector”过滤条件。它的过滤条件：bbox, district。", "The collection townships has no 'sector' filter. Its filters: bbox, district."
        },
        {
            "/ogc/collections/enterprises/items?bbox=200,0,201,1", "bbox", ProblemCodes.FormatBoundingBox,
            "“200,0,201,1”不是有效的范围“最小经度,最小纬度,最大经度,最大纬度”：经度在 ±180 之内，纬度在 ±90 之内，最小值在前。",
            "'200,0,201,1' is not a bounding box 'minLon,minLat,maxLon,maxLat': longitudes within ±180, latitudes within ±90, minimum before maximum."
        },
        {
            "/ogc?f=html", "f", ProblemCodes.FormatOneOf,
            "“html”不是允许的值，可用：json。", "'html' is not allowed. Use one of: json."
        },
    };

    private static string Sectors => string.Join(", ", RiskMap.Api.Domain.Sector.All.Select(s => s.Code));

    [Theory]
    [MemberData(nameof(BadParameters))]
    public async Task A_bad_parameter_is_chinese_under_zh_CN_and_english_under_en_with_the_same_code_naming_it(
        string url, string parameter, string code, string chinese, string english)
    {
        foreach (var (language, text) in new[] { ("zh-CN", chinese), ("en", english) })
        {
            var problem = await ProblemAsync(url, language, HttpStatusCode.BadRequest);
            Assert.Equal([parameter], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
            Assert.Equal(text, problem.GetProperty("errors").GetProperty(parameter)[0].GetString());
            Assert.Equal(code, problem.GetProperty("errorCodes").GetProperty(parameter)[0].GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task An_unknown_collection_is_a_404_in_the_callers_language_with_its_code()
    {
        var zh = await ProblemAsync("/ogc/collections/nothing/items", "zh-CN", HttpStatusCode.NotFound);
        var en = await ProblemAsync("/ogc/collections/nothing/items", "en", HttpStatusCode.NotFound);
        Assert.Equal(OgcProblemCodes.CollectionUnknown, zh.GetProperty("code").GetString());
        Assert.Equal(OgcProblemCodes.CollectionUnknown, en.GetProperty("code").GetString());
        Assert.Equal("未知的要素集", zh.GetProperty("title").GetString());
        Assert.Equal("没有名为“nothing”的要素集。要素集：townships, enterprises, hazards（参数“collectionId”）。", zh.GetProperty("detail").GetString());
        Assert.Equal("Unknown collection", en.GetProperty("title").GetString());
        Assert.Equal("No collection is called 'nothing'. Collections: townships, enterprises, hazards (parameter 'collectionId').", en.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_township_is_a_404_in_the_callers_language_naming_code()
    {
        var zh = await ProblemAsync("/api/v1/townships/431194999", "zh-CN", HttpStatusCode.NotFound);
        var en = await ProblemAsync("/api/v1/townships/431194999", "en", HttpStatusCode.NotFound);
        Assert.Equal(ProblemCodes.TownshipUnknown, zh.GetProperty("code").GetString());
        Assert.Equal(ProblemCodes.TownshipUnknown, en.GetProperty("code").GetString());
        Assert.Equal("没有代码为“431194999”的乡镇（参数“code”）。", zh.GetProperty("detail").GetString());
        Assert.Equal("No township has the code '431194999' (parameter 'code').", en.GetProperty("detail").GetString());
    }

    /// <summary>
    /// A parameter given empty counts as not given, whatever its type (the service drops empty query values before
    /// binding): a default or no filter, or — for a required one — a 400 naming it as missing. Never a value to look up.
    /// </summary>
    [Theory]
    [InlineData("/ogc/collections/townships/items?datetime=", null)]
    [InlineData("/ogc/collections/townships/items?bbox=", null)]
    [InlineData("/ogc/collections/townships/items?offset=", null)]
    [InlineData("/api/v1/tiles/enterprises/1/0/0.mvt?openHazardLevel=", null)]
    [InlineData("/api/v1/statistics?from=2020-01-01&to=", "to")]
    public async Task An_empty_value_counts_as_not_given(string url, string? required)
    {
        using var client = await app.ClientForAsync("admin");
        using var response = await client.GetAsync(url);
        if (required is null)
        {
            Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return;
        }
        var problem = await ProblemAsync(url, "en", HttpStatusCode.BadRequest);
        Assert.Equal([required], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(ProblemCodes.Required, problem.GetProperty("errorCodes").GetProperty(required)[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_empty_list_is_no_filter()
    {
        // The empty database holds no district: the one complaint is that, not the empty sector list.
        var problem = await ProblemAsync("/api/v1/townships/choropleth?sector=", "en", HttpStatusCode.BadRequest);
        Assert.Equal(["district"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(ProblemCodes.DistrictNone, problem.GetProperty("errorCodes").GetProperty("district")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Empty_text_filters_are_no_filter()
    {
        using var client = await app.ClientForAsync("admin");
        using var response = await client.GetAsync("/ogc/collections/townships/items?limit=1&district=&bbox-crs=&f=");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal(0, JsonDocument.Parse(text).RootElement.GetProperty("numberMatched").GetInt64());
    }
}
