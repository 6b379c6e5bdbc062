using Npgsql;

namespace RiskMap.Api.Features.LocationQuality;

/// <summary>SQL of the location-quality flags (enterprises.location_quality) for the enterprise list and the admin list.</summary>
public static class LocationQualitySql
{
    /// <summary>
    /// The SQL condition keeping the enterprises of <paramref name="filter"/> over the alias <paramref name="enterprise"/>
    /// (<c>true</c> for null): a flag's bit set, any flag, or none. Flagged rows come through the partial index
    /// ix_enterprises_location_quality (location_quality &lt;&gt; 0).
    /// </summary>
    public static string Is(LocationQualityFilter? filter, string enterprise) => filter switch
    {
        null => "true",
        LocationQualityFilter.Any => $"{enterprise}.location_quality <> 0",
        LocationQualityFilter.None => $"{enterprise}.location_quality = 0",
        _ => $"{enterprise}.location_quality <> 0 AND ({enterprise}.location_quality & {(int)Flag(filter.Value)}) <> 0",
    };

    /// <summary>The flag a single-flag filter keeps.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Any or None, which are no single flag.</exception>
    public static LocationQualityFlag Flag(LocationQualityFilter filter) => filter switch
    {
        LocationQualityFilter.SharedPoint => LocationQualityFlag.SharedPoint,
        LocationQualityFilter.NearLabelPoint => LocationQualityFlag.NearLabelPoint,
        LocationQualityFilter.CoarseCoordinates => LocationQualityFlag.CoarseCoordinates,
        LocationQualityFilter.AddressNamesOtherTownship => LocationQualityFlag.AddressNamesOtherTownship,
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "Not a single flag."),
    };
}

/// <summary>SQL behind the admin list of questionable locations.</summary>
public static class LocationQualityQueries
{
    /// <summary>
    /// Counts per flag over the enterprises (of <paramref name="township"/> when given) in one scan, and a page of those
    /// <paramref name="filter"/> keeps, most flags first (bit_count of the mask), then name and id.
    /// </summary>
    public static async Task<LocationQualityReport> ReportAsync(NpgsqlDataSource dataSource, LocationQualityFilter? filter, string? township,
        int page, int pageSize, CancellationToken cancellationToken)
    {
        var counts = (await Sql.QueryAsync(dataSource, $"""
            SELECT count(*)::int AS enterprises, count(*) FILTER (WHERE location_quality <> 0)::int AS questionable,
                {string.Join(", ", LocationQualityFlags.All.Select(f => $"count(*) FILTER (WHERE location_quality & {(int)f} <> 0)::int AS f{(int)f}"))}
            FROM enterprises WHERE @township::text IS NULL OR township_code = @township
            """, p => p.Text("township", township),
            r => (Enterprises: r.Get<int>("enterprises"), Questionable: r.Get<int>("questionable"),
                PerFlag: LocationQualityFlags.All.Select(f => new LocationQualityCount(f.ToString(), r.Get<int>($"f{(int)f}"))).ToList()),
            cancellationToken)).Single();
        var total = 0;
        var items = await Sql.QueryAsync(dataSource, $"""
            SELECT e.id, e.name, e.credit_code, e.address, e.township_code, t.name AS township_name,
                ST_X(e.location) AS longitude, ST_Y(e.location) AS latitude, e.location_quality::int AS location_quality, count(*) OVER () AS total
            FROM enterprises e LEFT JOIN townships t ON t.code = e.township_code
            WHERE ({LocationQualitySql.Is(filter ?? LocationQualityFilter.Any, "e")}) AND (@township::text IS NULL OR e.township_code = @township)
            ORDER BY bit_count(e.location_quality::int::bit(4)) DESC, e.name, e.id
            LIMIT @limit OFFSET @offset
            """, p =>
            {
                p.Text("township", township);
                p.AddWithValue("limit", pageSize);
                p.AddWithValue("offset", (long)(page - 1) * pageSize);
            },
            r =>
            {
                total = (int)r.Get<long>("total");
                return new QuestionableLocation(r.Get<long>("id"), r.Get<string>("name"), r.Get<string>("credit_code"), r.NullableString("address"),
                    r.NullableString("township_code"), r.NullableString("township_name"), r.Get<double>("longitude"), r.Get<double>("latitude"),
                    LocationQualityFlags.Names(r.Get<int>("location_quality")));
            }, cancellationToken);
        if (items.Count == 0 && page > 1)
        {
            total = (await Sql.QueryAsync(dataSource, $"""
                SELECT count(*)::int AS total FROM enterprises e
                WHERE ({LocationQualitySql.Is(filter ?? LocationQualityFilter.Any, "e")}) AND (@township::text IS NULL OR e.township_code = @township)
                """, p => p.Text("township", township), r => r.Get<int>("total"), cancellationToken)).Single();
        }
        return new LocationQualityReport(counts.Enterprises, counts.Questionable, counts.PerFlag, items, page, pageSize, total);
    }
}
