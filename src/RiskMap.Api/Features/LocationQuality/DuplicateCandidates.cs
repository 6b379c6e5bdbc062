using Npgsql;

namespace RiskMap.Api.Features.LocationQuality;

/// <summary>
/// The duplicate review queue: pairs of enterprise records of one district that may be one enterprise, except the pairs an
/// admin marked distinct (enterprise_distinct_pairs).
/// </summary>
public static class DuplicateCandidates
{
    /// <summary>Default least pg_trgm similarity of two names within <see cref="NearMetres"/>.</summary>
    public const double DefaultMinSimilarity = 0.45;

    /// <summary>How near two points must be for similar names to make a pair, metres.</summary>
    public const double NearMetres = 200;

    /// <summary>
    /// The pairs, most similar first, then nearest, then by ids: (a) names with pg_trgm <c>similarity</c> ≥
    /// <paramref name="minSimilarity"/> whose points lie within <see cref="NearMetres"/> (a 0.004° ST_DWithin box on the GiST
    /// index ix_enterprises_location — at least 200 m up to latitude 60° — then the metric test on geography), and (b) the
    /// same name anywhere in the district (a hash join on name). Both records must lie in townships of the same district
    /// (merges never cross districts). Each record comes with its inspections, hazards and enforcement actions counted.
    /// </summary>
    public static async Task<DuplicateCandidateList> ListAsync(NpgsqlDataSource dataSource, double minSimilarity, string? district, int limit,
        CancellationToken cancellationToken)
    {
        var total = 0;
        var items = await Sql.QueryAsync(dataSource, """
            WITH pairs AS (
                SELECT a.id AS first_id, b.id AS second_id FROM enterprises a JOIN enterprises b
                    ON a.id < b.id AND ST_DWithin(a.location, b.location, 0.004)
                   AND similarity(a.name, b.name) >= @min_similarity AND ST_DWithin(a.location::geography, b.location::geography, @metres)
                UNION
                SELECT a.id, b.id FROM enterprises a JOIN enterprises b ON a.name = b.name AND a.id < b.id),
            found AS (
                SELECT p.first_id, p.second_id, similarity(a.name, b.name)::float8 AS similarity,
                    ST_Distance(a.location::geography, b.location::geography) AS distance, a.name = b.name AS same_name,
                    count(*) OVER () AS total
                FROM pairs p
                JOIN enterprises a ON a.id = p.first_id JOIN townships ta ON ta.code = a.township_code
                JOIN enterprises b ON b.id = p.second_id JOIN townships tb ON tb.code = b.township_code
                WHERE ta.district_code = tb.district_code AND (@district::text IS NULL OR ta.district_code = @district)
                  AND NOT EXISTS (SELECT 1 FROM enterprise_distinct_pairs d WHERE d.first_id = p.first_id AND d.second_id = p.second_id)
                ORDER BY similarity DESC, distance, p.first_id, p.second_id
                LIMIT @limit)
            SELECT f.*, x.side, e.id, e.name, e.credit_code, e.sector, e.address, e.township_code, t.name AS township_name,
                (SELECT count(*) FROM inspections i WHERE i.enterprise_id = e.id)::int AS inspections,
                (SELECT count(*) FROM hazards h WHERE h.enterprise_id = e.id)::int AS hazards,
                (SELECT count(*) FROM enforcement_actions a WHERE a.enterprise_id = e.id)::int AS enforcement_actions
            FROM found f
            CROSS JOIN LATERAL (VALUES (1, f.first_id), (2, f.second_id)) x(side, enterprise_id)
            JOIN enterprises e ON e.id = x.enterprise_id
            LEFT JOIN townships t ON t.code = e.township_code
            ORDER BY f.similarity DESC, f.distance, f.first_id, f.second_id, x.side
            """, p =>
            {
                p.AddWithValue("min_similarity", minSimilarity);
                p.AddWithValue("metres", NearMetres);
                p.Text("district", district);
                p.AddWithValue("limit", limit);
            },
            r =>
            {
                total = (int)r.Get<long>("total");
                return (Pair: (r.Get<long>("first_id"), r.Get<long>("second_id")), Similarity: r.Get<double>("similarity"),
                    Distance: r.Get<double>("distance"), SameName: r.Get<bool>("same_name"),
                    Enterprise: new DuplicateEnterprise(r.Get<long>("id"), r.Get<string>("name"), r.Get<string>("credit_code"), r.Get<string>("sector"),
                        r.NullableString("address"), r.NullableString("township_code"), r.NullableString("township_name"), r.Get<int>("inspections"),
                        r.Get<int>("hazards"), r.Get<int>("enforcement_actions")));
            }, cancellationToken);
        var candidates = items.Chunk(2).Select(two => new DuplicateCandidate(two[0].Enterprise, two[1].Enterprise,
            two[0].SameName ? "SameName" : "SimilarName", Math.Round(two[0].Similarity, 3), Math.Round(two[0].Distance, 1))).ToList();
        return new DuplicateCandidateList(minSimilarity, NearMetres, total, limit, candidates);
    }
}
