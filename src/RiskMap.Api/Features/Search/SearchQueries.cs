using Npgsql;

namespace RiskMap.Api.Features.Search;

/// <summary>SQL behind <c>GET /api/v1/search</c>.</summary>
public static class SearchQueries
{
    /// <summary>
    /// Enterprises and townships matching <paramref name="text"/> within <paramref name="scope"/> (township codes, null for
    /// every township), best first, at most <paramref name="limit"/>. An enterprise matches when its name or address holds
    /// the text (<c>ILIKE '%…%'</c>), its name is similar to it (pg_trgm <c>%</c>, <c>pg_trgm.similarity_threshold</c>,
    /// default 0.3) or its credit code is the text; a township when its name holds the text or is similar to it. The
    /// enterprise conditions use the GIN trigram indexes ix_enterprises_name_trgm and ix_enterprises_address_trgm and the
    /// unique index on credit_code (a bitmap OR of the three); townships are few and read whole.
    /// Rank: 0 exact name or credit code, 1 name starting with the text, 2 name holding it, 3 address holding it, 4 similar
    /// name; then pg_trgm <c>similarity(name, text)</c> descending, then name and id.
    /// </summary>
    public static Task<List<SearchHit>> SearchAsync(NpgsqlDataSource dataSource, string text, int limit, string[]? scope,
        CancellationToken cancellationToken)
    {
        var (sql, bind) = Build(text, limit, scope);
        return Sql.QueryAsync(dataSource, sql, bind, r => new SearchHit(r.Get<string>("kind"), r.Nullable<long>("id"), r.NullableString("code"),
            r.Get<string>("name"), r.NullableString("credit_code"), r.NullableString("address"), r.NullableString("township_code"),
            r.NullableString("township_name"), r.Get<string>("matched_on"), Math.Round(r.Get<float>("similarity"), 3),
            r.Nullable<double>("longitude"), r.Nullable<double>("latitude")), cancellationToken);
    }

    /// <summary>The search query and its parameters (for EXPLAIN in tests).</summary>
    internal static (string Sql, Action<NpgsqlParameterCollection> Bind) Build(string text, int limit, string[]? scope)
    {
        var enterpriseScope = scope is null ? "" : "AND e.township_code = ANY(@scope)";
        var townshipScope = scope is null ? "" : "AND t.code = ANY(@scope)";
        var sql = $"""
            SELECT kind, id, code, name, credit_code, address, township_code, township_name, similarity, longitude, latitude,
                CASE rank WHEN 0 THEN CASE WHEN credit_code = @code THEN 'CreditCode' ELSE 'ExactName' END
                          WHEN 1 THEN 'NamePrefix' WHEN 2 THEN 'Name' WHEN 3 THEN 'Address' ELSE 'SimilarName' END AS matched_on
            FROM (
                SELECT 'Enterprise' AS kind, e.id, NULL::text AS code, e.name::text AS name, e.credit_code::text AS credit_code,
                    e.address::text AS address, e.township_code::text AS township_code, t.name::text AS township_name,
                    CASE WHEN e.name = @text OR e.credit_code = @code THEN 0
                         WHEN e.name ILIKE @prefix THEN 1 WHEN e.name ILIKE @contains THEN 2 WHEN e.address ILIKE @contains THEN 3 ELSE 4 END AS rank,
                    similarity(e.name, @text) AS similarity, ST_X(e.location) AS longitude, ST_Y(e.location) AS latitude
                FROM enterprises e
                LEFT JOIN townships t ON t.code = e.township_code
                WHERE (e.name ILIKE @contains OR e.name % @text OR e.address ILIKE @contains OR e.credit_code = @code) {enterpriseScope}
                UNION ALL
                SELECT 'Township', NULL, t.code::text, t.name::text, NULL, NULL, t.code::text, t.name::text,
                    CASE WHEN t.name = @text OR t.code = @text THEN 0 WHEN t.name ILIKE @prefix THEN 1 WHEN t.name ILIKE @contains THEN 2 ELSE 4 END,
                    similarity(t.name, @text), ST_X(t.label_point), ST_Y(t.label_point)
                FROM townships t
                WHERE (t.name ILIKE @contains OR t.name % @text OR t.code = @text) {townshipScope}
            ) hits
            ORDER BY rank, similarity DESC, name, id NULLS FIRST, code
            LIMIT @limit
            """;
        var pattern = EscapeLike(text);
        return (sql, p =>
        {
            p.Text("text", text);
            p.Text("code", text.ToUpperInvariant());
            p.Text("prefix", pattern + "%");
            p.Text("contains", "%" + pattern + "%");
            p.AddWithValue("limit", limit);
            if (scope is not null) p.TextArray("scope", scope);
        });
    }

    /// <summary><paramref name="text"/> with the LIKE wildcards <c>%</c>, <c>_</c> and the escape <c>\</c> escaped, so that they match themselves.</summary>
    internal static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
