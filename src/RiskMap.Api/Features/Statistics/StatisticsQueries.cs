using Npgsql;

namespace RiskMap.Api.Features.Statistics;

/// <summary>SQL behind the statistics endpoint.</summary>
public static class StatisticsQueries
{
    /// <summary>
    /// Computes the campaign figures for enterprises located in <paramref name="district"/> (or one of its
    /// townships) over [<paramref name="from"/>, <paramref name="to"/>], in one round trip.
    /// </summary>
    /// <remarks>
    /// Counting rules (../shared/DOMAIN.md): an enterprise belongs to the area of the township its point lies
    /// in (enterprises.township_code, kept by the point-in-polygon trigger). Inspection groups = distinct
    /// inspections.inspection_group with an inspection in the period; inspector visits = sum of
    /// inspections.inspector_visits; enterprises inspected = distinct inspected enterprises. Found = hazards
    /// with found_on in the period; rectified = those of them with rectified_on or closed_on on or before the
    /// period's end (no longer open after it: riskmap_hazard_open_until, <see cref="HazardSql"/>). Documents and interviews
    /// count actions dated in the period; enterprises with cases count distinct enterprises with a Case action in the
    /// period; fines sum Fine amounts dated in the period. Open at the end = hazards open on the period's last day and,
    /// of them, overdue on it, by the as-of rules of <see cref="HazardSql"/> (the figures the choropleth shows as of that day).
    /// A sector filter applies to the enterprise's sector for inspections and enforcement and to the hazard's
    /// sector for hazards. Every subquery is driven by the date indexes (ix_inspections_date,
    /// ix_hazards_found_on, ix_enforcement_actions_date_kind) and joins the area through
    /// ix_enterprises_township_code_sector.
    /// </remarks>
    /// <param name="dataSource">Data source.</param>
    /// <param name="district">District code.</param>
    /// <param name="township">Township code, or null for the district.</param>
    /// <param name="sector">Sector code, or null for all.</param>
    /// <param name="from">First day.</param>
    /// <param name="to">Last day.</param>
    /// <param name="scope">Townships the caller may read (null: all); figures cover only those.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public static async Task<StatisticsResponse> GetAsync(NpgsqlDataSource dataSource, string district, string? township,
        string? sector, DateOnly from, DateOnly to, string[]? scope, CancellationToken cancellationToken)
    {
        var sql = $"""
            {Records}
            SELECT
                (SELECT count(DISTINCT inspection_group) FROM inspected)::int AS inspection_groups,
                (SELECT coalesce(sum(inspector_visits), 0) FROM inspected)::int AS inspector_visits,
                (SELECT count(DISTINCT enterprise_id) FROM inspected)::int AS enterprises_inspected,
                (SELECT count(DISTINCT enterprise_id) FILTER (WHERE above_scale) FROM inspected)::int AS above_scale_inspected,
                (SELECT count(*) FILTER (WHERE level = 'General') FROM found)::int AS general_found,
                (SELECT count(*) FILTER (WHERE level = 'General' AND rectified) FROM found)::int AS general_rectified,
                (SELECT count(*) FILTER (WHERE level = 'Major') FROM found)::int AS major_found,
                (SELECT count(*) FILTER (WHERE level = 'Major' AND rectified) FROM found)::int AS major_rectified,
                (SELECT count(*) FILTER (WHERE kind = 'Document') FROM enforcement)::int AS documents,
                (SELECT count(*) FILTER (WHERE kind = 'Interview') FROM enforcement)::int AS interviews,
                (SELECT count(DISTINCT enterprise_id) FILTER (WHERE kind = 'Case') FROM enforcement)::int AS enterprises_with_cases,
                (SELECT coalesce(sum(amount_yuan) FILTER (WHERE kind = 'Fine'), 0) FROM enforcement) AS fines_yuan,
                (SELECT count(*) FILTER (WHERE level = 'Major') FROM open_at_end)::int AS open_major_at_end,
                (SELECT count(*) FILTER (WHERE level = 'General') FROM open_at_end)::int AS open_general_at_end,
                (SELECT count(*) FILTER (WHERE overdue) FROM open_at_end)::int AS overdue_at_end
            """;
        await using var command = dataSource.CreateCommand(sql);
        BindRecords(command.Parameters, district, township, sector, from, to, scope);
        return (await Sql.QueryAsync(command, r => new StatisticsResponse(
            district, township, sector, from, to,
            InspectionGroups: r.Get<int>("inspection_groups"),
            InspectorVisits: r.Get<int>("inspector_visits"),
            EnterprisesInspected: r.Get<int>("enterprises_inspected"),
            AboveScaleEnterprisesInspected: r.Get<int>("above_scale_inspected"),
            GeneralHazards: HazardFigures.From(r.Get<int>("general_found"), r.Get<int>("general_rectified")),
            MajorHazards: HazardFigures.From(r.Get<int>("major_found"), r.Get<int>("major_rectified")),
            EnforcementDocuments: r.Get<int>("documents"),
            ReminderInterviews: r.Get<int>("interviews"),
            EnterprisesWithCases: r.Get<int>("enterprises_with_cases"),
            FinesYuan: r.Get<decimal>("fines_yuan"),
            OpenAtEnd: new Townships.HazardCounts(r.Get<int>("open_major_at_end"), r.Get<int>("open_general_at_end"), r.Get<int>("overdue_at_end"))),
            cancellationToken))[0];
    }

    /// <summary>
    /// The records every figure of <see cref="GetAsync"/> counts, as the common table expressions <c>area</c> (the
    /// area's enterprises), <c>inspected</c>, <c>found</c>, <c>enforcement</c> and <c>open_at_end</c>, each row with its
    /// <c>id</c> and row version (<c>xmin</c>); parameters bound by <see cref="BindRecords"/>. One definition of what counts,
    /// for the figures and for whatever must name the records behind them (the bulletin's fingerprint).
    /// </summary>
    internal static readonly string Records = $"""
            WITH area AS (
                SELECT e.id, e.sector, e.above_scale
                FROM enterprises e
                JOIN townships t ON t.code = e.township_code
                WHERE t.district_code = @district
                  AND (@township::text IS NULL OR t.code = @township)
                  AND (@scope::text[] IS NULL OR t.code = ANY(@scope))
            ),
            inspected AS (
                SELECT i.id, i.xmin, i.enterprise_id, i.inspection_group, i.inspector_visits, a.above_scale
                FROM inspections i
                JOIN area a ON a.id = i.enterprise_id
                WHERE i.date BETWEEN @from AND @to
                  AND (@sector::text IS NULL OR a.sector = @sector)
            ),
            found AS (
                SELECT h.id, h.xmin, h.enterprise_id, h.level, riskmap_hazard_open_until(h) <= @to AS rectified
                FROM hazards h
                JOIN area a ON a.id = h.enterprise_id
                WHERE h.found_on BETWEEN @from AND @to
                  AND (@sector::text IS NULL OR h.sector = @sector)
            ),
            enforcement AS (
                SELECT x.id, x.xmin, x.kind, x.enterprise_id, x.amount_yuan
                FROM enforcement_actions x
                JOIN area a ON a.id = x.enterprise_id
                WHERE x.date BETWEEN @from AND @to
                  AND (@sector::text IS NULL OR a.sector = @sector)
            ),
            open_at_end AS (
                SELECT h.id, h.xmin, h.enterprise_id, h.level, {HazardSql.DeadlineAsOf("h", "@to")} < @to AS overdue
                FROM hazards h
                JOIN area a ON a.id = h.enterprise_id
                WHERE {HazardSql.OpenAsOf("h", "@to")}
                  AND (@sector::text IS NULL OR h.sector = @sector)
            )
        """;

    /// <summary>Binds the parameters of <see cref="Records"/>: <c>@district</c>, <c>@township</c>, <c>@sector</c>, <c>@from</c>, <c>@to</c>, <c>@scope</c>.</summary>
    internal static void BindRecords(NpgsqlParameterCollection parameters, string district, string? township, string? sector,
        DateOnly from, DateOnly to, string[]? scope)
    {
        parameters.AddWithValue("district", district);
        parameters.Text("township", township);
        parameters.Text("sector", sector);
        parameters.Date("from", from);
        parameters.Date("to", to);
        parameters.TextArray("scope", scope);
    }
}
