using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.IO;
using RiskMap.Api.Features.Routing;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>
/// The inspection planner on the demo district: candidates and their filters and scope, plans for several teams, the
/// edge cases, bad input, and the exports. Plans are bounded by a solution count (<see cref="RoutingSearch.SolutionLimit"/>,
/// set for this process while a test of this class runs) under a time limit they never reach, so that the plan does not
/// depend on the machine's load; a plan with a single possible route keeps a short time limit instead.
/// </summary>
public sealed class RoutingTests : IClassFixture<DemoApp>, IDisposable
{
    /// <summary>Solutions each OR-Tools search may find.</summary>
    private const long Solutions = 20;

    /// <summary>The time limit of the bounded plans, in seconds: the largest allowed, never reached.</summary>
    private const int TimeCapSeconds = 30;

    private readonly DemoApp app;

    public RoutingTests(DemoApp app)
    {
        this.app = app;
        RoutingSearch.SolutionLimit = Solutions;
    }

    public void Dispose() => RoutingSearch.SolutionLimit = 0;

    internal const string Day = "2022-12-31";
    internal const string Own = "431103105"; // 黄阳司镇, chief-431103105 and inspector-1 read it
    private const string Other = "431103101";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static (double Lon, double Lat) Point(JsonElement e) => (e.GetProperty("longitude").GetDouble(), e.GetProperty("latitude").GetDouble());

    internal static async Task<JsonElement> Candidates(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/routes/candidates?asOf={Day}&{query}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    internal static async Task<JsonElement> PlanOk(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/routes/plan", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>GET <paramref name="url"/> asking for <paramref name="language"/> instead of the tests' English.</summary>
    internal static async Task<HttpResponseMessage> GetIn(HttpClient client, string language, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private static async Task<long> InsertEnterpriseAsync(RiskMapApp app, int serial, string name, double lon, double lat)
    {
        var code = TownshipAssignmentTests.CreditCode("431103", 90_000 + serial);
        var id = await app.ScalarAsync(string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO enterprises (credit_code, name, sector, above_scale, address, location)
            VALUES ('{code}', '{name.Replace("'", "''")}', 'gas', false, '测试路{serial}号', ST_SetSRID(ST_MakePoint({lon}, {lat}), 4326))
            ON CONFLICT (credit_code) DO UPDATE SET name = excluded.name
            RETURNING id
            """));
        return (long)id!;
    }

    [Fact]
    public async Task Candidates_are_ranked_by_the_documented_score_and_match_the_filters()
    {
        var leader = await app.ClientForAsync("leader");
        var all = await Candidates(leader, "limit=2000");
        var items = all.GetProperty("items").EnumerateArray().ToList();
        // The district's enterprises, and (for a caller who reads everything) those in no township, which other tests add.
        var expectedTotal = (long)(await app.ScalarAsync(
            "SELECT count(*) FROM enterprises e LEFT JOIN townships t ON t.code = e.township_code WHERE t.district_code = '431103' OR e.township_code IS NULL"))!;
        Assert.Equal(expectedTotal, all.GetProperty("total").GetInt32());
        Assert.Equal(Math.Min(expectedTotal, 2000), items.Count);

        // Ranked by score, descending, ranks 1…n; every enterprise with an open major hazard before any without.
        var scores = items.Select(i => i.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.Equal(Enumerable.Range(1, items.Count), items.Select(i => i.GetProperty("rank").GetInt32()));
        var lastMajor = items.FindLastIndex(i => i.GetProperty("openMajor").GetInt32() > 0);
        var firstWithout = items.FindIndex(i => i.GetProperty("openMajor").GetInt32() == 0);
        Assert.True(lastMajor >= 0 && lastMajor < firstWithout, $"open majors end at {lastMajor}, others start at {firstWithout}");

        // The score of the top candidate is the formula applied to its own facts.
        var top = items[0];
        var asOf = DateOnly.Parse(Day, CultureInfo.InvariantCulture);
        var facts = new RiskCandidate(top.GetProperty("enterpriseId").GetInt64(), top.GetProperty("sector").GetString(), top.GetProperty("aboveScale").GetBoolean(),
            top.GetProperty("openMajor").GetInt32(), top.GetProperty("overdueMajor").GetInt32(), top.GetProperty("supervisedMajor").GetInt32(),
            top.GetProperty("openGeneral").GetInt32(), top.GetProperty("overdueGeneral").GetInt32(),
            top.GetProperty("lastInspectedOn").ValueKind == JsonValueKind.Null ? null : DateOnly.Parse(top.GetProperty("lastInspectedOn").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(Math.Round(RiskScore.Compute(facts, asOf), 2), top.GetProperty("score").GetDouble(), 6);

        // Open majors per enterprise in the township, counted independently of the planner's SQL.
        var majors = await Candidates(leader, $"township={Own}&openHazardLevel=Major&limit=2000");
        var expectedMajors = (long)(await app.ScalarAsync($"""
            SELECT count(DISTINCT e.id) FROM enterprises e JOIN hazards h ON h.enterprise_id = e.id
            WHERE e.township_code = '{Own}' AND h.level = 'Major' AND h.found_on <= '{Day}'
              AND coalesce(least(h.rectified_on, h.closed_on) > '{Day}', true)
            """))!;
        Assert.Equal(expectedMajors, majors.GetProperty("total").GetInt32());
        Assert.All(majors.GetProperty("items").EnumerateArray(), i =>
        {
            Assert.Equal(Own, i.GetProperty("township").GetString());
            Assert.True(i.GetProperty("openMajor").GetInt32() > 0);
        });

        var filtered = await Candidates(leader, $"township={Own},{Other}&sector=gas,fireworks&aboveScale=false&notInspectedForDays=180&limit=2000");
        Assert.NotEqual(0, filtered.GetProperty("total").GetInt32());
        Assert.All(filtered.GetProperty("items").EnumerateArray(), i =>
        {
            Assert.Contains(i.GetProperty("township").GetString(), new[] { Own, Other });
            Assert.Contains(i.GetProperty("sector").GetString(), new[] { "gas", "fireworks" });
            Assert.False(i.GetProperty("aboveScale").GetBoolean());
            var days = i.GetProperty("daysSinceInspection");
            Assert.True(days.ValueKind == JsonValueKind.Null || days.GetInt32() >= 180);
        });

        var overdue = await Candidates(leader, "overdue=true&limit=2000");
        var expectedOverdue = (long)(await app.ScalarAsync($"""
            SELECT count(DISTINCT h.enterprise_id) FROM hazards h
            WHERE h.found_on <= '{Day}' AND coalesce(least(h.rectified_on, h.closed_on) > '{Day}', true) AND h.deadline < '{Day}'
            """))!;
        Assert.Equal(expectedOverdue, overdue.GetProperty("total").GetInt32());
        Assert.All(overdue.GetProperty("items").EnumerateArray(), i =>
            Assert.True(i.GetProperty("overdueMajor").GetInt32() + i.GetProperty("overdueGeneral").GetInt32() > 0));

        var supervised = await Candidates(leader, "supervised=true");
        Assert.All(supervised.GetProperty("items").EnumerateArray(), i =>
        {
            Assert.True(i.GetProperty("supervisedMajor").GetInt32() > 0);
            Assert.Equal(i.GetProperty("overdueMajor").GetInt32() > 0, i.GetProperty("suggestMandatory").GetBoolean());
        });

        var limited = await Candidates(leader, "limit=5");
        Assert.Equal(5, limited.GetProperty("items").GetArrayLength());
        Assert.Equal(items.Take(5).Select(i => i.GetProperty("enterpriseId").GetInt64()),
            limited.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("enterpriseId").GetInt64()));
    }

    [Fact]
    public async Task Candidates_hold_only_the_callers_townships_and_a_named_other_township_is_403()
    {
        var chief = await app.ClientForAsync($"chief-{Own}");
        var own = await Candidates(chief, "limit=2000");
        var expected = (long)(await app.ScalarAsync($"SELECT count(*) FROM enterprises WHERE township_code = '{Own}'"))!;
        Assert.Equal(expected, own.GetProperty("total").GetInt32());
        Assert.All(own.GetProperty("items").EnumerateArray(), i => Assert.Equal(Own, i.GetProperty("township").GetString()));

        var response = await chief.GetAsync($"/api/v1/routes/candidates?township={Other}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("township", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("parameter").GetString());

        var inspector = await app.ClientForAsync("inspector-1"); // townships 101, 102, 105
        var assigned = await Candidates(inspector, "limit=2000");
        Assert.Equal(["431103101", "431103102", "431103105"],
            assigned.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("township").GetString()).Distinct().Order());

        var bad = await (await app.ClientForAsync("leader")).GetAsync("/api/v1/routes/candidates?township=12&limit=0&overdue=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("township", out _));
        Assert.True(errors.TryGetProperty("limit", out _));
        Assert.True(errors.TryGetProperty("overdue", out _));
    }

    [Fact]
    public async Task Two_teams_visit_every_mandatory_stop_once_with_totals_equal_to_their_legs_and_the_exports_read_back()
    {
        var leader = await app.ClientForAsync("leader");
        var candidates = (await Candidates(leader, $"township={Own}&limit=14")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(14, candidates.Count);
        var start = new { longitude = 111.80, latitude = 26.30 };
        var mandatory = candidates.Take(3).Select(c => c.GetProperty("enterpriseId").GetInt64()).ToHashSet();
        var plan = await PlanOk(leader, new
        {
            start,
            stops = candidates.Select(c => new { enterpriseId = c.GetProperty("enterpriseId").GetInt64(), mandatory = mandatory.Contains(c.GetProperty("enterpriseId").GetInt64()) }),
            teams = 2,
            workingTimeSeconds = 8 * 3600,
            serviceTimeSeconds = 1800,
            speedKmh = 30,
            timeLimitSeconds = TimeCapSeconds,
            asOf = Day,
        });

        Assert.Equal("StraightLine", plan.GetProperty("distanceKind").GetString());
        Assert.Equal("Optimised", plan.GetProperty("mode").GetString());
        Assert.NotEqual("Infeasible", plan.GetProperty("status").GetString());
        var teams = plan.GetProperty("teams").EnumerateArray().ToList();
        Assert.Equal([1, 2], teams.Select(t => t.GetProperty("team").GetInt32()));
        var visits = teams.SelectMany(t => t.GetProperty("visits").EnumerateArray()).ToList();
        var visited = visits.Select(v => v.GetProperty("enterpriseId").GetInt64()).ToList();
        Assert.Equal(visited.Count, visited.Distinct().Count());
        Assert.Subset(visited.ToHashSet(), mandatory);
        var dropped = plan.GetProperty("dropped").EnumerateArray().Select(d => d.GetProperty("enterpriseId").GetInt64()).ToList();
        Assert.Equal(candidates.Select(c => c.GetProperty("enterpriseId").GetInt64()).Order(), visited.Concat(dropped).Order());

        double planTotal = 0;
        foreach (var team in teams)
        {
            var legs = team.GetProperty("visits").EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(1, legs.Count), legs.Select(v => v.GetProperty("sequence").GetInt32()));
            var previous = (start.longitude, start.latitude);
            double sum = 0, departure = 0;
            foreach (var v in legs)
            {
                var here = Point(v);
                var leg = v.GetProperty("legDistanceMetres").GetDouble();
                // Each leg is the geodesic distance between consecutive points, in metres.
                Assert.Equal(GeodesicDistance.Metres(new LonLat(previous.Item1, previous.Item2), new LonLat(here.Lon, here.Lat)), leg, 6);
                sum += leg;
                Assert.Equal(sum, v.GetProperty("cumulativeDistanceMetres").GetDouble(), 6);
                // Arrival = travel at 30 km/h after the previous visit's 30 minutes; later only to wait for the end of the lunch
                // break (13:30, 5 h after leaving at 08:30) or the opening of a demo gas outlet (09:00).
                var ready = departure + leg / (30 / 3.6);
                var arrival = v.GetProperty("arrivalSeconds").GetDouble();
                Assert.True(Math.Abs(arrival - ready) < 1e-3 || (arrival > ready && arrival is 5 * 3600 or 1800), $"arrival {arrival} s, ready {ready} s");
                departure = v.GetProperty("departureSeconds").GetDouble();
                Assert.Equal(arrival + 1800, departure, 6);
                previous = here;
            }
            Assert.Equal(sum, team.GetProperty("totalDistanceMetres").GetDouble(), 6);
            Assert.True(team.GetProperty("totalTimeSeconds").GetDouble() <= 8 * 3600);
            Assert.False(team.GetProperty("exceedsWorkingTime").GetBoolean());
            planTotal += sum;
        }
        Assert.Equal(planTotal, plan.GetProperty("totalDistanceMetres").GetDouble(), 6);

        // The stored plan, and its exports.
        var id = plan.GetProperty("id").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", id);
        var again = await leader.GetFromJsonAsync<JsonElement>($"/api/v1/routes/plans/{id}");
        Assert.Equal(plan.GetProperty("totalDistanceMetres").GetDouble(), again.GetProperty("totalDistanceMetres").GetDouble());
        var team1 = teams[0];
        var visits1 = team1.GetProperty("visits").EnumerateArray().ToList();
        Assert.NotEmpty(visits1);

        var gpxResponse = await leader.GetAsync(team1.GetProperty("exports").GetProperty("gpx").GetString());
        Assert.Equal("application/gpx+xml", gpxResponse.Content.Headers.ContentType!.MediaType);
        var gpxText = await gpxResponse.Content.ReadAsStringAsync();
        var root = XDocument.Parse(gpxText).Root!;
        Assert.Equal(XName.Get("gpx", "http://www.topografix.com/GPX/1/1"), root.Name);
        Assert.Equal("1.1", root.Attribute("version")!.Value);
        var gpx = GpxFile.Parse(gpxText, null);
        Assert.Equal(visits1.Select(v => $"{v.GetProperty("sequence").GetInt32():00} {v.GetProperty("name").GetString()}"), gpx.Waypoints.Select(w => w.Name));
        Assert.Equal(visits1[0].GetProperty("longitude").GetDouble(), gpx.Waypoints[0].Longitude.Value, 9);
        var route = Assert.Single(gpx.Routes);
        Assert.Equal(visits1.Count + 1, route.Waypoints.Count); // the start, then every visit (open route)
        Assert.Equal(start.longitude, route.Waypoints[0].Longitude.Value, 9);

        var csvBytes = await leader.GetByteArrayAsync(team1.GetProperty("exports").GetProperty("csv").GetString());
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csvBytes[..3]);
        var lines = Encoding.UTF8.GetString(csvBytes, 3, csvBytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(",", RouteTexts.CsvColumns), lines[0]); // English (the tests' language): the canonical names
        Assert.Equal(visits1.Count + 1, lines.Length);
        Assert.StartsWith($"1,{visits1[0].GetProperty("name").GetString()},", lines[1]);
        var chineseCsv = await (await GetIn(leader, "zh-CN", team1.GetProperty("exports").GetProperty("csv").GetString()!)).Content.ReadAsByteArrayAsync();
        Assert.StartsWith("序号,企业名称,统一社会信用代码,行业,地址,乡镇/街道,经度,纬度,必查,", Encoding.UTF8.GetString(chineseCsv, 3, chineseCsv.Length - 3));

        var sheet = await GetIn(leader, "zh-CN", team1.GetProperty("exports").GetProperty("sheet").GetString()!);
        Assert.Equal("text/html", sheet.Content.Headers.ContentType!.MediaType);
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            sheet.Headers.GetValues("Content-Security-Policy").Single());
        var html = await sheet.Content.ReadAsStringAsync();
        Assert.Contains("size: A4", html);
        Assert.Contains("检查组：第 1 组", html);
        Assert.Equal(visits1.Count, html.Split("class=\"findings\"").Length - 1);
        Assert.Contains(visits1[0].GetProperty("name").GetString()!, html);
        // A mandatory top candidate has open hazards: the sheet lists their deadlines.
        var withHazards = visits1.FirstOrDefault(v => v.GetProperty("openMajor").GetInt32() + v.GetProperty("openGeneral").GetInt32() > 0);
        if (withHazards.ValueKind != JsonValueKind.Undefined)
        {
            var deadline = (string)(await app.ScalarAsync($"""
                SELECT to_char(min(h.deadline), 'YYYY-MM-DD') FROM hazards h WHERE h.enterprise_id = {withHazards.GetProperty("enterpriseId").GetInt64()}
                AND h.found_on <= '{Day}' AND coalesce(least(h.rectified_on, h.closed_on) > '{Day}', true)
                """))!;
            Assert.Contains($"<td>{deadline}</td>", html);
        }

        // Another caller whose scope does not cover the plan's townships cannot read it (404, as for an unknown plan:
        // Another_townships_plan_answers_every_plan_route_exactly_like_an_unknown_id); unknown plans and teams are 404.
        var elsewhere = await app.ClientForAsync("chief-431103201");
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/api/v1/routes/plans/{id}/teams/1.gpx")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync($"chief-{Own}")).GetAsync($"/api/v1/routes/plans/{id}/teams/1.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/v1/routes/plans/{id}/teams/3.gpx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/v1/routes/plans/{new string('a', 32)}")).StatusCode);
    }

    [Fact]
    public async Task Edge_cases_give_plans_not_errors()
    {
        var admin = await app.ClientForAsync("admin");
        var start = new { longitude = 111.65, latitude = 26.42 };
        var candidates = (await Candidates(admin, $"township={Own}&limit=2")).GetProperty("items").EnumerateArray()
            .Select(c => c.GetProperty("enterpriseId").GetInt64()).ToList();
        var (lon, lat) = (111.6301234, 26.4112345);
        var twinA = await InsertEnterpriseAsync(app, 1, "同址企业甲", lon, lat);
        var twinB = await InsertEnterpriseAsync(app, 2, "同址企业乙", lon, lat);
        var outside = await InsertEnterpriseAsync(app, 3, "<b>区外</b>企业 & Co", 116.40, 39.90);

        // No stops: an empty plan at once.
        var empty = await PlanOk(admin, new { start, stops = Array.Empty<object>(), teams = 2 });
        Assert.Equal("Optimal", empty.GetProperty("status").GetString());
        Assert.Equal(0, empty.GetProperty("totalDistanceMetres").GetDouble());
        Assert.All(empty.GetProperty("teams").EnumerateArray(), t => Assert.Equal(0, t.GetProperty("visits").GetArrayLength()));

        // One stop, duplicates, two enterprises at one place, one far outside the district, and more teams than stops.
        var plan = await PlanOk(admin, new
        {
            start,
            stops = new object[]
            {
                new { enterpriseId = candidates[0] }, new { enterpriseId = candidates[0], mandatory = true }, new { enterpriseId = twinA },
                new { enterpriseId = twinB }, new { enterpriseId = outside },
            },
            teams = 6,
            timeLimitSeconds = TimeCapSeconds,
        });
        var teams = plan.GetProperty("teams").EnumerateArray().ToList();
        Assert.Equal(6, teams.Count);
        var visits = teams.SelectMany(t => t.GetProperty("visits").EnumerateArray()).ToList();
        Assert.Equal(new[] { candidates[0], twinA, twinB, outside }.Order(), visits.Select(v => v.GetProperty("enterpriseId").GetInt64()).Order());
        Assert.Equal([candidates[0]], plan.GetProperty("mergedEnterpriseIds").EnumerateArray().Select(e => e.GetInt64()));
        Assert.True(visits.Single(v => v.GetProperty("enterpriseId").GetInt64() == candidates[0]).GetProperty("mandatory").GetBoolean());
        Assert.Empty(plan.GetProperty("dropped").EnumerateArray());
        var far = visits.Single(v => v.GetProperty("enterpriseId").GetInt64() == outside);
        // Its point, 116.40, 39.90, has 2 decimals: a coarse location too.
        Assert.Equal([StopFlags.NoTownship, StopFlags.OutsideDistrict, StopFlags.QuestionableLocation], far.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Empty(visits.Single(v => v.GetProperty("enterpriseId").GetInt64() == twinA).GetProperty("flags").EnumerateArray());
        // The twins are visited one after the other by one team, 0 m apart.
        var twinTeam = teams.Single(t => t.GetProperty("visits").EnumerateArray().Any(v => v.GetProperty("enterpriseId").GetInt64() == twinA));
        var twinLegs = twinTeam.GetProperty("visits").EnumerateArray().Where(v => v.GetProperty("enterpriseId").GetInt64() is var e && (e == twinA || e == twinB))
            .Select(v => v.GetProperty("legDistanceMetres").GetDouble()).ToList();
        Assert.Equal(2, twinLegs.Count);
        Assert.Contains(0, twinLegs);

        // The visit sheet of the team with the markup-named enterprise shows the name as text.
        var farTeam = teams.Single(t => t.GetProperty("visits").EnumerateArray().Any(v => v.GetProperty("enterpriseId").GetInt64() == outside));
        var html = await (await GetIn(admin, "zh-CN", farTeam.GetProperty("exports").GetProperty("sheet").GetString()!)).Content.ReadAsStringAsync();
        Assert.Contains("&lt;b&gt;区外&lt;/b&gt;企业 &amp; Co", html);
        Assert.DoesNotContain("<b>区外", html);
        Assert.Contains("在区界外", html);

        // One stop and one team have a single route: the 1 s limit cannot change the plan (a search for more solutions would use it all).
        var single = await PlanOk(admin, new { start, stops = new[] { new { enterpriseId = candidates[1] } }, timeLimitSeconds = 1 });
        var only = Assert.Single(Assert.Single(single.GetProperty("teams").EnumerateArray()).GetProperty("visits").EnumerateArray());
        Assert.Equal(candidates[1], only.GetProperty("enterpriseId").GetInt64());
        Assert.Equal(only.GetProperty("legDistanceMetres").GetDouble(), single.GetProperty("totalDistanceMetres").GetDouble());
    }

    [Fact]
    public async Task A_kept_order_is_measured_not_optimised_and_a_day_too_long_is_flagged()
    {
        var chief = await app.ClientForAsync($"chief-{Own}");
        var ids = (await Candidates(chief, "limit=4")).GetProperty("items").EnumerateArray().Select(c => c.GetProperty("enterpriseId").GetInt64()).ToList();
        var end = new { longitude = 111.70, latitude = 26.35 };
        var plan = await PlanOk(chief, new
        {
            start = new { longitude = 111.65, latitude = 26.42 },
            end,
            stops = new object[]
            {
                new { enterpriseId = ids[3], team = 1 }, new { enterpriseId = ids[0], team = 2 }, new { enterpriseId = ids[1], team = 1 },
                new { enterpriseId = ids[2], team = 2 },
            },
            teams = 2,
            keepOrder = true,
            workingTimeSeconds = 600,
        });
        Assert.Equal("KeptOrder", plan.GetProperty("mode").GetString());
        Assert.Equal(0, plan.GetProperty("solveSeconds").GetDouble());
        var teams = plan.GetProperty("teams").EnumerateArray().ToList();
        Assert.Equal([ids[3], ids[1]], teams[0].GetProperty("visits").EnumerateArray().Select(v => v.GetProperty("enterpriseId").GetInt64()));
        Assert.Equal([ids[0], ids[2]], teams[1].GetProperty("visits").EnumerateArray().Select(v => v.GetProperty("enterpriseId").GetInt64()));
        foreach (var team in teams)
        {
            var finish = team.GetProperty("finish");
            var last = team.GetProperty("visits").EnumerateArray().Last();
            var (lon, lat) = Point(last);
            Assert.Equal(GeodesicDistance.Metres(new LonLat(lon, lat), new LonLat(end.longitude, end.latitude)), finish.GetProperty("legDistanceMetres").GetDouble(), 6);
            Assert.Equal(last.GetProperty("cumulativeDistanceMetres").GetDouble() + finish.GetProperty("legDistanceMetres").GetDouble(),
                team.GetProperty("totalDistanceMetres").GetDouble(), 6);
            Assert.True(team.GetProperty("exceedsWorkingTime").GetBoolean()); // ten minutes is not enough for two visits and back
        }
    }

    [Theory]
    [InlineData("""{"stops":[]}""", "start")]
    [InlineData("""{"start":{"longitude":111.6,"latitude":91},"stops":[]}""", "start.latitude")]
    [InlineData("""{"start":{"longitude":181,"latitude":26},"stops":[]}""", "start.longitude")]
    [InlineData("""{"start":{"longitude":111.6,"latitude":26.4},"stops":[],"speedKmh":0}""", "speedKmh")]
    [InlineData("""{"start":{"longitude":111.6,"latitude":26.4},"stops":[],"speedKmh":1e-300}""", "speedKmh")]
    [InlineData("""{"start":{"longitude":111.6,"latitude":26.4},"stops":[],"speedKmh":151}""", "speedKmh")]
    [InlineData("""{"start":{"longitude":111.6,"latitude":26.4},"stops":[],"timeLimitSeconds":1e-300}""", "timeLimitSeconds")]
    [InlineData("""{"start":{"longitude":111.6,"latitude":26.4},"stops":[],"workingTimeSeconds":86401}""", "workingTimeSeconds")]
    [InlineData("""{"start":{"longitude":111.6,"latitude":26.4},"stops":[],"asOf":"9999-12-31"}""", "asOf")]
    [InlineData("""{"start":{"longitude":111.6,"latitude":26.4},"stops":[],"teams":1,"teams":2}""", "teams")]
    [InlineData("""{"start":{"longitude":111.6,"latitude":26.4},"stops":[],"teams":0}""", "teams")]
    [InlineData("""{"start":{"longitude":111.6,"latitude":26.4},"stops":[],"timeLimitSeconds":31}""", "timeLimitSeconds")]
    [InlineData("""{"start":{"longitude":111.6,"latitude":26.4},"stops":[],"workingTimeSeconds":0}""", "workingTimeSeconds")]
    [InlineData("""{"start":{"longitude":111.6,"latitude":26.4},"stops":[{"enterpriseId":1},{"enterpriseId":987654321}]}""", "stops[1].enterpriseId")]
    [InlineData("""{"start":{"longitude":111.6,"latitude":26.4},"stops":[{}]}""", "stops[0].enterpriseId")]
    [InlineData("""{"start":{"longitude":111.6,"latitude":26.4},"stops":[{"enterpriseId":1,"priority":0}]}""", "stops[0].priority")]
    [InlineData("""{"start":{"longitude":111.6,"latitude":26.4},"stops":[{"enterpriseId":1}],"keepOrder":true}""", "stops[0].team")]
    [InlineData("""{"start":{"longitude":111.6,"latitude":26.4},"stops":[{"enterpriseId":"one"}]}""", "stops[0].enterpriseId")]
    [InlineData("""{"start":{"longitude":111.6,"latitude":26.4}}""", "stops")]
    public async Task Bad_input_is_400_naming_the_field(string body, string field)
    {
        var response = await (await app.ClientForAsync("leader")).PostAsync("/api/v1/routes/plan", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), text);
    }

    [Fact]
    public async Task A_stop_outside_the_callers_townships_answers_like_an_unknown_enterprise()
    {
        var other = (long)(await app.ScalarAsync($"SELECT min(id) FROM enterprises WHERE township_code = '{Other}'"))!;
        var own = (long)(await app.ScalarAsync($"SELECT min(id) FROM enterprises WHERE township_code = '{Own}'"))!;
        var response = await (await app.ClientForAsync($"chief-{Own}")).PostAsJsonAsync("/api/v1/routes/plan", new
        {
            start = new { longitude = 111.6, latitude = 26.4 },
            stops = new[] { new { enterpriseId = own }, new { enterpriseId = other } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"No enterprise has the id {other}.", problem.GetProperty("errors").GetProperty("stops[1].enterpriseId")[0].GetString());
        Assert.DoesNotContain("花桥", problem.ToString());
        Assert.DoesNotContain(Other, problem.ToString());
    }

    [Fact]
    public async Task Another_townships_plan_answers_every_plan_route_exactly_like_an_unknown_id()
    {
        // A plan of the leader's visiting two enterprises of another township (kept order: no solver wait).
        var stops = (string)(await app.ScalarAsync($"SELECT string_agg(id::text, ',' ORDER BY id) FROM (SELECT id FROM enterprises WHERE township_code = '{Other}' ORDER BY id LIMIT 2) e"))!;
        var plan = await PlanOk(await app.ClientForAsync("leader"), new
        {
            start = new { longitude = 111.6, latitude = 26.4 },
            stops = stops.Split(',').Select(s => new { enterpriseId = long.Parse(s, CultureInfo.InvariantCulture), team = 1 }),
            keepOrder = true,
            asOf = Day,
        });
        var id = plan.GetProperty("id").GetString()!;
        var unknown = new string('e', 32);
        using var chief = await app.ClientForAsync($"chief-{Own}");

        // Every read with a plan id, from the endpoint data source, so that a new export cannot reopen the leak (the one
        // write, a team's assignment, is FieldSyncTests').
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Any(p => p.Name == "id") && e.RoutePattern.RawText!.Contains("/routes/plans/", StringComparison.Ordinal)
                && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is ["GET"])
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).ToList();
        Assert.Equal(4, routes.Count);
        foreach (var route in routes)
        {
            var url = route.Replace("{team:int}", "1", StringComparison.Ordinal);
            async Task<(HttpStatusCode Status, string? Type, string Body)> AnswerAsync(string planId)
            {
                using var response = await chief.GetAsync(url.Replace("{id}", planId, StringComparison.Ordinal));
                var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
                body.Remove("traceId"); // differs per request
                return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, body.ToJsonString().Replace(planId, "{id}", StringComparison.Ordinal));
            }
            var (status, type, body) = await AnswerAsync(id);
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal(await AnswerAsync(unknown), (status, type, body));
            Assert.DoesNotContain(Other, body);
        }
        // The plan itself is there: its author reads it.
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync("leader")).GetAsync($"/api/v1/routes/plans/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_busy_planner_answers_503_with_retry_after_within_the_callers_limit()
    {
        var gate = (RoutePlanGate)app.Services.GetService(typeof(RoutePlanGate))!;
        var held = new List<IDisposable>();
        while (await gate.EnterAsync(TimeSpan.Zero, default) is { } lease) held.Add(lease); // every solver busy
        try
        {
            var id = (long)(await app.ScalarAsync($"SELECT min(id) FROM enterprises WHERE township_code = '{Own}'"))!;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var response = await (await app.ClientForAsync("leader")).PostAsJsonAsync("/api/v1/routes/plan", new
            {
                start = new { longitude = 111.6, latitude = 26.4 },
                stops = new[] { new { enterpriseId = id } },
                timeLimitSeconds = 0.3,
            });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter!.Delta);
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.3), $"answered after {clock.Elapsed}");
        }
        finally
        {
            foreach (var lease in held) lease.Dispose();
        }
    }
}
