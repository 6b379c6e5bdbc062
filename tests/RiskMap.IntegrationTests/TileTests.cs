using System.Net;
using Microsoft.EntityFrameworkCore;
using System.Text.Json;
using RiskMap.Api.Features;
using RiskMap.Api.Features.Tiles;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>
/// Enterprise vector tiles on the demo district (1,600 generated enterprises in 18 townships), decoded by GDAL's MVT
/// driver and compared with the enterprises' own coordinates projected to Web Mercator here.
/// </summary>
public sealed class TileTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const string AsOf = "2022-12-31";

    /// <summary>One enterprise: id, township, longitude, latitude (degrees).</summary>
    private sealed record Point(long Id, string? Township, double Lon, double Lat);

    private async Task<List<Point>> EnterprisesAsync()
        => await app.WithDbAsync(db => db.Enterprises.Select(e => new Point(e.Id, e.TownshipCode, e.Location.X, e.Location.Y)).ToListAsync());

    /// <summary>Fractional XYZ tile coordinates of a WGS-84 point at zoom <paramref name="z"/> (spherical Web Mercator).</summary>
    private static (double X, double Y) TileOf(double lon, double lat, int z)
    {
        var n = Math.Pow(2, z);
        var phi = lat * Math.PI / 180;
        return ((lon + 180) / 360 * n, (1 - Math.Log(Math.Tan(phi) + 1 / Math.Cos(phi)) / Math.PI) / 2 * n);
    }

    /// <summary>Enterprises inside tile (z, x, y) or its buffer of 64/4096 of a tile.</summary>
    private static List<Point> InTile(IEnumerable<Point> points, int z, int x, int y)
    {
        const double margin = (double)TilesQueries.Buffer / TilesQueries.Extent;
        return points.Where(p =>
        {
            var (tx, ty) = TileOf(p.Lon, p.Lat, z);
            return tx >= x - margin && tx <= x + 1 + margin && ty >= y - margin && ty <= y + 1 + margin;
        }).ToList();
    }

    /// <summary>Decodes a tile with GDAL's MVT driver (ogr2ogr to GeoJSON in EPSG:4326, buffer kept: CLIP=NO): each feature's properties and coordinates.</summary>
    private static async Task<List<(JsonElement Properties, double Lon, double Lat)>> DecodeAsync(byte[] tile, int z, int x, int y)
    {
        if (tile.Length == 0) return []; // 204: an empty tile
        var file = Path.Combine(Path.GetTempPath(), $"riskmap-tile-{Guid.NewGuid():N}.mvt");
        await File.WriteAllBytesAsync(file, tile);
        try
        {
            var result = await Gdal.RunAsync("ogr2ogr", ["-f", "GeoJSON", "/vsistdout/", file, "-t_srs", "EPSG:4326",
                "-oo", $"Z={z}", "-oo", $"X={x}", "-oo", $"Y={y}", "-oo", "CLIP=NO", TilesQueries.Layer]);
            Assert.True(result.ExitCode == 0, result.Error);
            using var json = JsonDocument.Parse(result.Output);
            return json.RootElement.GetProperty("features").EnumerateArray().Select(f =>
            {
                var c = f.GetProperty("geometry").GetProperty("coordinates");
                return (f.GetProperty("properties").Clone(), c[0].GetDouble(), c[1].GetDouble());
            }).ToList();
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<(int Z, int X, int Y)> BusiestTileAsync(int z)
    {
        var points = await EnterprisesAsync();
        return points.Select(p => TileOf(p.Lon, p.Lat, z)).GroupBy(t => ((int)t.X, (int)t.Y))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => (z, g.Key.Item1, g.Key.Item2)).First();
    }

    [Fact]
    public async Task A_zoom_14_tile_holds_every_enterprise_in_it_and_its_buffer_at_its_position()
    {
        var (z, x, y) = await BusiestTileAsync(14);
        var expected = InTile(await EnterprisesAsync(), z, x, y);
        using var client = await app.ClientForAsync("leader");

        using var response = await client.GetAsync($"/api/v1/tiles/enterprises/{z}/{x}/{y}.mvt?asOf={AsOf}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TilesApi.MediaType, response.Content.Headers.ContentType?.MediaType);
        var features = await DecodeAsync(await response.Content.ReadAsByteArrayAsync(), z, x, y);
        Assert.True(expected.Count > 20, $"the busiest tile should hold a good many enterprises, not {expected.Count}");
        Assert.Equal(expected.Select(p => p.Id).Order(), features.Select(f => f.Properties.GetProperty("id").GetInt64()).Order());
        // One MVT unit at zoom 14 is 2.4 m at the equator: positions agree to well under 1e-4 degrees.
        foreach (var (properties, lon, lat) in features)
        {
            var p = expected.Single(e => e.Id == properties.GetProperty("id").GetInt64());
            Assert.InRange(lon - p.Lon, -1e-4, 1e-4);
            Assert.InRange(lat - p.Lat, -1e-4, 1e-4);
        }
    }

    [Fact]
    public async Task Open_hazard_counts_in_the_tile_match_the_enterprise_list()
    {
        var (z, x, y) = await BusiestTileAsync(14);
        using var client = await app.ClientForAsync("leader");
        var tile = await client.GetByteArrayAsync($"/api/v1/tiles/enterprises/{z}/{x}/{y}.mvt?asOf={AsOf}");
        var features = await DecodeAsync(tile, z, x, y);
        var listed = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/enterprises?asOf={AsOf}&pageSize=5000&openHazardLevel=Any"))
            .RootElement.GetProperty("features").EnumerateArray()
            .ToDictionary(f => f.GetProperty("id").GetInt64(), f => f.GetProperty("properties").GetProperty("openGeneral").GetInt32() * 1000
                + f.GetProperty("properties").GetProperty("openMajor").GetInt32());

        var withOpen = features.Where(f => f.Properties.TryGetProperty("level", out _)).ToList();
        Assert.NotEmpty(withOpen);
        foreach (var (properties, _, _) in withOpen)
            Assert.Equal(listed[properties.GetProperty("id").GetInt64()],
                properties.GetProperty("openGeneral").GetInt32() * 1000 + properties.GetProperty("openMajor").GetInt32());
        Assert.Equal(withOpen.Count, features.Count(f => listed.ContainsKey(f.Properties.GetProperty("id").GetInt64())));
    }

    [Theory]
    [InlineData(9)] // one cluster per township
    [InlineData(11)] // grid clusters
    public async Task Clusters_at_low_zoom_count_every_enterprise_once(int z)
    {
        var points = await EnterprisesAsync();
        var tiles = points.Select(p => TileOf(p.Lon, p.Lat, z)).Select(t => ((int)t.X, (int)t.Y)).Distinct().ToList();
        using var client = await app.ClientForAsync("leader");
        var total = 0;
        foreach (var (x, y) in tiles)
        {
            var features = await DecodeAsync(await client.GetByteArrayAsync($"/api/v1/tiles/enterprises/{z}/{x}/{y}.mvt?asOf={AsOf}"), z, x, y);
            // A cluster near a border is drawn in both tiles (buffer): count it in the tile that holds its point.
            total += features.Where(f =>
            {
                var (tx, ty) = TileOf(f.Lon, f.Lat, z);
                return (int)tx == x && (int)ty == y;
            }).Sum(f => f.Properties.GetProperty("count").GetInt32());
        }
        Assert.Equal(points.Count, total);
    }

    [Fact]
    public async Task An_empty_tile_is_204_with_no_body()
    {
        using var client = await app.ClientForAsync("leader");
        using var response = await client.GetAsync("/api/v1/tiles/enterprises/14/0/0.mvt");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task A_township_chief_gets_only_their_township_in_tiles()
    {
        var (z, x, y) = await BusiestTileAsync(14);
        var inTile = InTile(await EnterprisesAsync(), z, x, y);
        var township = inTile.GroupBy(p => p.Township).OrderByDescending(g => g.Count()).First().Key!;
        Assert.Contains(inTile, p => p.Township != township);
        using var chief = await app.ClientForAsync($"chief-{township}");

        var features = await DecodeAsync(await chief.GetByteArrayAsync($"/api/v1/tiles/enterprises/{z}/{x}/{y}.mvt?asOf={AsOf}"), z, x, y);

        Assert.Equal(inTile.Where(p => p.Township == township).Select(p => p.Id).Order(),
            features.Select(f => f.Properties.GetProperty("id").GetInt64()).Order());
        using var nobody = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await nobody.GetAsync($"/api/v1/tiles/enterprises/{z}/{x}/{y}.mvt?asOf={AsOf}")).StatusCode);
        var other = inTile.First(p => p.Township != township).Township;
        using var forbidden = await chief.GetAsync($"/api/v1/tiles/enterprises/{z}/{x}/{y}.mvt?asOf={AsOf}&township={other}");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task The_township_filter_keeps_one_townships_enterprises()
    {
        var (z, x, y) = await BusiestTileAsync(14);
        var inTile = InTile(await EnterprisesAsync(), z, x, y);
        var township = inTile.GroupBy(p => p.Township).OrderBy(g => g.Count()).First().Key!;
        using var leader = await app.ClientForAsync("leader");

        var features = await DecodeAsync(await leader.GetByteArrayAsync($"/api/v1/tiles/enterprises/{z}/{x}/{y}.mvt?asOf={AsOf}&township={township}"), z, x, y);

        Assert.Equal(inTile.Where(p => p.Township == township).Select(p => p.Id).Order(), features.Select(f => f.Properties.GetProperty("id").GetInt64()).Order());
    }

    [Fact]
    public async Task The_ETag_answers_304_until_the_data_changes()
    {
        var (z, x, y) = await BusiestTileAsync(14);
        var url = $"/api/v1/tiles/enterprises/{z}/{x}/{y}.mvt?asOf={AsOf}&sector=gas";
        using var client = await app.ClientForAsync("leader");
        using var first = await client.GetAsync(url);
        var etag = first.Headers.ETag!;
        Assert.True(first.Headers.CacheControl is { Private: true, NoCache: true }, $"Cache-Control: {first.Headers.CacheControl}");

        using var again = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { IfNoneMatch = { etag } } };
        using var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var chief = await app.ClientForAsync("chief-431103001");
        Assert.NotEqual(etag, (await chief.GetAsync(url)).Headers.ETag);

        await app.ExecuteAsync("UPDATE enterprises SET name = name || '' WHERE id = (SELECT min(id) FROM enterprises)");
        using var changed = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { IfNoneMatch = { etag } } };
        using var fresh = await client.SendAsync(changed);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.NotEqual(etag, fresh.Headers.ETag);
    }

    /// <summary>A write to one row of a township's data, by table; {0} is the township code.</summary>
    public static TheoryData<string> WritesToOneTownship => new()
    {
        "UPDATE hazards SET description = description WHERE id = (SELECT min(id) FROM hazards WHERE township_code = '{0}')",
        "UPDATE enterprises SET name = name WHERE id = (SELECT min(id) FROM enterprises WHERE township_code = '{0}')",
        "UPDATE townships SET name = name WHERE code = '{0}'",
    };

    [Theory]
    [MemberData(nameof(WritesToOneTownship))]
    public async Task A_chiefs_ETag_moves_with_their_own_township_only_and_the_leaders_with_every_township(string write)
    {
        const string own = "431103105", other = "431103101";
        var url = $"/api/v1/tiles/enterprises/9/{(int)TileOf(111.7, 26.4, 9).X}/{(int)TileOf(111.7, 26.4, 9).Y}.mvt?asOf={AsOf}";
        using var chief = await app.ClientForAsync($"chief-{own}");
        using var leader = await app.ClientForAsync("leader");
        async Task<string> ETagAsync(HttpClient client)
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent, $"{(int)response.StatusCode}");
            return response.Headers.ETag!.Tag;
        }
        var (chiefBefore, leaderBefore) = (await ETagAsync(chief), await ETagAsync(leader));
        // The validator shows no version in clear: 16 hex digits of a hash.
        Assert.Matches("^\"[0-9a-f]{16}\"$", chiefBefore);

        await app.ExecuteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, write, other));
        var (chiefAfterOther, leaderAfterOther) = (await ETagAsync(chief), await ETagAsync(leader));
        Assert.Equal(chiefBefore, chiefAfterOther);
        Assert.NotEqual(leaderBefore, leaderAfterOther);
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { IfNoneMatch = { new(chiefBefore) } } };
        Assert.Equal(HttpStatusCode.NotModified, (await chief.SendAsync(revalidate)).StatusCode);

        await app.ExecuteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, write, own));
        Assert.NotEqual(chiefBefore, await ETagAsync(chief));
        Assert.NotEqual(leaderAfterOther, await ETagAsync(leader));
    }

    [Fact]
    public async Task One_statement_bumps_each_township_it_touches_once_and_truncate_bumps_every_township()
    {
        const string one = "431103102", two = "431103103", untouched = "431103104";
        async Task<Dictionary<string, long>> VersionsAsync()
        {
            var rows = (string)(await app.ScalarAsync("SELECT string_agg(area || '=' || version, ',') FROM riskmap_data_versions"))!;
            return rows.Split(',').Select(r => r.Split('=')).ToDictionary(r => r[0], r => long.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        var before = await VersionsAsync();
        // Every township has its row (made with the township): 18 townships and '*'.
        Assert.Equal(19, before.Count);

        // One statement writing many hazards of two townships: each of them and '*' move by one, nothing else.
        await app.ExecuteAsync($"UPDATE hazards SET description = description WHERE township_code IN ('{one}', '{two}')");
        var after = await VersionsAsync();
        Assert.Equal([DataVersion.Everything, one, two], after.Where(v => v.Value != before[v.Key]).Select(v => v.Key).Order(StringComparer.Ordinal));
        Assert.All(after.Where(v => v.Value != before[v.Key]), v => Assert.Equal(before[v.Key] + 1, v.Value));

        // Districts have no township: only '*' moves.
        await app.ExecuteAsync("UPDATE districts SET name = name");
        var district = await VersionsAsync();
        Assert.Equal([DataVersion.Everything], district.Where(v => v.Value != after[v.Key]).Select(v => v.Key));

        // TRUNCATE has no transition table: every township moves (seen inside the transaction, then rolled back).
        await using (var connection = new Npgsql.NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var truncate = new Npgsql.NpgsqlCommand("TRUNCATE hazards CASCADE", connection, transaction)) await truncate.ExecuteNonQueryAsync();
            await using var read = new Npgsql.NpgsqlCommand($"SELECT version FROM riskmap_data_versions WHERE area = '{untouched}'", connection, transaction);
            Assert.Equal(district[untouched] + 1, (long)(await read.ExecuteScalarAsync())!);
            await transaction.RollbackAsync();
        }
        Assert.Equal(district[untouched], (await VersionsAsync())[untouched]);
    }

    [Theory]
    [InlineData("23/0/0", "z")]
    [InlineData("3/8/0", "x")]
    [InlineData("3/0/-1", "y")]
    public async Task Tile_addresses_outside_the_grid_are_400(string address, string parameter)
    {
        using var client = await app.ClientForAsync("leader");
        using var response = await client.GetAsync($"/api/v1/tiles/enterprises/{address}.mvt");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(parameter, out _));
    }
}
