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
    /// period's end. Documents and interviews count actions dated in the period; enterprises with cases count
    /// distinct enterprises with a Case action in the period; fines sum Fine amounts dated in the period. Open at the
    /// end = hazards open on the period's last day and, of them, overdue on it, by the as-of rules of
    /// <see cref="HazardSql"/> (the figures the choropleth shows as of that day).
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
            WITH area AS (
                SELECT e.id, e.sector, e.above_scale
                FROM enterprises e
                JOIN townships t ON t.code = e.township_code
                WHERE t.district_code = @district
                  AND (@township::text IS NULL OR t.code = @township)
                  AND (@scope::text[] IS NULL OR t.code = ANY(@scope))
            ),
            inspected AS (
                SELECT i.enterprise_id, i.inspection_group, i.inspector_visits, a.above_scale
                FROM inspections i
                JOIN area a ON a.id = i.enterprise_id
                WHERE i.date BETWEEN @from AND @to
                  AND (@sector::text IS NULL OR a.sector = @sector)
            ),
            found AS (
                SELECT h.level, least(h.rectified_on, h.closed_on) <= @to AS rectified
                FROM hazards h
                JOIN area a ON a.id = h.enterprise_id
                WHERE h.found_on BETWEEN @from AND @to
                  AND (@sector::text IS NULL OR h.sector = @sector)
            ),
            enforcement AS (
                SELECT x.kind, x.enterprise_id, x.amount_yuan
                FROM enforcement_actions x
                JOIN area a ON a.id = x.enterprise_id
                WHERE x.date BETWEEN @from AND @to
                  AND (@sector::text IS NULL OR a.sector = @sector)
            ),
            open_at_end AS (
                SELECT h.level, {HazardSql.DeadlineAsOf("h", "@to")} < @to AS overdue
                FROM hazards h
                JOIN area a ON a.id = h.enterprise_id
                WHERE {HazardSql.OpenAsOf("h", "@to")}
                  AND (@sector::text IS NULL OR h.sector = @sector)
            )
            SELECT
                (SELECT count(DISTINCT inspection_group) FROM inspected)::int,
                (SELECT coalesce(sum(inspector_visits), 0) FROM inspected)::int,
                (SELECT count(DISTINCT enterprise_id) FROM inspected)::int,
                (SELECT count(DISTINCT enterprise_id) FILTER (WHERE above_scale) FROM inspected)::int,
                (SELECT count(*) FILTER (WHERE level = 'General') FROM found)::int,
                (SELECT count(*) FILTER (WHERE level = 'General' AND rectified) FROM found)::int,
                (SELECT count(*) FILTER (WHERE level = 'Major') FROM found)::int,
                (SELECT count(*) FILTER (WHERE level = 'Major' AND rectified) FROM found)::int,
                (SELECT count(*) FILTER (WHERE kind = 'Document') FROM enforcement)::int,
                (SELECT count(*) FILTER (WHERE kind = 'Interview') FROM enforcement)::int,
                (SELECT count(DISTINCT enterprise_id) FILTER (WHERE kind = 'Case') FROM enforcement)::int,
                (SELECT coalesce(sum(amount_yuan) FILTER (WHERE kind = 'Fine'), 0) FROM enforcement),
                (SELECT count(*) FILTER (WHERE level = 'Major') FROM open_at_end)::int,
                (SELECT count(*) FILTER (WHERE level = 'General') FROM open_at_end)::int,
                (SELECT count(*) FILTER (WHERE overdue) FROM open_at_end)::int
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("district", district);
        command.Parameters.Add(new NpgsqlParameter<string?>("township", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = township });
        command.Parameters.Add(new NpgsqlParameter<string?>("sector", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = sector });
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.TextArray("scope", scope);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new StatisticsResponse(
            district, township, sector, from, to,
            InspectionGroups: reader.GetInt32(0),
            InspectorVisits: reader.GetInt32(1),
            EnterprisesInspected: reader.GetInt32(2),
            AboveScaleEnterprisesInspected: reader.GetInt32(3),
            GeneralHazards: HazardFigures.From(reader.GetInt32(4), reader.GetInt32(5)),
            MajorHazards: HazardFigures.From(reader.GetInt32(6), reader.GetInt32(7)),
            EnforcementDocuments: reader.GetInt32(8),
            ReminderInterviews: reader.GetInt32(9),
            EnterprisesWithCases: reader.GetInt32(10),
            FinesYuan: reader.GetDecimal(11),
            OpenAtEnd: new Townships.HazardCounts(reader.GetInt32(12), reader.GetInt32(13), reader.GetInt32(14)));
    }
}
