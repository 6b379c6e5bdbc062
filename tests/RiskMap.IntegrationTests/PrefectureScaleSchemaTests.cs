using System.Text.Json;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>
/// What the prefecture-scale schema adds, on the demo district: subdivided township parts, hazards carrying their
/// enterprise's township, and boundaries simplified per zoom in the choropleth.
/// </summary>
public sealed class PrefectureScaleSchemaTests(DemoApp app) : IClassFixture<DemoApp>
{
    private async Task<long> LongAsync(string sql) => Convert.ToInt64(await app.ScalarAsync(sql));

    [Fact]
    public async Task Township_parts_cover_each_township_exactly_in_pieces_of_at_most_64_vertices()
    {
        Assert.Equal(0L, await LongAsync("SELECT count(*) FROM township_parts WHERE ST_NPoints(part) > 64"));
        Assert.Equal(0L, await LongAsync("""
            SELECT count(*) FROM townships t
            WHERE abs(ST_Area(t.boundary) - (SELECT sum(ST_Area(p.part)) FROM township_parts p WHERE p.township_code = t.code)) > 1e-9
            """));
        // Boundaries of more than 64 vertices are cut into several parts; the others stay whole.
        Assert.True(await LongAsync("SELECT count(*) FROM townships WHERE ST_NPoints(boundary) > 64") > 0);
        Assert.Equal(0L, await LongAsync("""
            SELECT count(*) FROM townships t
            WHERE (ST_NPoints(t.boundary) > 64) <> ((SELECT count(*) FROM township_parts p WHERE p.township_code = t.code) > 1)
            """));
    }

    [Fact]
    public async Task Township_of_a_point_answers_as_the_whole_polygons_would()
    {
        Assert.Equal(0L, await LongAsync("""
            SELECT count(*) FROM enterprises e
            WHERE e.township_code IS DISTINCT FROM
                (SELECT t.code FROM townships t WHERE ST_Covers(t.boundary, e.location) ORDER BY t.code LIMIT 1)
            """));
    }

    [Fact]
    public async Task Hazards_follow_their_enterprise_to_another_township()
    {
        var id = await LongAsync("SELECT enterprise_id FROM hazards GROUP BY enterprise_id ORDER BY count(*) DESC, enterprise_id LIMIT 1");
        var before = (string)(await app.ScalarAsync($"SELECT township_code FROM enterprises WHERE id = {id}"))!;
        Assert.Equal(0L, await LongAsync("SELECT count(*) FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id WHERE h.township_code IS DISTINCT FROM e.township_code"));
        var location = (string)(await app.ScalarAsync($"SELECT ST_AsText(location) FROM enterprises WHERE id = {id}"))!;
        try
        {
            await app.ExecuteAsync($"UPDATE enterprises SET location = (SELECT ST_PointOnSurface(boundary) FROM townships WHERE code <> '{before}' ORDER BY code LIMIT 1) WHERE id = {id}");
            var after = (string)(await app.ScalarAsync($"SELECT township_code FROM enterprises WHERE id = {id}"))!;
            Assert.NotEqual(before, after);
            Assert.Equal(0L, await LongAsync($"SELECT count(*) FROM hazards WHERE enterprise_id = {id} AND township_code IS DISTINCT FROM '{after}'"));
        }
        finally
        {
            await app.ExecuteAsync($"UPDATE enterprises SET location = ST_GeomFromText('{location}', 4326) WHERE id = {id}");
        }
        Assert.Equal(0L, await LongAsync($"SELECT count(*) FROM hazards WHERE enterprise_id = {id} AND township_code IS DISTINCT FROM '{before}'"));
    }

    [Fact]
    public async Task The_choropleth_at_a_zoom_has_the_same_figures_and_fewer_vertices()
    {
        using var client = await app.ClientForAsync("leader");
        var full = JsonDocument.Parse(await client.GetStringAsync("/api/v1/townships/choropleth?asOf=2022-12-31")).RootElement;
        var simplified = JsonDocument.Parse(await client.GetStringAsync("/api/v1/townships/choropleth?asOf=2022-12-31&zoom=9")).RootElement;

        static int Vertices(JsonElement collection) => collection.GetProperty("features").EnumerateArray()
            .Sum(f => f.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Sum(p => p.EnumerateArray().Sum(r => r.GetArrayLength())));
        static string Figures(JsonElement collection) => string.Join(";", collection.GetProperty("features").EnumerateArray()
            .Select(f => $"{f.GetProperty("id").GetString()}={f.GetProperty("properties").GetProperty("value")}"));

        Assert.Equal(Figures(full), Figures(simplified));
        Assert.Equal(18, simplified.GetProperty("features").GetArrayLength());
        Assert.True(Vertices(simplified) * 2 < Vertices(full), $"zoom 9 should keep under half of {Vertices(full)} vertices, kept {Vertices(simplified)}");
    }
}
