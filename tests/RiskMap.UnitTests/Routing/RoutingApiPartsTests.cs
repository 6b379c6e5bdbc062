using System.Text;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using NetTopologySuite.IO;
using RiskMap.Api.Features.Routing;
using RiskMap.UnitTests.Import;

namespace RiskMap.UnitTests.Routing;

/// <summary>The planner API's parts that need no database: priorities, the solver gate and the exports (the plan store: RoutePlanStoreTests).</summary>
public class RoutingApiPartsTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(9.99, 1)]
    [InlineData(35, 4)]      // nothing open: recency, sector and size only
    [InlineData(60, 7)]      // one overdue general hazard
    [InlineData(400, 41)]    // one open major hazard
    [InlineData(1400, 100)]  // one overdue major hazard
    [InlineData(5000, 100)]
    public void Priority_is_one_plus_a_tenth_of_the_score_within_1_to_100(double score, int priority)
        => Assert.Equal(priority, RoutingQueries.Priority(score));

    [Fact]
    public async Task The_gate_admits_as_many_solves_as_configured_and_a_lease_frees_its_place()
    {
        using var gate = new RoutePlanGate(Options.Create(new RoutingOptions { ConcurrentSolves = 1 }));
        var first = await gate.EnterAsync(TimeSpan.Zero, default);
        Assert.NotNull(first);
        Assert.Null(await gate.EnterAsync(TimeSpan.FromMilliseconds(50), default));
        first.Dispose();
        first.Dispose(); // twice is harmless
        using var second = await gate.EnterAsync(TimeSpan.Zero, default);
        Assert.NotNull(second);
        Assert.Null(await gate.EnterAsync(TimeSpan.Zero, default));
    }

    [Fact]
    public void The_gate_holds_each_user_to_their_running_plans_and_plans_per_minute()
    {
        using var gate = new RoutePlanGate(Options.Create(new RoutingOptions { SolvesPerUser = 1, SolvesPerUserPerMinute = 3 }));
        var running = gate.Admit("u1", TimeSpan.FromSeconds(5));
        Assert.Null(running.Refusal);
        Assert.Equal(1, gate.Running("u1"));
        using (var second = gate.Admit("u1", TimeSpan.FromSeconds(5)))
        {
            Assert.Equal("running", second.Refusal);
            Assert.Equal(TimeSpan.FromSeconds(5), second.RetryAfter);
        }
        using (var other = gate.Admit("u2", TimeSpan.FromSeconds(5))) Assert.Null(other.Refusal); // another user is not held up
        running.Dispose();
        Assert.Equal(0, gate.Running("u1"));

        // A refused request took no token: u1 has used one of three.
        gate.Admit("u1", TimeSpan.Zero).Dispose();
        gate.Admit("u1", TimeSpan.Zero).Dispose();
        using var fourth = gate.Admit("u1", TimeSpan.Zero);
        Assert.Equal("perMinute", fourth.Refusal);
        Assert.InRange(fourth.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20)); // one token every 60 / 3 s
        Assert.Equal(0, gate.Running("u1"));
    }

    private static PlannedRoutes Plan(string id, DateTimeOffset created, TimeSpan lifetime, params PlannedTeam[] teams) => new(
        id, created, created + lifetime, "Optimised", "Optimal", "StraightLine", "", new DateOnly(2022, 12, 31), "431103", "wgs84",
        new PlannedPoint(111.6, 26.4), null, new PlanSettings(teams.Length, null, 0, 30, 2), teams, [], [], [], teams.Sum(t => t.TotalDistanceMetres), 0, null, null);

    private static readonly PlannedTeam Team = new(1,
    [
        new PlannedVisitStop(1, 7, "甲,\"乙\"<b>公司</b> & Co", "91431103MA4L0000X1", "gas", "滨江路 1 号", "431103001", "梅湾街道", 111.6123456, 26.4123456,
            true, 1, 2, 1, 1460, 1234.4, 1234.4, 148.1, 1948.1, [], At(8, 32, 29), At(9, 2, 29)),
        new PlannedVisitStop(2, 9, "丙厂", "91431103MA4L0000X2", "fireworks", null, null, null, 116.4, 39.9, false, 0, 0, 0, 32, 1000, 2234.4, 2068, 3868,
            [StopFlags.NoTownship, StopFlags.OutsideDistrict], At(9, 4, 28), At(9, 34, 28)),
    ], null, 2234.4, 3868, false, new TeamExports("g", "c", "s"));

    /// <summary>A clock time of the plans' day, China Standard Time.</summary>
    private static DateTimeOffset At(int hour, int minute, int second) => new(2022, 12, 31, hour, minute, second, TimeSpan.FromHours(8));

    [Fact]
    public void The_csv_has_a_bom_chinese_headers_and_quotes_names_with_commas_and_quotes()
    {
        var bytes = Texts.In("zh-CN", l => RouteExports.Csv(Team, new RouteTexts(l)));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        Assert.Equal("序号,企业名称,统一社会信用代码,行业,地址,乡镇/街道,经度,纬度,必查,未整改重大隐患,未整改一般隐患,超期隐患,风险分,本段距离(米),累计距离(米),预计到达(出发后分钟),预计离开(出发后分钟),标记,预计到达时间,预计离开时间", lines[0]);
        Assert.Equal("1,\"甲,\"\"乙\"\"<b>公司</b> & Co\",91431103MA4L0000X1,燃气,滨江路 1 号,梅湾街道,111.6123456,26.4123456,是,1,2,1,1460,1234,1234,2,32,,08:32,09:02", lines[1]);
        Assert.Equal("2,丙厂,91431103MA4L0000X2,烟花爆竹,,,116.4000000,39.9000000,否,0,0,0,32,1000,2234,34,64,不在任何乡镇；在区界外,09:04,09:34", lines[2]);
    }

    [Fact]
    public void The_gpx_is_gpx_1_1_with_numbered_waypoints_and_a_route_from_the_start()
    {
        var plan = Plan("0123456789abcdef0123456789abcdef", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1), Team);
        var text = Encoding.UTF8.GetString(Texts.In("zh-CN", l => RouteExports.Gpx(plan, Team, new RouteTexts(l))));
        var root = XDocument.Parse(text).Root!;
        Assert.Equal(XName.Get("gpx", "http://www.topografix.com/GPX/1/1"), root.Name);
        Assert.Equal("1.1", root.Attribute("version")!.Value);
        var gpx = GpxFile.Parse(text, null);
        Assert.Equal(["01 甲,\"乙\"<b>公司</b> & Co", "02 丙厂"], gpx.Waypoints.Select(w => w.Name));
        Assert.Equal("必查", gpx.Waypoints[0].Classification);
        // <time> is the arrival in UTC (GPX 1.1); the comment gives the China Standard Time clock.
        Assert.Equal([new DateTime(2022, 12, 31, 0, 32, 29, DateTimeKind.Utc), new DateTime(2022, 12, 31, 1, 4, 28, DateTimeKind.Utc)],
            gpx.Waypoints.Select(w => w.TimestampUtc!.Value));
        Assert.Equal("预计到达 08:32（北京时间）", gpx.Waypoints[0].Comment);
        var route = Assert.Single(gpx.Routes);
        Assert.Equal([111.6, 111.6123456, 116.4], route.Waypoints.Select(w => w.Longitude.Value));
        Assert.Equal("route-01234567-team-1.gpx", RouteExports.FileName(plan, 1, "gpx"));
    }

    [Fact]
    public void The_sheet_is_an_a4_page_whose_data_is_text()
    {
        var plan = Plan("0123456789abcdef0123456789abcdef", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1), Team);
        var html = Texts.In("zh-CN", l => RouteExports.Sheet(plan, Team, Hazards, new DateOnly(2026, 1, 2), new RouteTexts(l)));
        Assert.Contains("@page { size: A4;", html);
        Assert.Contains("<h2>1. 甲,&quot;乙&quot;&lt;b&gt;公司&lt;/b&gt; &amp; Co<span class=\"tag\">必查</span></h2>", html);
        Assert.Contains("<td>重大</td><td>气瓶&lt;无&gt;检验</td><td>2022-11-01</td><td>2022-12-01</td><td>超期 30 天，挂牌督办</td>", html);
        Assert.Contains("未整改隐患：无", html);        // the second enterprise has none open
        Assert.Contains("不在任何乡镇", html);
        Assert.Contains("预计用时：1:04", html);       // 3868 s
        Assert.Contains("预计到达：08:32", html);
        Assert.Contains("出发点：111.60000, 26.40000", html);
        var named = Texts.In("zh-CN", l => RouteExports.Sheet(plan with { StartName = "黄阳司镇人民政府" }, Team, Hazards, new DateOnly(2026, 1, 2), new RouteTexts(l)));
        Assert.Contains("<span class=\"start\">出发点：黄阳司镇人民政府</span>", named);
        Assert.Equal(2, html.Split("class=\"findings\"").Length - 1);
    }

    private static readonly SheetHazard[] Hazards = [new(7, "Major", "气瓶<无>检验", new DateOnly(2022, 11, 1), new DateOnly(2022, 12, 1), 30, true)];

    [Fact]
    public void In_english_the_csv_has_the_canonical_column_names_and_english_words()
    {
        var bytes = Texts.In("en", l => RouteExports.Csv(Team, new RouteTexts(l)));
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        Assert.Equal(string.Join(",", RouteTexts.CsvColumns), lines[0]);
        Assert.Equal("sequence,enterprise_name,credit_code,sector,address,township_name,longitude,latitude,mandatory,open_major,open_general,overdue," +
            "score,leg_metres,cumulative_metres,arrival_minutes,departure_minutes,flags,arrival_time,departure_time", lines[0]);
        Assert.Equal("2,丙厂,91431103MA4L0000X2,fireworks,,,116.4000000,39.9000000,false,0,0,0,32,1000,2234,34,64,in no township; outside the district,09:04,09:34", lines[2]);
    }

    [Fact]
    public void In_english_the_sheet_and_the_gpx_have_no_chinese_but_the_data()
    {
        var plan = Plan("0123456789abcdef0123456789abcdef", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1), Team);
        var html = Texts.In("en", l => RouteExports.Sheet(plan, Team, Hazards, new DateOnly(2026, 1, 2), new RouteTexts(l)));
        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("<title>Inspection visit sheet, team 1, 2026-01-02</title>", html);
        Assert.Contains("<h2>1. 甲,&quot;乙&quot;&lt;b&gt;公司&lt;/b&gt; &amp; Co<span class=\"tag\">mandatory</span></h2>", html);
        Assert.Contains("<td>Major</td><td>气瓶&lt;无&gt;检验</td><td>2022-11-01</td><td>2022-12-01</td><td>30 days overdue, under supervision</td>", html);
        Assert.Contains("Open hazards: none", html);
        Assert.Contains("Expected time: 1:04", html);
        Assert.Contains("Expected arrival: 08:32 ·", html);
        // Every Chinese character left is the data's: the enterprises' names, address, township and the hazard's description.
        var data = string.Concat(Team.Visits.Select(v => v.Name + v.Address + v.TownshipName)) + "气瓶无检验";
        Assert.All(html.Where(c => c >= '\u4e00' && c <= '\u9fff'), c => Assert.Contains(c, data));

        var gpx = GpxFile.Parse(Encoding.UTF8.GetString(Texts.In("en", l => RouteExports.Gpx(plan, Team, new RouteTexts(l)))), null);
        Assert.Equal("Inspection route, team 1, 2022-12-31", gpx.Metadata.Name);
        Assert.Equal(["mandatory", "optional"], gpx.Waypoints.Select(w => w.Classification));
        Assert.Equal("Team 1", Assert.Single(gpx.Routes).Name);
    }
}
