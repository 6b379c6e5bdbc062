using Npgsql;

namespace RiskMap.Api.Features.Hazards;

/// <summary>Filters of the hazard list; null members do not filter.</summary>
/// <param name="Township">Township code of the enterprise.</param>
/// <param name="Sectors">Sector codes.</param>
/// <param name="Level">General or Major.</param>
/// <param name="Status">The lifecycle status on the day: Open, Rectifying, Rectified or Closed.</param>
/// <param name="Open">true: open on the day (found, not yet rectified or closed: Open or Rectifying, DOMAIN.md); false: not open.</param>
/// <param name="Overdue">true: overdue on the day; false: not overdue.</param>
/// <param name="AsOf">The day; hazards found after it are never listed.</param>
/// <param name="Scope">Townships the caller may read, or null for all (see <see cref="Accounts.ReadScope"/>).</param>
public sealed record HazardFilter(string? Township, IReadOnlyCollection<string>? Sectors, string? Level, string? Status, bool? Open, bool? Overdue,
    DateOnly AsOf, string[]? Scope = null);

/// <summary>SQL behind the hazard endpoints.</summary>
public static class HazardsQueries
{
    /// <summary>
    /// A page of hazards found on or before the day and matching <paramref name="filter"/>, most overdue first, then
    /// newest, with the total. Status and overdue days follow <see cref="HazardSql"/>.
    /// </summary>
    public static async Task<(List<HazardItem> Items, int Total)> PageAsync(NpgsqlDataSource dataSource, HazardFilter filter, int page, int pageSize,
        CancellationToken cancellationToken)
    {
        var where = new List<string> { "h.found_on <= @as_of" };
        if (filter.Township is not null) where.Add("e.township_code = @township");
        if (filter.Scope is not null) where.Add("e.township_code = ANY(@scope)");
        if (filter.Sectors is not null) where.Add("h.sector = ANY(@sectors)");
        if (filter.Level is not null) where.Add("h.level = @level");
        if (filter.Open is { } open) where.Add(open ? HazardSql.OpenAsOf("h", "@as_of") : $"NOT {HazardSql.OpenAsOf("h", "@as_of")}");
        if (filter.Status is not null) where.Add($"({HazardSql.StatusAsOf("h", "@as_of")}) = @status");
        if (filter.Overdue is { } overdue) where.Add(overdue ? HazardSql.OverdueAsOf("h", "@as_of") : $"NOT {HazardSql.OverdueAsOf("h", "@as_of")}");

        var total = 0;
        const string from = """
            FROM hazards h
            JOIN enterprises e ON e.id = h.enterprise_id
            LEFT JOIN townships t ON t.code = e.township_code
            """;
        void Bind(NpgsqlParameterCollection p)
        {
            p.Date("as_of", filter.AsOf);
            p.Text("township", filter.Township);
            p.TextArray("sectors", filter.Sectors);
            p.Text("level", filter.Level);
            p.Text("status", filter.Status);
            p.TextArray("scope", filter.Scope);
        }
        var items = await Sql.QueryAsync(dataSource, $"""
            SELECT h.id, h.reference, e.id AS enterprise_id, e.name AS enterprise_name, e.township_code, t.name AS township_name,
                ST_X(e.location) AS longitude, ST_Y(e.location) AS latitude, h.sector, h.level,
                {HazardSql.StatusAsOf("h", "@as_of")} AS status_as_of, h.description, h.found_on,
                {HazardSql.DeadlineAsOf("h", "@as_of")} AS deadline_as_of,
                CASE WHEN h.rectified_on <= @as_of THEN h.rectified_on END AS rectified_as_of,
                CASE WHEN h.closed_on <= @as_of THEN h.closed_on END AS closed_as_of,
                CASE WHEN {HazardSql.OverdueAsOf("h", "@as_of")} THEN {HazardSql.DaysOverdue("h", "@as_of")} END AS days_overdue,
                h.supervised, h.responsible_person, count(*) OVER () AS total
            {from}
            WHERE {string.Join("\n  AND ", where)}
            ORDER BY days_overdue DESC NULLS LAST, h.found_on DESC, h.id DESC
            LIMIT @limit OFFSET @offset
            """,
            p =>
            {
                Bind(p);
                p.AddWithValue("limit", pageSize);
                p.AddWithValue("offset", (long)(page - 1) * pageSize); // long: page × pageSize can pass int.MaxValue
            },
            r =>
            {
                total = (int)r.Get<long>("total");
                return new HazardItem(r.Get<long>("id"), r.NullableString("reference"), r.Get<long>("enterprise_id"), r.Get<string>("enterprise_name"),
                    r.NullableString("township_code"), r.NullableString("township_name"), r.Get<double>("longitude"), r.Get<double>("latitude"),
                    r.Get<string>("sector"), r.Get<string>("level"), r.Get<string>("status_as_of"), r.Get<string>("description"),
                    r.Get<DateOnly>("found_on"), r.Get<DateOnly>("deadline_as_of"), r.Nullable<DateOnly>("rectified_as_of"),
                    r.Nullable<DateOnly>("closed_as_of"), r.Nullable<int>("days_overdue"), r.Get<bool>("supervised"), r.NullableString("responsible_person"));
            }, cancellationToken);
        if (items.Count == 0 && page > 1)
        {
            // Past the last page: the window total is unknown, so count separately.
            total = (await Sql.QueryAsync(dataSource, $"SELECT count(*) AS total {from} WHERE {string.Join(" AND ", where)}", Bind,
                r => (int)r.Get<long>("total"), cancellationToken)).First();
        }
        return (items, total);
    }
}
