using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>
/// <c>GET /api/v1/districts</c> reads maintained figures (township_enterprise_counts, township_record_days): its answer
/// equals, value by value, what the per-enterprise query it replaced computes from the raw records — on the demo district
/// for every kind of scope, and after each kind of write that can move a township's first or last record day.
/// </summary>
public sealed class DistrictFiguresTests(DistrictFiguresTests.Fixture fixture) : IClassFixture<DistrictFiguresTests.Fixture>
{
    /// <summary>The demo district in a database of its own: the tests write records.</summary>
    public sealed class Fixture : DemoApp;

    private const string Own = "431103105";
    private const string Other = "431103101";

    /// <summary>
    /// The districts' figures computed from the raw records, enterprise by enterprise: the endpoint's query before the
    /// figures were maintained.
    /// </summary>
    private const string RawDistricts = """
        SELECT d.code, d.name,
            (SELECT count(*)::int FROM townships t WHERE t.district_code = d.code) AS townships,
            (SELECT count(*)::int FROM enterprises e JOIN townships t ON t.code = e.township_code
                WHERE t.district_code = d.code AND (@scope::text[] IS NULL OR t.code = ANY(@scope))) AS enterprises,
            ST_XMin(d.boundary) AS min_lon, ST_YMin(d.boundary) AS min_lat, ST_XMax(d.boundary) AS max_lon, ST_YMax(d.boundary) AS max_lat,
            r.first_day, r.last_day,
            EXISTS (SELECT 1 FROM townships t WHERE t.district_code = d.code AND t.illustrative) AS illustrative
        FROM districts d
        LEFT JOIN LATERAL (
            SELECT min(day) AS first_day, max(day) AS last_day
            FROM (
                SELECT e.id FROM enterprises e JOIN townships t ON t.code = e.township_code
                WHERE t.district_code = d.code AND (@scope::text[] IS NULL OR t.code = ANY(@scope))
            ) ent
            CROSS JOIN LATERAL (
                SELECT max(i.date) AS day FROM inspections i WHERE i.enterprise_id = ent.id
                UNION ALL SELECT min(i.date) FROM inspections i WHERE i.enterprise_id = ent.id
                UNION ALL SELECT max(greatest(h.found_on, h.rectified_on, h.closed_on)) FROM hazards h WHERE h.enterprise_id = ent.id
                UNION ALL SELECT min(h.found_on) FROM hazards h WHERE h.enterprise_id = ent.id
                UNION ALL SELECT max(a.date) FROM enforcement_actions a WHERE a.enterprise_id = ent.id
                UNION ALL SELECT min(a.date) FROM enforcement_actions a WHERE a.enterprise_id = ent.id
            ) days
        ) r ON true
        WHERE @scope::text[] IS NULL OR EXISTS (SELECT 1 FROM townships t WHERE t.district_code = d.code AND t.code = ANY(@scope))
        ORDER BY d.code
        """;

    private const string StoredTownshipDays =
        "SELECT coalesce(string_agg(format('%s %s %s', township_code, first_day, last_day), ', ' ORDER BY township_code), '') FROM township_record_days";

    /// <summary>
    /// Each township's first and last record day computed again from the raw records by the database's own full refresh
    /// (<c>riskmap_township_record_days_refresh(NULL)</c>, inside a transaction rolled back), in the form of
    /// <see cref="StoredTownshipDays"/>: what the statement triggers must have kept.
    /// </summary>
    private async Task<string> RecomputedTownshipDaysAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var refresh = new NpgsqlCommand("SELECT riskmap_township_record_days_refresh(NULL)", connection, transaction))
            await refresh.ExecuteNonQueryAsync();
        await using var read = new NpgsqlCommand(StoredTownshipDays, connection, transaction);
        var days = (string)(await read.ExecuteScalarAsync())!;
        await transaction.RollbackAsync();
        return days;
    }

    private static string Line(string code, string name, int townships, int enterprises, double[] bbox, string? first, string? last, bool illustrative)
        => string.Join(" | ", code, name, townships, enterprises, string.Join(",", bbox.Select(v => v.ToString("R", CultureInfo.InvariantCulture))),
            first ?? "-", last ?? "-", illustrative);

    private async Task<List<string>> RawAsync(string[]? scope)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(RawDistricts, connection);
        command.Parameters.Add(new NpgsqlParameter("scope", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)scope ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
            lines.Add(Line(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3),
                [reader.GetDouble(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetDouble(7)],
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateOnly>(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateOnly>(9).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                reader.GetBoolean(10)));
        return lines;
    }

    private async Task<List<string>> ServedAsync(string userName)
    {
        var districts = await (await fixture.ClientForAsync(userName)).GetFromJsonAsync<JsonElement>("/api/v1/districts");
        return districts.EnumerateArray().Select(d => Line(d.GetProperty("code").GetString()!, d.GetProperty("name").GetString()!,
            d.GetProperty("townships").GetInt32(), d.GetProperty("enterprises").GetInt32(),
            d.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray(),
            d.GetProperty("firstRecord").GetString(), d.GetProperty("lastRecord").GetString(), d.GetProperty("illustrative").GetBoolean())).ToList();
    }

    private async Task AssertServedEqualsRawAsync(string step)
    {
        var recomputed = await RecomputedTownshipDaysAsync();
        Assert.True(recomputed.Length > 0, step);
        Assert.Equal(recomputed, await fixture.ScalarAsync(StoredTownshipDays));
        Assert.Equal(await RawAsync(null), await ServedAsync("admin"));
        Assert.Equal(await RawAsync(null), await ServedAsync("leader"));
        Assert.Equal(await RawAsync([Own]), await ServedAsync($"chief-{Own}"));
    }

    [Fact]
    public async Task The_demo_districts_figures_equal_those_computed_from_the_raw_records_for_every_scope()
    {
        var all = await ServedAsync("admin");
        Assert.Equal(await RawAsync(null), all);
        Assert.Equal(await RawAsync(null), await ServedAsync("leader"));
        var own = await ServedAsync($"chief-{Own}");
        Assert.Equal(await RawAsync([Own]), own);
        Assert.NotEqual(all, own); // the chief's enterprises and days are those of one township
        Assert.Equal(await RecomputedTownshipDaysAsync(), await fixture.ScalarAsync(StoredTownshipDays));
    }

    [Fact]
    public async Task Every_kind_of_write_keeps_the_figures_equal_to_those_computed_from_the_raw_records()
    {
        // An enterprise of the chief's township with records, and the day bounds of that township.
        var enterprise = (long)(await fixture.ScalarAsync(
            $"SELECT e.id FROM enterprises e WHERE e.township_code = '{Own}' AND EXISTS (SELECT 1 FROM hazards h WHERE h.enterprise_id = e.id) " +
            "AND EXISTS (SELECT 1 FROM inspections i WHERE i.enterprise_id = e.id) ORDER BY e.id LIMIT 1"))!;
        // Moves: the step changes a township's first or last day (checked, so that the step tests what it names).
        var steps = new (string Name, bool Moves, string Sql)[]
        {
            ("an inspection before every record", true,
                $"INSERT INTO inspections (enterprise_id, date, inspection_group, inspector_visits, reference) VALUES ({enterprise}, '2015-03-01', 'T', 1, 'T-1')"),
            ("an enforcement action after every record", true,
                $"INSERT INTO enforcement_actions (enterprise_id, date, kind, reference) VALUES ({enterprise}, '2024-05-01', 'Document', 'T-2')"),
            ("the first day's inspection moved later", true, "UPDATE inspections SET date = '2019-06-01' WHERE reference = 'T-1'"),
            ("a hazard rectified after every record", true,
                $"UPDATE hazards SET status = 'Rectified', rectified_on = '2025-01-02', closed_on = NULL WHERE id = (SELECT min(id) FROM hazards WHERE enterprise_id = {enterprise})"),
            ("the last day's enforcement action deleted", false, "DELETE FROM enforcement_actions WHERE reference = 'T-2'"),
            ("the enterprise moved to another township", true,
                $"UPDATE enterprises SET location = (SELECT label_point FROM townships WHERE code = '{Other}') WHERE id = {enterprise}"),
            ("a hazard moved to another enterprise", true,
                $"UPDATE hazards SET enterprise_id = (SELECT min(id) FROM enterprises WHERE township_code = '{Own}') WHERE rectified_on = '2025-01-02'"),
            ("an enterprise deleted with its records", true, $"DELETE FROM enterprises WHERE id = {enterprise}"),
            ("the hazards of the first month deleted", false, "DELETE FROM hazards WHERE found_on < (SELECT min(found_on) + 31 FROM hazards)"),
            ("enforcement actions emptied", false, "TRUNCATE enforcement_actions"),
        };
        var before = await fixture.ScalarAsync(StoredTownshipDays);
        foreach (var (name, moves, sql) in steps)
        {
            var stored = await fixture.ScalarAsync(StoredTownshipDays);
            await fixture.ExecuteAsync(sql);
            if (moves) Assert.True(!Equals(stored, await fixture.ScalarAsync(StoredTownshipDays)), $"{name}: no township's days moved");
            await AssertServedEqualsRawAsync(name);
        }
        Assert.NotEqual(before, await fixture.ScalarAsync(StoredTownshipDays));
    }
}
