using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RiskMap.Api.Features.Statistics;
using RiskMap.Api.Features.Townships;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>The statistics endpoint on the demo district reproduces the published campaign figures.</summary>
[Collection(ReadOnlyDemoCollection.Name)]
public sealed class StatisticsTests(DemoApp app)
{
    private const string Period = "from=2020-01-01&to=2020-09-30";

    [Fact]
    public async Task The_published_figures_for_431103_up_to_September_2020_come_out_exactly()
    {
        var s = await (await app.ClientForAsync("leader")).GetFromJsonAsync<StatisticsResponse>($"/api/v1/statistics?district=431103&{Period}");
        Assert.NotNull(s);
        Assert.Equal(343, s.InspectionGroups);
        Assert.Equal(1437, s.InspectorVisits);
        Assert.Equal(1599, s.EnterprisesInspected);
        Assert.Equal(100, s.AboveScaleEnterprisesInspected);
        Assert.Equal(new HazardFigures(1178, 1107, 93.97m), s.GeneralHazards);
        Assert.Equal(new HazardFigures(5, 4, 80.00m), s.MajorHazards);
        Assert.Equal(2000, s.EnforcementDocuments);
        Assert.Equal(47, s.ReminderInterviews);
        Assert.Equal(67, s.EnterprisesWithCases);
        Assert.Equal(212210m, s.FinesYuan);
    }

    [Fact]
    public async Task The_rate_is_serialised_as_a_number_with_two_decimals()
    {
        using var json = JsonDocument.Parse(await (await app.ClientForAsync("leader")).GetStringAsync($"/api/v1/statistics?district=431103&{Period}"));
        var general = json.RootElement.GetProperty("generalHazards");
        Assert.Equal("93.97", general.GetProperty("rectificationRate").GetRawText());
        Assert.Equal(212210m, json.RootElement.GetProperty("finesYuan").GetDecimal());
    }

    [Fact]
    public async Task Township_figures_add_up_to_the_district_for_additive_figures()
    {
        var client = await app.ClientForAsync("leader");
        var district = (await client.GetFromJsonAsync<StatisticsResponse>($"/api/v1/statistics?district=431103&{Period}"))!;
        var codes = await app.WithDbAsync(db => Task.FromResult(db.Townships.Where(t => t.DistrictCode == "431103").Select(t => t.Code).ToList()));
        Assert.Equal(18, codes.Count);
        var parts = new List<StatisticsResponse>();
        foreach (var code in codes)
            parts.Add((await client.GetFromJsonAsync<StatisticsResponse>($"/api/v1/statistics?district=431103&township={code}&{Period}"))!);

        Assert.Equal(district.InspectorVisits, parts.Sum(p => p.InspectorVisits));
        Assert.Equal(district.EnterprisesInspected, parts.Sum(p => p.EnterprisesInspected));
        Assert.Equal(district.GeneralHazards.Found, parts.Sum(p => p.GeneralHazards.Found));
        Assert.Equal(district.GeneralHazards.Rectified, parts.Sum(p => p.GeneralHazards.Rectified));
        Assert.Equal(district.MajorHazards.Found, parts.Sum(p => p.MajorHazards.Found));
        Assert.Equal(district.MajorHazards.Rectified, parts.Sum(p => p.MajorHazards.Rectified));
        Assert.Equal(district.EnforcementDocuments, parts.Sum(p => p.EnforcementDocuments));
        Assert.Equal(district.ReminderInterviews, parts.Sum(p => p.ReminderInterviews));
        Assert.Equal(district.EnterprisesWithCases, parts.Sum(p => p.EnterprisesWithCases));
        Assert.Equal(district.FinesYuan, parts.Sum(p => p.FinesYuan));
        // Groups visit several townships, so they do not add up, but no township can have more than the district.
        Assert.All(parts, p => Assert.InRange(p.InspectionGroups, 0, district.InspectionGroups));
        Assert.True(parts.Sum(p => p.InspectionGroups) >= district.InspectionGroups);
    }

    [Fact]
    public async Task Sector_figures_add_up_to_the_district()
    {
        var client = await app.ClientForAsync("leader");
        var district = (await client.GetFromJsonAsync<StatisticsResponse>($"/api/v1/statistics?district=431103&{Period}"))!;
        var parts = new List<StatisticsResponse>();
        foreach (var sector in RiskMap.Api.Domain.Sector.All)
            parts.Add((await client.GetFromJsonAsync<StatisticsResponse>($"/api/v1/statistics?district=431103&sector={sector.Code}&{Period}"))!);
        Assert.Equal(district.EnterprisesInspected, parts.Sum(p => p.EnterprisesInspected));
        Assert.Equal(district.GeneralHazards.Found, parts.Sum(p => p.GeneralHazards.Found));
        Assert.Equal(district.FinesYuan, parts.Sum(p => p.FinesYuan));
    }

    [Theory]
    [InlineData("2020-09-30", null, null)]
    [InlineData("2021-06-15", null, null)]
    [InlineData("2022-12-31", null, null)]
    [InlineData("2021-06-15", "fireworks", null)]
    [InlineData("2021-06-15", null, "431103105")]
    [InlineData("2022-12-31", "gas", "431103105")]
    public async Task The_hazards_open_at_the_end_of_the_period_are_the_choropleths_figures_on_that_day(string day, string? sector, string? township)
    {
        var client = await app.ClientForAsync("leader");
        var filter = (sector is null ? "" : $"&sector={sector}") + (township is null ? "" : $"&township={township}");
        // A period of one day: the period's counts do not matter, only the state at its end.
        var s = (await client.GetFromJsonAsync<StatisticsResponse>($"/api/v1/statistics?district=431103&from={day}&to={day}{filter}"))!;
        using var map = JsonDocument.Parse(await client.GetStringAsync(
            $"/api/v1/townships/choropleth?district=431103&asOf={day}" + (sector is null ? "" : $"&sector={sector}")));
        var features = map.RootElement.GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("properties"))
            .Where(p => township is null || p.GetProperty("code").GetString() == township)
            .ToList();
        Assert.Equal(township is null ? 18 : 1, features.Count);
        int Sum(string name) => features.Sum(p => p.GetProperty(name).GetInt32());
        Assert.Equal(new HazardCounts(Sum("openMajor"), Sum("openGeneral"), Sum("overdue")), s.OpenAtEnd);
        Assert.True(township is not null || s.OpenAtEnd.OpenGeneral > 0, "the district has open general hazards on every day of the campaign");
    }

    [Theory]
    [InlineData("district=431103&from=2020-13-01&to=2020-09-30", "from")]
    [InlineData("district=431103&from=2020-01-01&to=30.09.2020", "to")]
    [InlineData("district=431103&to=2020-09-30", "from")]
    [InlineData("district=431103&from=2020-10-01&to=2020-09-30", "to")]
    [InlineData("district=43110&from=2020-01-01&to=2020-09-30", "district")]
    [InlineData("district=431103&township=4311030&from=2020-01-01&to=2020-09-30", "township")]
    [InlineData("district=431103&sector=coal&from=2020-01-01&to=2020-09-30", "sector")]
    public async Task Bad_parameters_give_400_naming_the_parameter(string query, string parameter)
    {
        var response = await (await app.ClientForAsync("leader")).GetAsync($"/api/v1/statistics?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, json.RootElement.GetProperty("status").GetInt32());
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(parameter, out var messages), json.RootElement.GetRawText());
        Assert.NotEmpty(messages.EnumerateArray());
    }

    [Theory]
    [InlineData("district=110101&from=2020-01-01&to=2020-09-30", "district")]
    [InlineData("district=431103&township=431103999&from=2020-01-01&to=2020-09-30", "township")]
    public async Task Unknown_district_or_township_gives_404_naming_the_parameter(string query, string parameter)
    {
        var response = await (await app.ClientForAsync("leader")).GetAsync($"/api/v1/statistics?{query}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains($"'{parameter}'", json.RootElement.GetProperty("detail").GetString());
    }
}
