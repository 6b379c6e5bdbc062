using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RiskMap.Api.Features.Statistics;
using RiskMap.TestSupport;
using static RiskMap.IntegrationTests.TownshipAssignmentTests;

namespace RiskMap.IntegrationTests;

/// <summary>
/// <c>GET /api/v1/statistics/series</c> on the demo district: every figure of every interval relates to the statistics
/// endpoint's figure for the whole period as its kind says (additive figures add up exactly), within the caller's scope,
/// and every bad parameter is a 400 naming it in Chinese and in English.
/// </summary>
[Collection(ReadOnlyDemoCollection.Name)]
public sealed class StatisticsSeriesTests(DemoApp app)
{
    private const string Own = "431103105";
    private const string Other = "431103101";

    /// <summary>The value at a figure's path (<c>generalHazards.found</c>) of a figures object; null for a JSON null.</summary>
    internal static decimal? Value(JsonElement figures, string path)
    {
        var e = path.Split('.').Aggregate(figures, (x, name) => x.GetProperty(name));
        return e.ValueKind == JsonValueKind.Null ? null : e.GetDecimal();
    }

    [Theory]
    [InlineData("2020-01-01", "2022-12-31", "month", 36)]
    [InlineData("2020-01-01", "2020-09-30", "month", 9)]
    [InlineData("2020-01-01", "2022-12-31", "quarter", 12)]
    [InlineData("2020-01-01", "2022-12-31", "year", 3)]
    [InlineData("2020-01-15", "2022-11-20", "month", 35)]
    public async Task Every_figure_of_the_intervals_relates_to_the_whole_period_as_its_kind_says(string from, string to, string interval, int count)
    {
        var client = await app.ClientForAsync("leader");
        var whole = await client.GetFromJsonAsync<JsonElement>($"/api/v1/statistics?district=431103&from={from}&to={to}");
        var answer = await client.GetFromJsonAsync<JsonElement>($"/api/v1/statistics/series?district=431103&from={from}&to={to}&interval={interval}");
        var intervals = answer.GetProperty("series").EnumerateArray().Single().GetProperty("intervals").EnumerateArray().ToList();
        Assert.Equal(count, intervals.Count);
        // The intervals tile the period: first day, consecutive, last day.
        Assert.Equal(from, intervals[0].GetProperty("from").GetString());
        Assert.Equal(to, intervals[^1].GetProperty("to").GetString());
        for (var i = 1; i < intervals.Count; i++)
            Assert.Equal(DateOnly.Parse(intervals[i - 1].GetProperty("to").GetString()!, CultureInfo.InvariantCulture).AddDays(1),
                DateOnly.Parse(intervals[i].GetProperty("from").GetString()!, CultureInfo.InvariantCulture));

        var kinds = answer.GetProperty("figures").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("kind").GetString()!);
        Assert.Equal(SeriesFigure.All.Select(f => f.Name), kinds.Keys);
        foreach (var (name, kind) in kinds)
        {
            var total = Value(whole, name);
            var values = intervals.Select(i => Value(i.GetProperty("figures"), name)).ToList();
            switch (kind)
            {
                case nameof(FigureKind.Additive):
                    Assert.True(total == values.Sum(), $"{name}: {total} ≠ Σ {values.Sum()}");
                    break;
                case nameof(FigureKind.Distinct):
                    Assert.InRange(total!.Value, values.Max()!.Value, values.Sum()!.Value);
                    break;
                case nameof(FigureKind.Cohort):
                    Assert.InRange(values.Sum()!.Value, 0, total!.Value);
                    break;
                case nameof(FigureKind.State):
                    Assert.Equal(total, values[^1]);
                    break;
                case nameof(FigureKind.Rate):
                    var level = name.Split('.')[0];
                    Assert.All(intervals, i => Assert.Equal(
                        HazardFigures.From((int)Value(i.GetProperty("figures"), level + ".found")!, (int)Value(i.GetProperty("figures"), level + ".rectified")!).RectificationRate,
                        Value(i.GetProperty("figures"), name)));
                    break;
                default:
                    Assert.Fail($"{name} has an unknown kind {kind}.");
                    break;
            }
        }
    }

    [Fact]
    public async Task The_months_up_to_September_2020_add_up_to_the_published_figures()
    {
        var answer = await (await app.ClientForAsync("leader")).GetFromJsonAsync<JsonElement>("/api/v1/statistics/series?from=2020-01-01&to=2020-09-30");
        var figures = answer.GetProperty("series")[0].GetProperty("intervals").EnumerateArray().Select(i => i.GetProperty("figures")).ToList();
        Assert.Equal(1437m, figures.Sum(f => Value(f, "inspectorVisits")));
        Assert.Equal(1178m, figures.Sum(f => Value(f, "generalHazards.found")));
        Assert.Equal(5m, figures.Sum(f => Value(f, "majorHazards.found")));
        Assert.Equal(2000m, figures.Sum(f => Value(f, "enforcementDocuments")));
        Assert.Equal(47m, figures.Sum(f => Value(f, "reminderInterviews")));
        Assert.Equal(212210m, figures.Sum(f => Value(f, "finesYuan")));
    }

    [Fact]
    public async Task Series_per_township_and_per_sector_add_up_to_the_district_series()
    {
        var client = await app.ClientForAsync("leader");
        const string query = "/api/v1/statistics/series?from=2020-01-01&to=2022-12-31&interval=quarter";
        var district = (await client.GetFromJsonAsync<JsonElement>(query)).GetProperty("series")[0].GetProperty("intervals");
        foreach (var by in new[] { "township", "sector" })
        {
            var series = (await client.GetFromJsonAsync<JsonElement>(query + "&by=" + by)).GetProperty("series").EnumerateArray().ToList();
            Assert.Equal(by == "township" ? 18 : RiskMap.Api.Domain.Sector.All.Count, series.Count);
            if (by == "township") Assert.All(series, s => Assert.False(string.IsNullOrEmpty(s.GetProperty("townshipName").GetString())));
            for (var i = 0; i < district.GetArrayLength(); i++)
            {
                foreach (var name in new[] { "inspectorVisits", "generalHazards.found", "finesYuan", "openAtEnd.openMajor", "openAtEnd.overdue" })
                    Assert.Equal(Value(district[i].GetProperty("figures"), name),
                        series.Sum(s => Value(s.GetProperty("intervals")[i].GetProperty("figures"), name)));
            }
        }
    }

    [Fact]
    public async Task A_chief_gets_the_own_township_only()
    {
        var chief = await app.ClientForAsync("chief-" + Own);
        const string query = "/api/v1/statistics/series?district=431103&from=2020-01-01&to=2020-12-31";
        var own = await chief.GetFromJsonAsync<JsonElement>(query);
        Assert.Equal([Own], own.GetProperty("townships").EnumerateArray().Select(t => t.GetString()));
        var leaderView = await (await app.ClientForAsync("leader")).GetFromJsonAsync<JsonElement>(query + "&township=" + Own);
        Assert.Equal(leaderView.GetProperty("series")[0].GetProperty("intervals").GetRawText(), own.GetProperty("series")[0].GetProperty("intervals").GetRawText());
        var district = await (await app.ClientForAsync("leader")).GetFromJsonAsync<JsonElement>(query);
        Assert.NotEqual(district.GetProperty("series")[0].GetProperty("intervals").GetRawText(), own.GetProperty("series")[0].GetProperty("intervals").GetRawText());

        var perTownship = await chief.GetFromJsonAsync<JsonElement>(query + "&by=township");
        Assert.Equal([Own], perTownship.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("township").GetString()));
        var other = await chief.GetAsync(query + "&township=" + Other);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.DoesNotContain("花桥", await other.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ten_years_of_months_are_answered_and_a_day_more_is_refused()
    {
        var client = await app.ClientForAsync("leader");
        var ten = await client.GetFromJsonAsync<JsonElement>("/api/v1/statistics/series?from=2010-01-01&to=2019-12-31");
        Assert.Equal(120, ten.GetProperty("series")[0].GetProperty("intervals").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/statistics/series?from=2010-01-01&to=2020-01-01")).StatusCode);
        var quarters = await client.GetFromJsonAsync<JsonElement>("/api/v1/statistics/series?from=2010-01-01&to=2020-01-01&interval=quarter");
        Assert.Equal(41, quarters.GetProperty("series")[0].GetProperty("intervals").GetArrayLength());
    }

    public static TheoryData<string, string, string> BadInput => new()
    {
        { "to=2020-12-31", "from", "required" },
        { "from=2020-13-01&to=2020-12-31", "from", "format.date" },
        { "from=1900-01-01&to=2020-12-31", "from", "date.range" },
        { "from=2020-01-01", "to", "required" },
        { "from=2020-01-01&to=2021-02-29", "to", "format.date" },
        { "from=2020-02-01&to=2020-01-31", "to", "period.reversed" },
        { "from=2010-01-01&to=2020-01-01&interval=month", "interval", StatisticsProblemCodes.SeriesTooLong },
        { "from=2020-01-01&to=2020-12-31&interval=week", "interval", "format.one-of" },
        { "from=2020-01-01&to=2020-12-31&township=431103999", "township", StatisticsProblemCodes.TownshipUnknown },
        { "from=2020-01-01&to=2020-12-31&township=4311", "township", "format.code" },
        { "from=2020-01-01&to=2020-12-31&sector=coal", "sector", "format.sector" },
        { "from=2020-01-01&to=2020-12-31&district=999999", "district", StatisticsProblemCodes.DistrictUnknown },
        { "from=2020-01-01&to=2020-12-31&district=43", "district", "format.code" },
        { "from=2020-01-01&to=2020-12-31&by=village", "by", "format.one-of" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task A_bad_parameter_is_a_400_naming_it_in_Chinese_and_in_English(string query, string parameter, string code)
    {
        var answers = new Dictionary<string, JsonElement>();
        foreach (var language in new[] { "zh-CN", "en" })
        {
            var client = await app.ClientForAsync("leader");
            client.DefaultRequestHeaders.AcceptLanguage.Clear();
            client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
            var response = await client.GetAsync("/api/v1/statistics/series?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal([parameter], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
            Assert.Equal(code, problem.GetProperty("errorCodes").GetProperty(parameter)[0].GetProperty("code").GetString());
            answers[language] = problem;
        }
        var zh = answers["zh-CN"].GetProperty("errors").GetProperty(parameter)[0].GetString()!;
        var en = answers["en"].GetProperty("errors").GetProperty(parameter)[0].GetString()!;
        Assert.Contains(zh, c => c >= '\u4e00' && c <= '\u9fff');
        Assert.DoesNotContain(en, c => c >= '\u4e00' && c <= '\u9fff');
        Assert.NotEqual(zh, en);
    }
}

/// <summary>
/// 环比 and 同比 of <c>GET /api/v1/statistics/series</c> on a crafted district 431197 whose records sit on known days of
/// 2020 and 2021 (29 February 2020 included), so that every change has a value worked out by hand.
/// </summary>
public sealed class StatisticsSeriesChangesTests(StatisticsSeriesChangesTests.Fixture fixture) : IClassFixture<StatisticsSeriesChangesTests.Fixture>
{
    private const string District = "431197";

    public sealed class Fixture : IAsyncLifetime
    {
        public EmptyApp App { get; } = new();

        public async Task InitializeAsync()
        {
            await App.InitializeAsync();
            await CreateTwoTownshipsAsync(App, District);
            await App.WithDbAsync(db => new RiskMap.Api.Features.Import.ImportService(db).ImportEnterprisesAsync("test",
            [
                new RiskMap.Api.Features.Import.EnterpriseRecord(2, CreditCode(District, 1), "东燃气", "gas", false, null, 112.15, Lat(District, 0.05), null),
                new RiskMap.Api.Features.Import.EnterpriseRecord(3, CreditCode(District, 2), "西烟花", "fireworks", false, null, 112.05, Lat(District, 0.05), null),
            ], RiskMap.Api.Features.Import.DuplicatePolicy.Reject, default));
            var east = $"(SELECT id FROM enterprises WHERE credit_code = '{CreditCode(District, 1)}')";
            var west = $"(SELECT id FROM enterprises WHERE credit_code = '{CreditCode(District, 2)}')";
            await App.ExecuteAsync($"""
                INSERT INTO inspections (enterprise_id, date, inspection_group, inspector_visits) VALUES
                    ({east}, '2020-01-10', 'A', 2),
                    ({east}, '2020-02-05', 'A', 3),
                    ({west}, '2020-02-29', 'B', 1),
                    ({east}, '2021-02-10', 'C', 5);
                INSERT INTO hazards (enterprise_id, sector, level, description, status, found_on, deadline, rectified_on, supervised) VALUES
                    ({west}, 'fireworks', 'Major', 'major 2020', 'Rectified', '2020-02-10', '2020-03-31', '2020-03-15', true),
                    ({east}, 'gas', 'General', 'general January', 'Rectified', '2021-01-05', '2021-01-31', '2021-01-20', false),
                    ({east}, 'gas', 'General', 'general February', 'Open', '2021-02-03', '2021-02-15', NULL, false);
                INSERT INTO enforcement_actions (enterprise_id, kind, date, amount_yuan) VALUES
                    ({east}, 'Fine', '2020-02-11', 1000),
                    ({east}, 'Fine', '2021-02-12', 1500),
                    ({west}, 'Document', '2020-12-20', NULL);
                """);
        }

        public Task DisposeAsync() => App.DisposeAsync().AsTask();
    }

    private async Task<List<JsonElement>> IntervalsAsync(string query)
    {
        var answer = await (await fixture.App.ClientForAsync("admin")).GetFromJsonAsync<JsonElement>($"/api/v1/statistics/series?district={District}&{query}");
        return [.. answer.GetProperty("series")[0].GetProperty("intervals").EnumerateArray()];
    }

    private static (decimal? Base, decimal? Difference, decimal? Percent) Change(JsonElement interval, string which, string figure)
    {
        var c = interval.GetProperty(which).GetProperty(figure);
        decimal? Get(string name) => c.GetProperty(name).ValueKind == JsonValueKind.Null ? null : c.GetProperty(name).GetDecimal();
        return (Get("base"), Get("difference"), Get("percent"));
    }

    [Fact]
    public async Task Month_on_month_and_year_on_year_changes_have_the_values_worked_out_by_hand()
    {
        var months = await IntervalsAsync("from=2021-01-01&to=2021-02-28&interval=month");
        Assert.Equal(2, months.Count);
        var (january, february) = (months[0], months[1]);

        // Inspector visits: January 2021 none, against December 2020 none and January 2020 two.
        Assert.Equal(0m, StatisticsSeriesTests.Value(january.GetProperty("figures"), "inspectorVisits"));
        Assert.Equal((0m, 0m, null), Change(january, "changeOnPrevious", "inspectorVisits"));
        Assert.Equal((2m, -2m, -100m), Change(january, "changeOnYearBefore", "inspectorVisits"));
        // February 2021: five, against January's none and the whole of February 2020 (3 + 1 on the 29th).
        Assert.Equal((0m, 5m, null), Change(february, "changeOnPrevious", "inspectorVisits"));
        Assert.Equal((4m, 1m, 25m), Change(february, "changeOnYearBefore", "inspectorVisits"));
        // Groups: C in February 2021 against A and B in February 2020.
        Assert.Equal((2m, -1m, -50m), Change(february, "changeOnYearBefore", "inspectionGroups"));
        // Fines: 1,500 yuan against 1,000 a year before.
        Assert.Equal((1000m, 500m, 50m), Change(february, "changeOnYearBefore", "finesYuan"));
        // Documents: one in December 2020, none in January 2021.
        Assert.Equal((1m, -1m, -100m), Change(january, "changeOnPrevious", "enforcementDocuments"));
        // General hazards: January's found and rectified (100 %), February's open (0 %): the rate's change in points.
        Assert.Equal((100m, -100m, null), Change(february, "changeOnPrevious", "generalHazards.rectificationRate"));
        Assert.Equal((null, null, null), Change(february, "changeOnYearBefore", "generalHazards.rectificationRate"));
        Assert.Equal((1m, -1m, -100m), Change(february, "changeOnYearBefore", "majorHazards.found"));
        // State at the month's end: February 2021 ends with the February hazard open and overdue; February 2020 with the
        // major hazard open (rectified in March), not yet overdue.
        Assert.Equal((0m, 1m, null), Change(february, "changeOnPrevious", "openAtEnd.overdue"));
        Assert.Equal((1m, -1m, -100m), Change(february, "changeOnYearBefore", "openAtEnd.openMajor"));
        Assert.Equal((0m, 1m, null), Change(february, "changeOnYearBefore", "openAtEnd.openGeneral"));
    }

    [Fact]
    public async Task A_clipped_interval_compares_with_the_same_days_a_year_before_and_the_whole_interval_before()
    {
        // 2021-02-11 … 2021-03-31 by quarter: one interval, Q1 clipped (the visit of 2021-02-10 falls before it). A year
        // before: 2020-02-11 … 2020-03-31, which holds the visit of the 29th but not that of the 5th, and the fine of the
        // 11th. Before: the whole of Q4 2020, with December's document.
        var quarter = Assert.Single(await IntervalsAsync("from=2021-02-11&to=2021-03-31&interval=quarter"));
        Assert.Equal("2021-02-11", quarter.GetProperty("from").GetString());
        Assert.Equal(0m, StatisticsSeriesTests.Value(quarter.GetProperty("figures"), "inspectorVisits"));
        Assert.Equal((1m, -1m, -100m), Change(quarter, "changeOnYearBefore", "inspectorVisits"));
        Assert.Equal((1000m, 500m, 50m), Change(quarter, "changeOnYearBefore", "finesYuan"));
        Assert.Equal((1m, -1m, -100m), Change(quarter, "changeOnPrevious", "enforcementDocuments"));
    }
}
