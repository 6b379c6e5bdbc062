using Npgsql;

namespace RiskMap.Api.Features.Routing;

/// <summary>Filters of the candidate list; null members do not filter.</summary>
/// <param name="District">District code; candidates are the enterprises of its townships (plus, see <paramref name="IncludeUnplaced"/>).</param>
/// <param name="Townships">Township codes.</param>
/// <param name="Sectors">Sector codes.</param>
/// <param name="OpenHazardLevel">Major (an open major hazard), General (open general hazards only), Any (something open) or None (nothing open).</param>
/// <param name="Overdue">true: at least one overdue hazard; false: none.</param>
/// <param name="Supervised">true: at least one open major hazard under supervision (挂牌督办); false: none.</param>
/// <param name="NotInspectedForDays">Only enterprises not inspected in the last N days before the day (never inspected counts).</param>
/// <param name="AboveScale">true: above-scale only; false: below-scale only.</param>
/// <param name="AsOf">The day.</param>
/// <param name="Scope">Townships the caller may read, or null for all (see <see cref="Accounts.ReadScope"/>).</param>
/// <param name="IncludeUnplaced">Also list enterprises in no township (callers who read everything, no township named).</param>
public sealed record CandidateFilter(string District, IReadOnlyCollection<string>? Townships, IReadOnlyCollection<string>? Sectors, string? OpenHazardLevel,
    bool? Overdue, bool? Supervised, int? NotInspectedForDays, bool? AboveScale, DateOnly AsOf, string[]? Scope, bool IncludeUnplaced);

/// <summary>An enterprise with the facts its risk score is computed from, its point (WGS-84) and its place.</summary>
/// <param name="Risk">Hazard counts, sector, size and last inspection.</param>
/// <param name="Name">Name.</param>
/// <param name="CreditCode">Unified social credit code.</param>
/// <param name="Address">Address.</param>
/// <param name="Township">Township code, null when in none.</param>
/// <param name="TownshipName">Township name.</param>
/// <param name="Longitude">WGS-84 longitude, degrees (ST_X).</param>
/// <param name="Latitude">WGS-84 latitude, degrees (ST_Y).</param>
/// <param name="InDistrict">True when the district's outline covers the point (ST_Covers).</param>
/// <param name="QuestionableLocation">True when the point has a location-quality flag (enterprises.location_quality).</param>
public sealed record EnterpriseRisk(RiskCandidate Risk, string Name, string CreditCode, string? Address, string? Township, string? TownshipName,
    double Longitude, double Latitude, bool InDistrict, bool QuestionableLocation = false)
{
    /// <summary>The <see cref="StopFlags"/> that apply.</summary>
    public IReadOnlyList<string> Flags =>
        [.. Township is null ? [StopFlags.NoTownship] : Array.Empty<string>(), .. InDistrict ? Array.Empty<string>() : [StopFlags.OutsideDistrict],
            .. QuestionableLocation ? [StopFlags.QuestionableLocation] : Array.Empty<string>()];
}

/// <summary>An open hazard for the visit sheet.</summary>
/// <param name="EnterpriseId">Enterprise.</param>
/// <param name="Level">General or Major.</param>
/// <param name="Description">What is wrong.</param>
/// <param name="FoundOn">Day found.</param>
/// <param name="Deadline">Deadline in force on the day.</param>
/// <param name="DaysOverdue">Days past the deadline on the day; null when not overdue.</param>
/// <param name="Supervised">Under supervision (挂牌督办).</param>
public sealed record SheetHazard(long EnterpriseId, string Level, string Description, DateOnly FoundOn, DateOnly Deadline, int? DaysOverdue, bool Supervised);

/// <summary>SQL behind the planner endpoints.</summary>
public static class RoutingQueries
{
    /// <summary>
    /// Solver priority of an optional stop from its risk score: 1 + ⌊score / 10⌋, clamped to 1 … 100. An enterprise
    /// with nothing open scores ≤ 35 (priority ≤ 4), an open general hazard adds 1, an overdue one 6, an open major
    /// hazard 40 and an overdue major one reaches 100; when not every optional stop fits, higher ones are kept.
    /// </summary>
    public static int Priority(double score) => (int)Math.Clamp(1 + Math.Floor(score / 10), Ranges.Priority.Min, Ranges.Priority.Max);

    /// <summary>
    /// Every enterprise matching <paramref name="filter"/> with its risk facts on the day, in one statement: open,
    /// overdue and supervised counts per level through <see cref="HazardSql"/> (hazards per enterprise through
    /// ix_hazards_enterprise_id_found_on) and the latest inspection on or before the day (ix_inspections_enterprise_id_date),
    /// and whether the district outline covers the point (<c>ST_Covers</c>). Unordered: rank with <see cref="RiskScore.Rank"/>.
    /// </summary>
    public static Task<List<EnterpriseRisk>> CandidatesAsync(NpgsqlDataSource dataSource, CandidateFilter filter, CancellationToken cancellationToken)
    {
        var where = new List<string>
        {
            filter.IncludeUnplaced ? "(t.district_code = @district OR e.township_code IS NULL)" : "t.district_code = @district",
        };
        if (filter.Townships is not null) where.Add("e.township_code = ANY(@townships)");
        if (filter.Scope is not null) where.Add("e.township_code = ANY(@scope)");
        if (filter.Sectors is not null) where.Add("e.sector = ANY(@sectors)");
        if (filter.AboveScale is { } above) where.Add(above ? "e.above_scale" : "NOT e.above_scale");
        where.Add(HazardSql.OpenLevelIs(filter.OpenHazardLevel, "o.open_major", "o.open_general"));
        if (filter.Overdue is { } overdue) where.Add(overdue ? "o.overdue_major + o.overdue_general > 0" : "o.overdue_major + o.overdue_general = 0");
        if (filter.Supervised is { } supervised) where.Add(supervised ? "o.supervised_major > 0" : "o.supervised_major = 0");
        if (filter.NotInspectedForDays is not null) where.Add("(i.last_inspected IS NULL OR i.last_inspected <= @as_of - @not_inspected_days)");
        return QueryAsync(dataSource, string.Join("\n  AND ", where), filter.District, filter.AsOf, p =>
        {
            p.TextArray("townships", filter.Townships);
            p.TextArray("scope", filter.Scope);
            p.TextArray("sectors", filter.Sectors);
            p.AddWithValue("not_inspected_days", filter.NotInspectedForDays ?? 0);
        }, cancellationToken);
    }

    /// <summary>
    /// The enterprises with the given ids (any township, no scope applied: the caller checks it to answer 403) with the
    /// same facts as <see cref="CandidatesAsync"/>; ids that do not exist are missing from the result.
    /// </summary>
    public static Task<List<EnterpriseRisk>> ByIdsAsync(NpgsqlDataSource dataSource, IReadOnlyCollection<long> ids, string district, DateOnly asOf,
        CancellationToken cancellationToken)
        => QueryAsync(dataSource, "e.id = ANY(@ids)", district, asOf, p => p.AddWithValue("ids", ids.ToArray()), cancellationToken);

    private static Task<List<EnterpriseRisk>> QueryAsync(NpgsqlDataSource dataSource, string where, string district, DateOnly asOf,
        Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken)
        => Sql.QueryAsync(dataSource, $"""
            SELECT e.id, e.sector, e.above_scale, o.open_major, o.overdue_major, o.supervised_major, o.open_general, o.overdue_general,
                i.last_inspected, e.name, e.credit_code, e.address, e.township_code, t.name AS township_name,
                ST_X(e.location) AS longitude, ST_Y(e.location) AS latitude, coalesce(ST_Covers(d.boundary, e.location), false) AS in_district,
                e.location_quality <> 0 AS questionable_location
            FROM enterprises e
            LEFT JOIN townships t ON t.code = e.township_code
            LEFT JOIN districts d ON d.code = @district
            CROSS JOIN LATERAL (
                SELECT count(*) FILTER (WHERE h.level = 'Major')::int AS open_major,
                    count(*) FILTER (WHERE h.level = 'Major' AND {HazardSql.DeadlineAsOf("h", "@as_of")} < @as_of)::int AS overdue_major,
                    count(*) FILTER (WHERE h.level = 'Major' AND h.supervised)::int AS supervised_major,
                    count(*) FILTER (WHERE h.level = 'General')::int AS open_general,
                    count(*) FILTER (WHERE h.level = 'General' AND {HazardSql.DeadlineAsOf("h", "@as_of")} < @as_of)::int AS overdue_general
                FROM hazards h
                WHERE h.enterprise_id = e.id AND {HazardSql.OpenAsOf("h", "@as_of")}
            ) o
            CROSS JOIN LATERAL (
                SELECT max(x.date) AS last_inspected FROM inspections x WHERE x.enterprise_id = e.id AND x.date <= @as_of
            ) i
            WHERE {where}
            """,
            p =>
            {
                p.Text("district", district);
                p.Date("as_of", asOf);
                bind(p);
            },
            r => new EnterpriseRisk(
                new RiskCandidate(r.Get<long>("id"), r.Get<string>("sector"), r.Get<bool>("above_scale"), r.Get<int>("open_major"),
                    r.Get<int>("overdue_major"), r.Get<int>("supervised_major"), r.Get<int>("open_general"), r.Get<int>("overdue_general"),
                    r.Nullable<DateOnly>("last_inspected")),
                r.Get<string>("name"), r.Get<string>("credit_code"), r.NullableString("address"), r.NullableString("township_code"),
                r.NullableString("township_name"), r.Get<double>("longitude"), r.Get<double>("latitude"), r.Get<bool>("in_district"),
                r.Get<bool>("questionable_location")),
            cancellationToken);

    /// <summary>
    /// Open hazards on <paramref name="asOf"/> of the given enterprises for the visit sheet, per enterprise major first,
    /// then by deadline in force (<see cref="HazardSql"/>; hazards per enterprise through ix_hazards_enterprise_id_found_on).
    /// </summary>
    public static Task<List<SheetHazard>> OpenHazardsAsync(NpgsqlDataSource dataSource, IReadOnlyCollection<long> enterpriseIds, DateOnly asOf,
        CancellationToken cancellationToken)
        => Sql.QueryAsync(dataSource, $"""
            SELECT h.enterprise_id, h.level, h.description, h.found_on, {HazardSql.DeadlineAsOf("h", "@as_of")} AS deadline_as_of,
                CASE WHEN {HazardSql.OverdueAsOf("h", "@as_of")} THEN {HazardSql.DaysOverdue("h", "@as_of")} END AS days_overdue, h.supervised
            FROM hazards h
            WHERE h.enterprise_id = ANY(@ids) AND {HazardSql.OpenAsOf("h", "@as_of")}
            ORDER BY h.enterprise_id, h.level = 'Major' DESC, deadline_as_of, h.id
            """,
            p =>
            {
                p.AddWithValue("ids", enterpriseIds.ToArray());
                p.Date("as_of", asOf);
            },
            r => new SheetHazard(r.Get<long>("enterprise_id"), r.Get<string>("level"), r.Get<string>("description"), r.Get<DateOnly>("found_on"),
                r.Get<DateOnly>("deadline_as_of"), r.Nullable<int>("days_overdue"), r.Get<bool>("supervised")),
            cancellationToken);
}
