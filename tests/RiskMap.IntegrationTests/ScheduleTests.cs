using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NetTopologySuite.IO;
using RiskMap.Api.Features.Routing;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>
/// The week planner on the demo district: a district's settings (holidays, cadence) and their bad input, the enterprises due,
/// a week's schedule that places every due enterprise on working days with clock times in the answer, CSV, GPX and visit
/// sheet, a depot named on the sheet, and an enterprise's opening hours. This class writes settings, depots and enterprises,
/// so it keeps its own service. Searches are bounded by a solution count under a time limit they never reach.
/// </summary>
public sealed class ScheduleTests : IClassFixture<DemoApp>, IDisposable
{
    private readonly DemoApp app;

    public ScheduleTests(DemoApp app)
    {
        this.app = app;
        RoutingSearch.SolutionLimit = 50;
    }

    public void Dispose() => RoutingSearch.SolutionLimit = 0;

    private const string Own = RoutingTests.Own;
    private static readonly object Start = new { longitude = 111.80, latitude = 26.30 };

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PutIn(HttpClient client, string language, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/routes/schedule-settings")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        using var response = await client.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static string Clock(JsonElement time) => DateTimeOffset.Parse(time.GetString()!, CultureInfo.InvariantCulture).ToString("HH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_cadence_rule_for_an_unknown_sector_is_400_in_either_language_and_nothing_is_stored()
    {
        var admin = await app.ClientForAsync("admin");
        var before = await admin.GetFromJsonAsync<JsonElement>("/api/v1/routes/schedule-settings");

        const string body = """{"holidays":[],"workingWeekendDays":[],"cadence":[{"riskClass":"Any","intervalDays":365},{"riskClass":"AboveScale","sector":"mining","intervalDays":90}]}""";
        var (zhStatus, zh) = await PutIn(admin, "zh-CN", body);
        var (enStatus, en) = await PutIn(admin, "en", body);
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (zhStatus, enStatus));
        foreach (var problem in new[] { zh, en })
        {
            var coded = Assert.Single(problem.GetProperty("errorCodes").EnumerateObject());
            Assert.Equal("cadence[1].sector", coded.Name);
            Assert.Equal(RoutingProblemCodes.SectorUnknown, coded.Value[0].GetProperty("code").GetString());
        }
        Assert.Equal("未知的行业代码“mining”。", zh.GetProperty("errors").GetProperty("cadence[1].sector")[0].GetString());
        Assert.Equal("Unknown sector code 'mining'.", en.GetProperty("errors").GetProperty("cadence[1].sector")[0].GetString());

        var after = await admin.GetFromJsonAsync<JsonElement>("/api/v1/routes/schedule-settings");
        Assert.Equal(before.GetRawText(), after.GetRawText());
    }

    [Fact]
    public async Task A_week_places_every_due_enterprise_on_working_days_with_clock_times_in_the_answer_csv_gpx_and_sheet()
    {
        // The district: Wednesday 4 November a local holiday, Saturday 7 November worked, above-scale enterprises yearly.
        var admin = await app.ClientForAsync("admin");
        await Ok(await admin.PutAsJsonAsync("/api/v1/routes/schedule-settings", new
        {
            holidays = new[] { "2026-11-04" },
            workingWeekendDays = new[] { "2026-11-07" },
            cadence = new[] { new { riskClass = "AboveScale", sector = (string?)null, intervalDays = 365 } },
        }));
        // The demo district has a depot per township government, placed at the township's label point.
        var depots = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/routes/depots")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(await app.ScalarAsync("SELECT count(*) FROM townships"), (long)depots.Count);
        var depot = depots.Single(d => d.GetProperty("township").GetString() == Own);
        Assert.Equal("黄阳司镇人民政府", depot.GetProperty("name").GetString());
        Assert.Contains("label point", depot.GetProperty("source").GetString());
        // An office entered by hand; the same name again is 409.
        var office = new { name = "冷水滩区应急管理局", location = new { longitude = 111.606, latitude = 26.435 } };
        Assert.Equal("冷水滩区应急管理局", (await Ok(await admin.PostAsJsonAsync("/api/v1/routes/depots", office))).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/v1/routes/depots", office)).StatusCode);

        var chief = await app.ClientForAsync($"chief-{Own}");
        var due = await chief.GetFromJsonAsync<JsonElement>("/api/v1/routes/due?asOf=2026-11-08");
        var dueItems = due.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(dueItems);
        Assert.All(dueItems, d =>
        {
            Assert.True(d.GetProperty("aboveScale").GetBoolean());
            Assert.Equal(Own, d.GetProperty("township").GetString());
            Assert.Equal(365, d.GetProperty("intervalDays").GetInt32());
            if (d.GetProperty("lastInspectedOn").GetString() is { } last) Assert.True(DateOnly.Parse(last, CultureInfo.InvariantCulture) <= new DateOnly(2025, 11, 8));
        });
        var expected = await app.ScalarAsync($"""
            SELECT count(*) FROM enterprises e WHERE e.township_code = '{Own}' AND e.above_scale
              AND NOT EXISTS (SELECT 1 FROM inspections i WHERE i.enterprise_id = e.id AND i.date > '2025-11-08' AND i.date <= '2026-11-08')
            """);
        Assert.Equal(expected, (long)dueItems.Count);

        var schedule = await Ok(await chief.PostAsJsonAsync("/api/v1/routes/schedule", new
        {
            from = "2026-11-02", to = "2026-11-08", startDepotId = depot.GetProperty("id").GetInt64(), teams = 2, serviceTimeSeconds = 1800,
            timeLimitSeconds = 30,
        }));
        Assert.Equal(["2026-11-02", "2026-11-03", "2026-11-05", "2026-11-06", "2026-11-07"],
            schedule.GetProperty("workingDays").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(["2026-11-04 Holiday", "2026-11-08 Weekend"],
            schedule.GetProperty("skippedDays").EnumerateArray().Select(d => $"{d.GetProperty("day").GetString()} {d.GetProperty("reason").GetString()}"));
        Assert.Empty(schedule.GetProperty("unplacedMandatoryEnterpriseIds").EnumerateArray());
        Assert.Equal(dueItems.Count, schedule.GetProperty("mandatoryCount").GetInt32());

        var days = schedule.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(5, days.Count);
        var visits = days.SelectMany(d => d.GetProperty("teams").EnumerateArray().SelectMany(t => t.GetProperty("visits").EnumerateArray())
            .Select(v => (Day: d.GetProperty("asOf").GetString()!, Visit: v))).ToList();
        Assert.Equal(dueItems.Select(d => d.GetProperty("enterpriseId").GetInt64()).Order(), visits.Select(v => v.Visit.GetProperty("enterpriseId").GetInt64()).Order());
        foreach (var (day, v) in visits)
        {
            var arrival = DateTimeOffset.Parse(v.GetProperty("arrivalTime").GetString()!, CultureInfo.InvariantCulture);
            var departure = DateTimeOffset.Parse(v.GetProperty("departureTime").GetString()!, CultureInfo.InvariantCulture);
            Assert.Equal(TimeSpan.FromHours(8), arrival.Offset);
            Assert.Equal(day, arrival.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Assert.Equal(TimeSpan.FromMinutes(30), departure - arrival);
            var (begin, end) = (TimeOnly.FromDateTime(arrival.DateTime), TimeOnly.FromDateTime(departure.DateTime));
            Assert.True(begin >= new TimeOnly(8, 30) && end <= new TimeOnly(17, 30), $"{begin}–{end}");
            Assert.True(end <= new TimeOnly(12, 0) || begin >= new TimeOnly(13, 30), $"{begin}–{end} runs into lunch");
        }

        // The exports of a day with visits: clock times in the CSV, the GPX <time> and the sheet, which names the depot.
        var dayPlan = days.First(d => d.GetProperty("teams")[0].GetProperty("visits").GetArrayLength() > 0);
        Assert.Equal("黄阳司镇人民政府", dayPlan.GetProperty("startName").GetString());
        Assert.Equal("08:30:00", dayPlan.GetProperty("hours").GetProperty("startTime").GetString());
        var team = dayPlan.GetProperty("teams")[0];
        var teamVisits = team.GetProperty("visits").EnumerateArray().ToList();
        var csv = await chief.GetByteArrayAsync(team.GetProperty("exports").GetProperty("csv").GetString());
        var rows = Encoding.UTF8.GetString(csv, 3, csv.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",arrival_time,departure_time", rows[0]);
        for (var i = 0; i < teamVisits.Count; i++)
        {
            Assert.EndsWith($",{Clock(teamVisits[i].GetProperty("arrivalTime"))},{Clock(teamVisits[i].GetProperty("departureTime"))}", rows[i + 1]);
        }
        var gpx = GpxFile.Parse(await chief.GetStringAsync(team.GetProperty("exports").GetProperty("gpx").GetString()), null);
        Assert.Equal(teamVisits.Select(v => DateTimeOffset.Parse(v.GetProperty("arrivalTime").GetString()!, CultureInfo.InvariantCulture).UtcDateTime),
            gpx.Waypoints.Select(w => w.TimestampUtc!.Value));
        using var sheetRequest = new HttpRequestMessage(HttpMethod.Get, team.GetProperty("exports").GetProperty("sheet").GetString());
        sheetRequest.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("zh-CN"));
        var sheet = await (await chief.SendAsync(sheetRequest)).Content.ReadAsStringAsync();
        Assert.Contains("出发点：黄阳司镇人民政府", sheet);
        // Dated with the day the route is driven, not the day it is printed.
        var drivenOn = DateTimeOffset.Parse(teamVisits[0].GetProperty("arrivalTime").GetString()!, CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(8));
        Assert.Contains($"日期：{drivenOn:yyyy-MM-dd}", sheet);
        Assert.Contains($"预计到达：{Clock(teamVisits[0].GetProperty("arrivalTime"))}", sheet);
    }

    [Fact]
    public async Task An_enterprise_open_only_in_the_afternoon_is_visited_inside_its_opening_hours()
    {
        var near = await app.ScalarAsync($"SELECT ST_AsText(location) FROM enterprises WHERE township_code = '{Own}' ORDER BY id LIMIT 1") as string;
        var point = near!["POINT(".Length..^1].Split(' ').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        var code = TownshipAssignmentTests.CreditCode("431103", 95_001);
        var id = (long)(await app.ScalarAsync(string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO enterprises (credit_code, name, sector, above_scale, address, location, opens_at, closes_at)
            VALUES ('{code}', '午后营业加油站', 'gas', false, '测试路 1 号', ST_SetSRID(ST_MakePoint({point[0] + 0.001}, {point[1]}), 4326), '14:30', '16:00')
            RETURNING id
            """)))!;
        var others = (await RoutingTests.Candidates(await app.ClientForAsync("leader"), $"township={Own}&limit=6")).GetProperty("items").EnumerateArray()
            .Select(c => c.GetProperty("enterpriseId").GetInt64()).ToList();

        var leader = await app.ClientForAsync("leader");
        var schedule = await Ok(await leader.PostAsJsonAsync("/api/v1/routes/schedule", new
        {
            from = "2026-11-02", to = "2026-11-02", start = new { longitude = point[0], latitude = point[1] }, teams = 1, includeDue = false,
            serviceTimeSeconds = 1200, timeLimitSeconds = 30,
            stops = others.Prepend(id).Select(e => new { enterpriseId = e, mandatory = true }),
        }));
        Assert.Empty(schedule.GetProperty("unplacedMandatoryEnterpriseIds").EnumerateArray());
        var visit = schedule.GetProperty("days")[0].GetProperty("teams")[0].GetProperty("visits").EnumerateArray()
            .Single(v => v.GetProperty("enterpriseId").GetInt64() == id);
        var arrival = TimeOnly.FromDateTime(DateTimeOffset.Parse(visit.GetProperty("arrivalTime").GetString()!, CultureInfo.InvariantCulture).DateTime);
        Assert.InRange(arrival, new TimeOnly(14, 30), new TimeOnly(15, 40));
    }

    [Fact]
    public async Task A_one_day_plan_keeps_opening_hours_and_reports_a_stop_it_cannot_visit_within_them()
    {
        var near = await app.ScalarAsync($"SELECT ST_AsText(location) FROM enterprises WHERE township_code = '{Own}' ORDER BY id LIMIT 1 OFFSET 1") as string;
        var point = near!["POINT(".Length..^1].Split(' ').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        async Task<long> Enterprise(int number, string name, double east, string opens, string closes) => (long)(await app.ScalarAsync(string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO enterprises (credit_code, name, sector, above_scale, address, location, opens_at, closes_at)
            VALUES ('{TownshipAssignmentTests.CreditCode("431103", number)}', '{name}', 'gas', false, '测试路 2 号',
                    ST_SetSRID(ST_MakePoint({point[0] + east}, {point[1]}), 4326), '{opens}', '{closes}')
            RETURNING id
            """)))!;
        var afternoon = await Enterprise(95_101, "午后营业加油站二", 0.002, "14:30", "16:00");
        var early = await Enterprise(95_102, "清晨营业加油站", -0.002, "06:00", "07:30");
        var leader = await app.ClientForAsync("leader");
        var others = (await RoutingTests.Candidates(leader, $"township={Own}&limit=5")).GetProperty("items").EnumerateArray()
            .Select(c => c.GetProperty("enterpriseId").GetInt64()).Where(e => e != afternoon && e != early).ToList();

        var plan = await RoutingTests.PlanOk(leader, new
        {
            start = new { longitude = point[0], latitude = point[1] }, teams = 1, serviceTimeSeconds = 1200, asOf = RoutingTests.Day,
            stops = others.Append(afternoon).Append(early).Select(e => new { enterpriseId = e, mandatory = true }),
        });
        // The early one opens and closes before the team leaves at 08:30: reported with the reason, never silently left out.
        var dropped = Assert.Single(plan.GetProperty("dropped").EnumerateArray());
        Assert.Equal((early, nameof(DropReason.OutsideOpeningHours)), (dropped.GetProperty("enterpriseId").GetInt64(), dropped.GetProperty("reason").GetString()));
        Assert.False(string.IsNullOrEmpty(dropped.GetProperty("explanation").GetString()));
        Assert.Equal([early], plan.GetProperty("infeasibleMandatoryEnterpriseIds").EnumerateArray().Select(e => e.GetInt64()));
        var visits = plan.GetProperty("teams")[0].GetProperty("visits").EnumerateArray().ToList();
        Assert.Equal(others.Append(afternoon).Order(), visits.Select(v => v.GetProperty("enterpriseId").GetInt64()).Order());
        // The afternoon one is visited inside its hours (20 minutes ending by 16:00), every visit out of the lunch break.
        var visit = visits.Single(v => v.GetProperty("enterpriseId").GetInt64() == afternoon);
        Assert.InRange(TimeOnly.Parse(Clock(visit.GetProperty("arrivalTime")), CultureInfo.InvariantCulture), new TimeOnly(14, 30), new TimeOnly(15, 40));
        foreach (var v in visits)
        {
            var (from, to) = (TimeOnly.Parse(Clock(v.GetProperty("arrivalTime")), CultureInfo.InvariantCulture), TimeOnly.Parse(Clock(v.GetProperty("departureTime")), CultureInfo.InvariantCulture));
            Assert.True(to <= new TimeOnly(12, 0) || from >= new TimeOnly(13, 30), $"a visit {from}–{to} runs into lunch");
        }
    }

    [Fact]
    public async Task A_depot_at_0_0_outside_china_or_outside_the_district_is_400_naming_location_and_nothing_is_stored()
    {
        var admin = await app.ClientForAsync("admin");
        var before = await app.ScalarAsync("SELECT count(*) FROM depots");
        foreach (var (lon, lat, code) in new[]
        {
            (0.0, 0.0, RoutingProblemCodes.DepotOutsideChina),            // a missing position
            (126.98, 37.57, RoutingProblemCodes.DepotOutsideChina),       // Seoul
            (116.40, 39.90, RoutingProblemCodes.DepotOutsideDistrict),    // Beijing: in China, not in 冷水滩区
        })
        {
            foreach (var language in new[] { "en", "zh-CN" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/routes/depots")
                {
                    Content = JsonContent.Create(new { name = $"远处 {lon} {lat}", location = new { longitude = lon, latitude = lat } }),
                };
                request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
                using var response = await admin.SendAsync(request);
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                var coded = Assert.Single(problem.GetProperty("errorCodes").EnumerateObject());
                Assert.Equal(("location", code), (coded.Name, coded.Value[0].GetProperty("code").GetString()));
                var message = problem.GetProperty("errors").GetProperty("location")[0].GetString()!;
                Assert.Equal(language == "zh-CN", message.Any(ch => ch >= '\u4e00' && ch <= '\u9fff'));
            }
        }
        Assert.Equal(before, await app.ScalarAsync("SELECT count(*) FROM depots"));
    }
}
