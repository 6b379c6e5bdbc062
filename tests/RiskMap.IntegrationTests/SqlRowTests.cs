using Npgsql;
using RiskMap.Api.Features;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>Rows read by column name through <see cref="SqlRow"/>, on the test cluster's own database (no tables needed).</summary>
public sealed class SqlRowTests
{
    private static async Task<List<T>> QueryAsync<T>(string sql, Func<SqlRow, T> map)
    {
        var cluster = await TestCluster.GetAsync();
        await using var dataSource = NpgsqlDataSource.Create(cluster.ConnectionString("postgres"));
        return await Sql.QueryAsync(dataSource, sql, _ => { }, map, CancellationToken.None);
    }

    [Fact]
    public async Task Columns_are_read_by_name_whatever_order_the_mapping_reads_them_in()
    {
        var rows = await QueryAsync("""
            SELECT n AS id, 'row ' || n AS label, CASE WHEN n % 2 = 0 THEN DATE '2022-06-30' + n END AS day, n * 1.5::float8 AS score
            FROM generate_series(1, 4) AS n ORDER BY id
            """,
            r => (r.Get<double>("score"), r.NullableString("label"), r.Get<int>("id"), r.Nullable<DateOnly>("day")));
        List<(double, string?, int, DateOnly?)> expected =
        [
            (1.5, "row 1", 1, null),
            (3.0, "row 2", 2, new DateOnly(2022, 7, 2)),
            (4.5, "row 3", 3, null),
            (6.0, "row 4", 4, new DateOnly(2022, 7, 4)),
        ];
        Assert.Equal(expected, rows);
    }

    [Fact]
    public async Task A_mapping_that_reads_different_columns_on_different_rows_reads_the_right_ones()
    {
        // The remembered name at each place in the row's calls differs between rows: each is looked up again.
        var rows = await QueryAsync("SELECT n AS id, n * 10 AS tens, n * 100 AS hundreds FROM generate_series(1, 4) AS n ORDER BY id",
            r => r.Get<int>("id") % 2 == 0 ? r.Get<int>("hundreds") : r.Get<int>("tens"));
        Assert.Equal([10, 200, 30, 400], rows);
    }

    [Fact]
    public async Task Names_built_at_run_time_match_like_literals()
    {
        var column = string.Concat("la", "bel");
        var rows = await QueryAsync("SELECT 'a' AS label UNION ALL SELECT 'b' ORDER BY label", r => r.Get<string>(column));
        Assert.Equal(["a", "b"], rows);
    }

    [Fact]
    public async Task An_unknown_name_is_an_error_listing_the_result_columns()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => QueryAsync("SELECT 1 AS id, 'x' AS name", r => r.Get<int>("ID")));
        Assert.Equal("The result has no column named 'ID' (its columns: id, name).", error.Message);
    }

    [Fact]
    public async Task A_name_the_result_has_twice_is_an_error_rather_than_the_first_of_them()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => QueryAsync(
            "SELECT h.id, e.id FROM (SELECT 1 AS id) h, (SELECT 2 AS id) e", r => r.Get<int>("id")));
        Assert.Equal("The result has two columns named 'id': give each its own name (AS …).", error.Message);
    }

    [Fact]
    public async Task Nulls_read_as_null_and_are_an_error_where_a_value_is_required()
    {
        var rows = await QueryAsync("SELECT NULL::text AS note, NULL::int AS days, NULL::bytea AS wkb",
            r => (r.NullableString("note"), r.Nullable<int>("days"), r.IsNull("wkb")));
        List<(string?, int?, bool)> expected = [(null, null, true)];
        Assert.Equal(expected, rows);
        await Assert.ThrowsAsync<InvalidCastException>(() => QueryAsync("SELECT NULL::int AS days", r => r.Get<int>("days")));
    }
}
