using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>The responsibility view (包保责任) and its workbook, and the headline figures' workbook, within each caller's scope.</summary>
[Collection(ReadOnlyDemoCollection.Name)]
public sealed class ResponsibilityTests(DemoApp app)
{
    private const string Own = "431103105";
    private const string Other = "431103101";
    private const string Day = "2022-12-31";

    private static HttpClient In(string language, HttpClient client)
    {
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    private static IEnumerable<JsonElement> Items(JsonElement element, string name) => element.GetProperty(name).EnumerateArray();

    private static int Figure(JsonElement node, string name) => node.GetProperty("figures").GetProperty(name).GetInt32();

    [Fact]
    public async Task Every_township_of_the_demo_has_its_leaders_and_every_leader_their_townships()
    {
        var view = await (await app.ClientForAsync("leader")).GetFromJsonAsync<JsonElement>($"/api/v1/responsibility?asOf={Day}");
        var townships = Items(view, "townships").ToList();
        Assert.Equal(18, townships.Count);
        foreach (var township in townships)
        {
            var code = township.GetProperty("code").GetString()!;
            var expected = (long)(await app.ScalarAsync($"SELECT count(*) FROM leader_assignments WHERE township_code = '{code}'"))!;
            Assert.True(expected > 0, $"the demo gives {code} a leader");
            Assert.Equal(expected, township.GetProperty("leaders").GetArrayLength());
            var enterprises = (long)(await app.ScalarAsync($"SELECT count(*) FROM enterprises WHERE township_code = '{code}'"))!;
            Assert.Equal(enterprises, Figure(township, "enterprises"));
            Assert.Equal([$"{township.GetProperty("name").GetString()}负责人"], township.GetProperty("chiefs").EnumerateArray().Select(c => c.GetString()));
        }
        var pairs = Items(view, "leaders").SelectMany(l => Items(l, "townships").Select(t => (l.GetProperty("name").GetString(), t.GetProperty("code").GetString()))).ToList();
        Assert.Equal((long)(await app.ScalarAsync("SELECT count(*) FROM leader_assignments"))!, pairs.Count);
        foreach (var leader in Items(view, "leaders"))
            Assert.Equal(Items(leader, "townships").Sum(t => Figure(t, "openMajor")), Figure(leader, "openMajor"));
    }

    [Fact]
    public async Task Department_totals_equal_the_sum_over_their_enterprises_and_the_records()
    {
        var view = await (await app.ClientForAsync("leader")).GetFromJsonAsync<JsonElement>($"/api/v1/responsibility?asOf={Day}");
        var departments = Items(view, "departments").ToList();
        Assert.Equal((long)(await app.ScalarAsync("SELECT count(*) FROM departments"))!, departments.Count);
        Assert.Equal(["fireworks", "hazardous_chemicals", "non_coal_mines", "industry_trade"],
            departments.Single(d => d.GetProperty("code").GetString() == "emergency").GetProperty("sectors").EnumerateArray().Select(s => s.GetString()));
        foreach (var department in departments)
        {
            var enterprises = Items(department, "enterprises").ToList();
            foreach (var figure in new[] { "enterprises", "openMajor", "overdueMajor" })
                Assert.Equal(enterprises.Sum(e => Figure(e, figure)), Figure(department, figure));
            var code = department.GetProperty("code").GetString();
            // Counted from the records with the rules written out: open = found, not rectified or closed by the day.
            var openMajor = (long)(await app.ScalarAsync($"""
                SELECT count(*) FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id
                WHERE e.department_code = '{code}' AND e.township_code IS NOT NULL AND h.level = 'Major' AND h.found_on <= DATE '{Day}'
                  AND (h.rectified_on IS NULL OR h.rectified_on > DATE '{Day}') AND (h.closed_on IS NULL OR h.closed_on > DATE '{Day}')
                """))!;
            Assert.Equal(openMajor, Figure(department, "openMajor"));
            var last = await app.ScalarAsync($"""
                SELECT max(i.date) FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id
                WHERE e.department_code = '{code}' AND e.township_code IS NOT NULL AND i.date <= DATE '{Day}'
                """);
            var served = department.GetProperty("figures").GetProperty("lastInspection");
            Assert.Equal(last is DateOnly d ? d.ToString("yyyy-MM-dd") : null, served.ValueKind == JsonValueKind.Null ? null : served.GetString());
        }
        Assert.Equal((long)(await app.ScalarAsync("SELECT count(*) FROM enterprises WHERE township_code IS NOT NULL"))!,
            departments.Sum(d => Figure(d, "enterprises")));
        Assert.True(departments.Sum(d => Figure(d, "openMajor")) > 0);
    }

    [Fact]
    public async Task A_chief_sees_only_their_township_its_leaders_and_its_enterprises()
    {
        var chief = await app.ClientForAsync($"chief-{Own}");
        var view = await chief.GetFromJsonAsync<JsonElement>($"/api/v1/responsibility?asOf={Day}");
        Assert.Equal([Own], Items(view, "townships").Select(t => t.GetProperty("code").GetString()));
        Assert.Equal([Own], view.GetProperty("scope").EnumerateArray().Select(t => t.GetString()));
        Assert.All(Items(view, "leaders"), l => Assert.Equal([Own], Items(l, "townships").Select(t => t.GetProperty("code").GetString())));
        Assert.NotEmpty(Items(view, "leaders"));
        var enterprises = Items(view, "departments").SelectMany(d => Items(d, "enterprises")).ToList();
        Assert.All(enterprises, e => Assert.Equal(Own, e.GetProperty("township").GetString()));
        Assert.Equal((long)(await app.ScalarAsync($"SELECT count(*) FROM enterprises WHERE township_code = '{Own}'"))!, enterprises.Count);
        Assert.Equal(HttpStatusCode.Forbidden, (await chief.GetAsync($"/api/v1/responsibility?township={Other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await chief.GetAsync($"/api/v1/exports/responsibility?township={Other}")).StatusCode);
    }

    [Fact]
    public async Task The_workbook_holds_the_views_rows_with_headers_in_the_callers_language()
    {
        var client = await app.ClientForAsync("leader");
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/v1/responsibility?asOf={Day}");
        var response = await In("zh-CN", client).GetAsync($"/api/v1/exports/responsibility?asOf={Day}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["区领导包乡镇", "部门包行业", "部门包企业"], MiniExcel.GetSheetNames(stream));
        var leaders = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "区领导包乡镇").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(Items(view, "leaders").Sum(l => l.GetProperty("townships").GetArrayLength()), leaders.Count);
        var first = Items(view, "leaders").First();
        Assert.Equal(first.GetProperty("name").GetString(), leaders[0]["包保区领导"]);
        Assert.Equal(Figure(Items(first, "townships").First(), "openMajor"), Convert.ToInt32(leaders[0]["未整改重大隐患"]));
        var enterprises = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "部门包企业").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(Items(view, "departments").Sum(d => Figure(d, "enterprises")), enterprises.Count);

        var english = await In("en", client).GetAsync($"/api/v1/exports/responsibility?asOf={Day}");
        using var englishStream = new MemoryStream(await english.Content.ReadAsByteArrayAsync());
        Assert.Equal(["leaders", "departments", "enterprises"], MiniExcel.GetSheetNames(englishStream));
    }

    [Fact]
    public async Task The_headline_workbook_carries_the_statistics_endpoints_figures_in_scope()
    {
        const string period = "from=2020-01-01&to=2020-09-30";
        foreach (var user in new[] { "leader", $"chief-{Own}" })
        {
            var client = await app.ClientForAsync(user);
            var stats = await client.GetFromJsonAsync<JsonElement>($"/api/v1/statistics?district=431103&{period}");
            var response = await client.GetAsync($"/api/v1/exports/statistics?district=431103&{period}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
            var rows = MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>()
                .ToDictionary(r => (string)r["figure"]!, r => r["value"]);
            Assert.Equal(stats.GetProperty("enterprisesInspected").GetInt32(), Convert.ToInt32(rows["enterprises inspected"]));
            Assert.Equal(stats.GetProperty("inspectorVisits").GetInt32(), Convert.ToInt32(rows["inspector visits"]));
            Assert.Equal(stats.GetProperty("generalHazards").GetProperty("rectificationRate").GetDecimal(), Convert.ToDecimal(rows["general rectification rate (%)"]));
            Assert.Equal(stats.GetProperty("finesYuan").GetDecimal(), Convert.ToDecimal(rows["fines (yuan)"]));
            Assert.Equal(stats.GetProperty("openAtEnd").GetProperty("overdue").GetInt32(), Convert.ToInt32(rows["overdue hazards at the end"]));
            if (user == "leader") Assert.Equal(1599, Convert.ToInt32(rows["enterprises inspected"])); // the published figure
            else Assert.Equal(Own, rows["area"]);
        }
        var chief = await app.ClientForAsync($"chief-{Own}");
        Assert.Equal(HttpStatusCode.Forbidden, (await chief.GetAsync($"/api/v1/exports/statistics?township={Other}&{period}")).StatusCode);
    }

    [Fact]
    public async Task Bad_input_to_the_workbooks_names_the_parameter_in_the_callers_language()
    {
        var client = await app.ClientForAsync("leader");
        foreach (var (url, field, code) in new[]
                 {
                     ("/api/v1/exports/statistics?from=2020-09-30&to=2020-01-01", "to", "period.reversed"),
                     ("/api/v1/exports/statistics?from=2020-01-01&to=2020-09-30&sector=gas,fireworks", "sector", "export.statistics.one-sector"),
                     ("/api/v1/exports/statistics?to=2020-09-30", "from", "required"),
                     ("/api/v1/responsibility?township=43110310", "township", "format.code"),
                     ("/api/v1/exports/responsibility?asOf=1900-01-01", "asOf", "date.range"),
                 })
        {
            var en = await In("en", client).GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, en.StatusCode);
            var enBody = await en.Content.ReadFromJsonAsync<JsonElement>();
            var zhBody = await (await In("zh-CN", client).GetAsync(url)).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(code, enBody.GetProperty("errorCodes").GetProperty(field)[0].GetProperty("code").GetString());
            Assert.Equal(code, zhBody.GetProperty("errorCodes").GetProperty(field)[0].GetProperty("code").GetString());
            Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", enBody.GetProperty("errors").GetProperty(field)[0].GetString()!);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", zhBody.GetProperty("errors").GetProperty(field)[0].GetString()!);
        }
    }
}
