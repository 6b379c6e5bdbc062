using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RiskMap.Api.Features.Import;
using RiskMap.Api.Features.Roads;
using RiskMap.Api.Features.Routing;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>
/// The road network on the demo district: a generated grid (its shortest paths known) and a hand-written OpenStreetMap
/// file (a one-way street, a bridge that crosses two streets without a common node) imported through the import
/// pipeline, the pgRouting matrix against those paths, road plans through the API (distance kind, an island stop left
/// out with its reason, road legs never shorter than the straight line, leg paths, the GPX track), and the bad inputs.
/// Each test imports the network it needs (an import replaces the district's network).
/// </summary>
public sealed class RoadNetworkTests : IClassFixture<DemoApp>, IDisposable
{
    private const string District = "431103";

    /// <summary>Grid spacing in degrees (about 400 m east–west, 440 m north–south).</summary>
    private const double Spacing = 0.004;

    private readonly DemoApp app;
    private readonly DirectoryInfo files = Directory.CreateTempSubdirectory("riskmap-roads-");

    public RoadNetworkTests(DemoApp app)
    {
        this.app = app;
        RoutingSearch.SolutionLimit = 20;
    }

    public void Dispose()
    {
        RoutingSearch.SolutionLimit = 0;
        files.Delete(recursive: true);
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private string Write(string name, string text)
    {
        var path = Path.Combine(files.FullName, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private static string Line(IEnumerable<(double X, double Y)> points, string properties)
        => "{\"type\":\"Feature\",\"properties\":{" + properties + "},\"geometry\":{\"type\":\"LineString\",\"coordinates\":["
            + string.Join(",", points.Select(p => $"[{F(p.X)},{F(p.Y)}]")) + "]}}";

    private static string Collection(IEnumerable<string> features) => "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",", features) + "]}";

    /// <summary>A grid of <paramref name="columns"/> × <paramref name="rows"/> nodes from (<paramref name="x0"/>, <paramref name="y0"/>): one line per row and per column through all its nodes (县道), so that noding must split them.</summary>
    private static List<string> Grid(double x0, double y0, int columns, int rows)
    {
        var lines = new List<string>();
        for (var r = 0; r < rows; r++)
            lines.Add(Line(Enumerable.Range(0, columns).Select(c => (x0 + c * Spacing, y0 + r * Spacing)), "\"class\":\"县道\""));
        for (var c = 0; c < columns; c++)
            lines.Add(Line(Enumerable.Range(0, rows).Select(r => (x0 + c * Spacing, y0 + r * Spacing)), "\"class\":\"X012\""));
        return lines;
    }

    private async Task<ImportOutcome> Import(string name, string text, string? crs = "wgs84", Dictionary<string, string>? mapping = null)
        => await ImportTests.RunAsync(app, new ImportRequest(ImportKind.Roads, Write(name, text), name, District: District, Crs: crs, Mapping: mapping));

    private async Task<RoadNetworkSummary> Stored()
    {
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        return await RoadImport.SummaryAsync(connection, District, default);
    }

    /// <summary>The demo enterprises of township 黄阳司镇 as the planner lists them (id, WGS-84 point).</summary>
    private async Task<List<(long Id, double Lon, double Lat)>> Enterprises(int count)
    {
        var leader = await app.ClientForAsync("leader");
        var list = await RoutingTests.Candidates(leader, $"township={RoutingTests.Own}&limit={count}");
        return [.. list.GetProperty("items").EnumerateArray()
            .Select(e => (e.GetProperty("enterpriseId").GetInt64(), e.GetProperty("longitude").GetDouble(), e.GetProperty("latitude").GetDouble()))
            .DistinctBy(e => (e.Item2, e.Item3))];
    }

    /// <summary>
    /// Imports a grid over <paramref name="enterprises"/> (one spacing beyond them on every side) and, through the last of them,
    /// an island road touching nothing of the grid.
    /// </summary>
    private async Task<(double X0, double Y0, int Columns, int Rows, ImportOutcome Outcome)> ImportGridWithIsland(
        IReadOnlyList<(long Id, double Lon, double Lat)> enterprises)
    {
        var island = enterprises[^1];
        var x0 = Math.Floor(enterprises.Min(e => e.Lon) / Spacing) * Spacing - Spacing;
        var y0 = Math.Floor(enterprises.Min(e => e.Lat) / Spacing) * Spacing - Spacing;
        var columns = (int)Math.Ceiling((enterprises.Max(e => e.Lon) - x0) / Spacing) + 2;
        var rows = (int)Math.Ceiling((enterprises.Max(e => e.Lat) - y0) / Spacing) + 2;
        var lines = Grid(x0, y0, columns, rows);
        lines.Add(Line([(island.Lon - 0.0003, island.Lat + 0.00001), (island.Lon + 0.0003, island.Lat + 0.00001)], "\"class\":\"村道\""));
        return (x0, y0, columns, rows, await Import("grid.geojson", Collection(lines)));
    }

    /// <summary>
    /// Every visit's and finish's leg of <paramref name="team"/> from <paramref name="start"/>: at least the straight line, its
    /// legPath running from the previous point to this one and as long as the leg's metres. Returns the number of legs.
    /// </summary>
    private static int AssertRoadLegs(JsonElement team, LonLat start)
    {
        var previous = start;
        var steps = team.GetProperty("visits").EnumerateArray()
            .Select(v => (Point: new LonLat(v.GetProperty("longitude").GetDouble(), v.GetProperty("latitude").GetDouble()), Leg: v))
            .ToList();
        if (team.GetProperty("finish").ValueKind == JsonValueKind.Object) steps.Add((start, team.GetProperty("finish")));
        foreach (var (point, leg) in steps)
        {
            var metres = leg.GetProperty("legDistanceMetres").GetDouble();
            Assert.True(metres >= GeodesicDistance.Metres(previous, point) - 1e-6, $"leg of {metres} m is shorter than the straight line");
            var path = leg.GetProperty("legPath").GetProperty("coordinates").EnumerateArray()
                .Select(c => new LonLat(c[0].GetDouble(), c[1].GetDouble())).ToList();
            Assert.Equal(previous, path[0]);
            Assert.Equal(point, path[^1]);
            // The path is what was measured: its length is the leg's metres.
            Assert.Equal(metres, path.Zip(path.Skip(1)).Sum(s => GeodesicDistance.Metres(s.First, s.Second)), 1.0);
            previous = point;
        }
        return steps.Count;
    }

    [Fact]
    public async Task A_grid_network_gives_its_shortest_paths_and_road_plans_follow_it()
    {
        var enterprises = await Enterprises(9);
        var island = enterprises[^1];
        var planned = enterprises[..^1];
        var (x0, y0, columns, rows, outcome) = await ImportGridWithIsland(enterprises);
        Assert.True(outcome.Accepted, string.Join("\n", outcome.Errors));
        var network = Assert.IsType<RoadNetworkSummary>(outcome.Result!.Network);
        Assert.Equal(rows * (columns - 1) + columns * (rows - 1) + 1, network.Edges);
        Assert.Equal(rows * columns + 2, network.Vertices);
        Assert.Equal(2, network.Components);
        Assert.Contains(outcome.Result.Notes, n => n.StartsWith($"Road network: {network.Edges} edges, {network.Vertices} vertices, 2 connected components", StringComparison.Ordinal));

        // The matrix between grid nodes is the shortest grid path: the meridian arc plus the east–west steps on the
        // northernmost row between them (the shortest parallel).
        var networks = app.Services.GetRequiredService<RoadNetworks>();
        (double, double) Node(int c, int r) => (x0 + c * Spacing, y0 + r * Spacing);
        int[][] pairs = [[0, 0, columns - 1, rows - 1], [1, rows - 2, columns - 2, 1], [2, 1, 2, rows - 1], [0, 2, columns - 1, 2]];
        foreach (var p in pairs)
        {
            var (a, b) = (Node(p[0], p[1]), Node(p[2], p[3]));
            var matrix = await networks.MatrixAsync(District, [new LonLat(a.Item1, a.Item2), new LonLat(b.Item1, b.Item2)], default);
            var north = Math.Max(p[1], p[3]);
            var vertical = Enumerable.Range(Math.Min(p[1], p[3]), Math.Abs(p[3] - p[1]))
                .Sum(r => GeodesicDistance.Metres(new LonLat(a.Item1, y0 + r * Spacing), new LonLat(a.Item1, y0 + (r + 1) * Spacing)));
            var horizontal = Math.Abs(p[2] - p[0]) * GeodesicDistance.Metres(new LonLat(x0, y0 + north * Spacing), new LonLat(x0 + Spacing, y0 + north * Spacing));
            Assert.Equal(vertical + horizontal, matrix.Metres[0, 1], 0.05);
            Assert.Equal(vertical + horizontal, matrix.Metres[1, 0], 0.05);
        }

        // A plan through the API: on roads, the island left out with its reason, every leg at least the straight line
        // and drawn along the roads from the previous point to the stop.
        var leader = await app.ClientForAsync("leader");
        var start = Node(columns / 2, rows / 2);
        var plan = await RoutingTests.PlanOk(leader, new
        {
            start = new { longitude = start.Item1, latitude = start.Item2 },
            end = new { longitude = start.Item1, latitude = start.Item2 },
            stops = enterprises.Select(e => new { enterpriseId = e.Id }).ToArray(),
            teams = 2, asOf = RoutingTests.Day, timeLimitSeconds = 30,
        });
        Assert.Equal("Road", plan.GetProperty("distanceKind").GetString());
        var dropped = Assert.Single(plan.GetProperty("dropped").EnumerateArray());
        Assert.Equal(island.Id, dropped.GetProperty("enterpriseId").GetInt64());
        Assert.Equal(nameof(DropReason.NotConnectedByRoad), dropped.GetProperty("reason").GetString());
        var visited = plan.GetProperty("teams").EnumerateArray().SelectMany(t => t.GetProperty("visits").EnumerateArray()).ToList();
        Assert.Equal(planned.Select(e => e.Id).Order(), visited.Select(v => v.GetProperty("enterpriseId").GetInt64()).Order());
        var legs = plan.GetProperty("teams").EnumerateArray().Sum(t => AssertRoadLegs(t, new LonLat(start.Item1, start.Item2)));
        Assert.True(legs >= planned.Count);
        var gpx = await leader.GetStringAsync(plan.GetProperty("teams")[0].GetProperty("exports").GetProperty("gpx").GetString());
        Assert.Contains("<trk>", gpx, StringComparison.Ordinal);
        Assert.Contains("<trkpt", gpx, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_schedule_plans_on_the_road_network_like_a_one_day_plan()
    {
        var enterprises = await Enterprises(7);
        var island = enterprises[^1];
        var (x0, y0, columns, rows, outcome) = await ImportGridWithIsland(enterprises);
        Assert.True(outcome.Accepted, string.Join("\n", outcome.Errors));
        var start = new LonLat(x0 + columns / 2 * Spacing, y0 + rows / 2 * Spacing);

        var leader = await app.ClientForAsync("leader");
        using var response = await leader.PostAsJsonAsync("/api/v1/routes/schedule", new
        {
            from = "2026-11-02", to = "2026-11-03", start = new { longitude = start.Longitude, latitude = start.Latitude },
            end = new { longitude = start.Longitude, latitude = start.Latitude }, teams = 1, includeDue = false, timeLimitSeconds = 30,
            stops = enterprises.Select(e => new { enterpriseId = e.Id, mandatory = e.Id != island.Id }).ToArray(),
        });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var schedule = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Road", schedule.GetProperty("distanceKind").GetString());
        var dropped = Assert.Single(schedule.GetProperty("dropped").EnumerateArray());
        Assert.Equal((island.Id, nameof(DropReason.NotConnectedByRoad)), (dropped.GetProperty("enterpriseId").GetInt64(), dropped.GetProperty("reason").GetString()));
        Assert.Empty(schedule.GetProperty("unplacedMandatoryEnterpriseIds").EnumerateArray());
        var days = schedule.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(2, days.Count);
        Assert.All(days, d => Assert.Equal("Road", d.GetProperty("distanceKind").GetString()));
        Assert.All(days, d => Assert.Equal(JsonValueKind.Object, d.GetProperty("roadSpeeds").ValueKind));
        var visited = days.SelectMany(d => d.GetProperty("teams").EnumerateArray()).SelectMany(t => t.GetProperty("visits").EnumerateArray())
            .Select(v => v.GetProperty("enterpriseId").GetInt64()).Order();
        Assert.Equal(enterprises[..^1].Select(e => e.Id).Order(), visited);
        Assert.True(days.SelectMany(d => d.GetProperty("teams").EnumerateArray()).Sum(t => AssertRoadLegs(t, start)) >= enterprises.Count - 1);
    }

    [Fact]
    public async Task An_admin_removes_the_road_network_audited_and_plans_fall_back_to_straight_lines()
    {
        var here = (await Enterprises(1))[0];
        var outcome = await Import("removed.geojson", Collection(Grid(Math.Round(here.Lon, 3) - 2 * Spacing, Math.Round(here.Lat, 3) - 2 * Spacing, 5, 5)));
        Assert.True(outcome.Accepted, string.Join("\n", outcome.Errors));
        var leader = await app.ClientForAsync("leader");
        var body = new { start = new { longitude = here.Lon + 0.003, latitude = here.Lat }, stops = new[] { new { enterpriseId = here.Id } }, asOf = RoutingTests.Day };
        Assert.Equal("Road", (await RoutingTests.PlanOk(leader, body)).GetProperty("distanceKind").GetString());

        // Admins only: the leader is refused and nothing is removed.
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.DeleteAsync($"/api/v1/imports/roads?district={District}")).StatusCode);
        Assert.Equal(40, (await Stored()).Edges);

        var admin = await app.ClientForAsync("admin");
        var audited = (long)(await app.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'roads.delete'"))!;
        using var removed = await admin.DeleteAsync($"/api/v1/imports/roads?district={District}");
        Assert.True(removed.StatusCode == HttpStatusCode.OK, await removed.Content.ReadAsStringAsync());
        var summary = await removed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((40, 25), (summary.GetProperty("edges").GetInt32(), summary.GetProperty("vertices").GetInt32()));
        Assert.Equal((0, 0), ((await Stored()).Edges, (await Stored()).Vertices));
        Assert.Equal(0L, await app.ScalarAsync($"SELECT count(*) FROM road_class_speeds WHERE district_code = '{District}'"));
        Assert.Equal(audited + 1, await app.ScalarAsync(
            $"SELECT count(*) FROM audit_log WHERE action = 'roads.delete' AND entity_type = 'road_network' AND entity_id = '{District}' AND before IS NOT NULL AND after IS NULL"));
        Assert.Equal("StraightLine", (await RoutingTests.PlanOk(leader, body)).GetProperty("distanceKind").GetString());

        // Again: nothing to remove, a coded 404 naming the district in the user's language, nothing audited.
        foreach (var language in new[] { "en", "zh-CN" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/imports/roads?district={District}");
            request.Headers.AcceptLanguage.ParseAdd(language);
            using var again = await admin.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
            var problem = await again.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(RoadsProblemCodes.NoNetwork, problem.GetProperty("code").GetString());
            Assert.Equal(language == "zh-CN", problem.GetProperty("detail").GetString()!.Any(ch => ch >= '\u4e00' && ch <= '\u9fff'));
        }
        Assert.Equal(audited + 1, await app.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'roads.delete'"));
    }

    [Fact]
    public async Task An_osm_file_keeps_its_one_way_street_and_does_not_connect_its_bridge()
    {
        var path = Path.Combine(RiskMap.Api.Hosting.RiskMapPaths.RepositoryRoot!, "tests", "RiskMap.IntegrationTests", "TestData", "oneway-bridge.osm");
        var outcome = await ImportTests.RunAsync(app, new ImportRequest(ImportKind.Roads, path, "oneway-bridge.osm", District: District));
        Assert.True(outcome.Accepted, string.Join("\n", outcome.Errors));
        var network = outcome.Result!.Network!;
        // 北街 A→C and 南街 D→F stay whole (B and E are on one way only), the cross streets and the bridge: 5 edges;
        // vertices A, C, D, F and the bridge's ends; the bridge is a component of its own.
        Assert.Equal((5, 6, 2), (network.Edges, network.Vertices, network.Components));

        LonLat a = new(111.6000, 26.4300), b = new(111.6010, 26.4300), c = new(111.6020, 26.4300);
        LonLat d = new(111.6000, 26.4290), e = new(111.6010, 26.4290), f = new(111.6020, 26.4290), g = new(111.6015, 26.4285);
        var matrix = (await app.Services.GetRequiredService<RoadNetworks>().MatrixAsync(District, [a, c, g], default)).Metres;
        static double M(LonLat p, LonLat q) => GeodesicDistance.Metres(p, q);
        Assert.Equal(M(a, b) + M(b, c), matrix[0, 1], 0.05);                      // with the one-way street
        Assert.Equal(M(c, f) + M(f, e) + M(e, d) + M(d, a), matrix[1, 0], 0.05);  // against it: round by 南街
        Assert.True(double.IsNaN(matrix[0, 2]) && double.IsNaN(matrix[2, 0]), "the bridge must not connect to the streets it crosses");
    }

    [Fact]
    public async Task Bad_road_files_are_rejected_naming_the_feature_and_store_nothing()
    {
        var grid = Grid(111.60, 26.43, 3, 3);
        var first = await Import("base.geojson", Collection(grid));
        Assert.True(first.Accepted, string.Join("\n", first.Errors));
        var before = await Stored();

        var point = """{"type":"Feature","properties":{"class":"县道"},"geometry":{"type":"Point","coordinates":[111.6,26.43]}}""";
        var cases = new (string Name, string Text, string? Crs, Dictionary<string, string>? Mapping, int Row, string Code)[]
        {
            ("empty.geojson", Collection([]), "wgs84", null, 0, RoadsProblemCodes.NoLines),
            ("points.geojson", Collection([grid[0], point]), "wgs84", null, 2, RoadsProblemCodes.NotALine),
            ("no-crs.geojson", Collection(grid), null, null, 0, ImportProblemCodes.CrsMissing),
            ("bad-crs.geojson", Collection(grid), "EPSG:999999", null, 0, ImportProblemCodes.EpsgUnknown),
            ("class.geojson", Collection([grid[0], Line([(111.6, 26.43), (111.61, 26.43)], "\"class\":\"机耕路\"")]), "wgs84", null, 2, RoadsProblemCodes.ClassWithoutSpeed),
            ("no-class.geojson", Collection([Line([(111.6, 26.43), (111.61, 26.43)], "\"kind\":\"x\"")]), "wgs84", null, 1, RoadsProblemCodes.ClassMissing),
            ("speed.geojson", Collection([Line([(111.6, 26.43), (111.61, 26.43)], "\"class\":\"县道\",\"speed\":\"fast\"")]), "wgs84", null, 1, RoadsProblemCodes.SpeedFormat),
            ("oneway.geojson", Collection([Line([(111.6, 26.43), (111.61, 26.43)], "\"class\":\"县道\",\"oneway\":\"sometimes\"")]), "wgs84", null, 1, RoadsProblemCodes.OneWayFormat),
            ("far.geojson", Collection(Grid(116.40, 39.90, 2, 2)), "wgs84", null, 0, RoadsProblemCodes.OutsideDistrict),
            ("setting.geojson", Collection(grid), "wgs84", new() { ["speed.县道"] = "0" }, 0, RoadsProblemCodes.SpeedSettingFormat),
        };
        foreach (var (name, text, crs, mapping, row, code) in cases)
        {
            var outcome = await Import(name, text, crs, mapping);
            Assert.False(outcome.Accepted, name);
            Assert.False(outcome.Written, name);
            Assert.Contains(outcome.Errors, e => e.Code == code && e.Row == row && !string.IsNullOrEmpty(e.Reason));
        }
        // A class without a default speed is accepted once the district gives it one.
        var named = await Import("class-speed.geojson", Collection([.. grid, Line([(111.6, 26.43), (111.6, 26.42)], "\"class\":\"机耕路\"")]),
            mapping: new() { ["speed.机耕路"] = "15" });
        Assert.True(named.Accepted, string.Join("\n", named.Errors));
        Assert.Equal(before.Edges + 1, (await Stored()).Edges);
    }

    [Fact]
    public async Task Road_times_drive_each_edge_at_its_own_speed_else_its_class_speed()
    {
        var here = (await Enterprises(1))[0];
        double x0 = Math.Round(here.Lon, 3) - 2 * Spacing, y0 = Math.Round(here.Lat, 3) - 2 * Spacing;
        // East–west lines 国道 (60 km/h by default), the southernmost at its own 30 km/h; north–south lines 村道 (20 km/h).
        var lines = new List<string>();
        for (var r = 0; r < 5; r++)
            lines.Add(Line(Enumerable.Range(0, 5).Select(c => (x0 + c * Spacing, y0 + r * Spacing)), r == 0 ? "\"class\":\"国道\",\"speed\":\"30\"" : "\"class\":\"国道\""));
        for (var c = 0; c < 5; c++)
            lines.Add(Line(Enumerable.Range(0, 5).Select(r => (x0 + c * Spacing, y0 + r * Spacing)), "\"class\":\"村道\""));
        var outcome = await Import("speeds.geojson", Collection(lines));
        Assert.True(outcome.Accepted, string.Join("\n", outcome.Errors));

        LonLat Node(int c, int r) => new(x0 + c * Spacing, y0 + r * Spacing);
        double East(int r) => GeodesicDistance.Metres(Node(0, r), Node(1, r));
        double North(int r) => GeodesicDistance.Metres(Node(0, r), Node(0, r + 1));
        var networks = app.Services.GetRequiredService<RoadNetworks>();
        // Along the southern row at its own 30 km/h: 2 edges (a detour by the 60 km/h row climbs two 村道 edges, slower).
        var south = await networks.MatrixAsync(District, [Node(0, 0), Node(2, 0)], default);
        Assert.Equal(2 * East(0) / (30 / 3.6), south.Seconds[0, 1], 0.01);
        Assert.Equal(2 * East(0), south.Metres[0, 1], 0.05);
        // Two 村道 edges north at 20 km/h and three 国道 edges east at 60 km/h, on the northern row (the shortest parallel).
        var diagonal = await networks.MatrixAsync(District, [Node(0, 1), Node(3, 3)], default);
        var expected = (North(1) + North(2)) / (20 / 3.6) + 3 * East(3) / (60 / 3.6);
        Assert.Equal(expected, diagonal.Seconds[0, 1], 0.01);
        Assert.Equal(expected, diagonal.Seconds[1, 0], 0.01);
        Assert.Equal([("国道", 60.0, 20, 4), ("村道", 20.0, 20, 0)],
            diagonal.Speeds.Classes.Select(c => (c.RoadClass, c.SpeedKmh!.Value, c.Edges, c.EdgesAtOwnSpeed)).OrderByDescending(c => c.Item2));

        // A plan: the request's speed is not used; the arrival is the road time, and the answer says which speeds were.
        var leader = await app.ClientForAsync("leader");
        var start = Node(0, 1);
        var plan = await RoutingTests.PlanOk(leader, new
        {
            start = new { longitude = start.Longitude, latitude = start.Latitude },
            stops = new[] { new { enterpriseId = here.Id } }, speedKmh = 5, asOf = RoutingTests.Day,
        });
        var road = await networks.MatrixAsync(District, [start, new LonLat(here.Lon, here.Lat)], default);
        var visit = plan.GetProperty("teams")[0].GetProperty("visits")[0];
        Assert.Equal(road.Seconds[0, 1], visit.GetProperty("arrivalSeconds").GetDouble(), 0.01);
        Assert.True(road.Seconds[0, 1] < road.Metres[0, 1] / (5 / 3.6) / 2, "the plan must not drive at the request's 5 km/h");
        var speeds = plan.GetProperty("roadSpeeds");
        Assert.Equal(RoadClasses.WalkingSpeedKmh, speeds.GetProperty("walkingSpeedKmh").GetDouble());
        var classes = speeds.GetProperty("classes").EnumerateArray().ToDictionary(c => c.GetProperty("roadClass").GetString()!);
        Assert.Equal((60.0, 4), (classes["国道"].GetProperty("speedKmh").GetDouble(), classes["国道"].GetProperty("edgesAtOwnSpeed").GetInt32()));
        Assert.Equal(20.0, classes["村道"].GetProperty("speedKmh").GetDouble());
    }

    [Fact]
    public async Task Road_plans_refuse_no_stops_and_stops_all_at_the_start_in_the_users_language()
    {
        var enterprises = await Enterprises(2);
        var here = enterprises[0];
        var outcome = await Import("around.geojson", Collection(Grid(Math.Round(here.Lon, 3) - 2 * Spacing, Math.Round(here.Lat, 3) - 2 * Spacing, 5, 5)));
        Assert.True(outcome.Accepted, string.Join("\n", outcome.Errors));
        var leader = await app.ClientForAsync("leader");
        foreach (var (stops, code) in new[] { (Array.Empty<long>(), RoadsProblemCodes.NoStops), ([here.Id, here.Id], RoadsProblemCodes.StopsAtOnePlace) })
        {
            foreach (var language in new[] { "en", "zh-CN" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/routes/plan")
                {
                    Content = JsonContent.Create(new
                    {
                        start = new { longitude = here.Lon, latitude = here.Lat },
                        stops = stops.Select(id => new { enterpriseId = id }).ToArray(), asOf = RoutingTests.Day,
                    }),
                };
                request.Headers.AcceptLanguage.ParseAdd(language);
                var response = await leader.SendAsync(request);
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                var coded = Assert.Single(problem.GetProperty("errorCodes").EnumerateObject());
                Assert.Equal(("stops", code), (coded.Name, coded.Value[0].GetProperty("code").GetString()));
                var message = problem.GetProperty("errors").GetProperty("stops")[0].GetString()!;
                Assert.Equal(language == "zh-CN", message.Any(ch => ch >= '\u4e00' && ch <= '\u9fff'));
            }
        }
    }
}
