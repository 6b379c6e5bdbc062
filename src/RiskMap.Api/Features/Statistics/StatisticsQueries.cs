using Npgsql;

namespace RiskMap.Api.Features.Statistics;

/// <summary>SQL behind the statistics endpoints: one query text computes the campaign figures for any set of periods.</summary>
public static class StatisticsQueries
{
    /// <summary>
    /// Computes the campaign figures for enterprises located in <paramref name="district"/> (or one of its
    /// townships) over [<paramref name="from"/>, <paramref name="to"/>], in one round trip.
    /// </summary>
    /// <remarks>The counting rules are those of <see cref="FiguresSql"/>, over the one period.</remarks>
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
        var area = new FiguresArea(district, township, sector is null ? null : [sector], scope);
        var rows = await FiguresAsync(dataSource, area, OnePeriod, null, p => { p.Date("from", from); p.Date("to", to); }, cancellationToken);
        return Response(district, township, sector, from, to, rows[0].Figures) with { HazardSplit = rows[0].HazardSplit };
    }

    /// <summary>
    /// The figures of [<paramref name="from"/>, <paramref name="to"/>] for each group of <paramref name="by"/> in one query:
    /// <c>township</c>, each township of <paramref name="area"/> (named); <c>sector</c>, each sector (or those of the area's
    /// filter). Each group's figures equal <see cref="GetAsync"/> for that township or sector (same query text).
    /// </summary>
    /// <returns>One row per group, ordered by group code.</returns>
    public static Task<List<PeriodFiguresRow>> GroupsAsync(NpgsqlDataSource dataSource, FiguresArea area, DateOnly from, DateOnly to,
        string by, CancellationToken cancellationToken)
        => FiguresAsync(dataSource, area, OnePeriod, by, p => { p.Date("from", from); p.Date("to", to); }, cancellationToken);

    /// <summary>The statistics endpoint's answer for figures <paramref name="f"/> of the area and period named.</summary>
    public static StatisticsResponse Response(string district, string? township, string? sector, DateOnly from, DateOnly to, PeriodFigures f)
        => new(district, township, sector, from, to, f.InspectionGroups, f.InspectorVisits, f.EnterprisesInspected,
            f.AboveScaleEnterprisesInspected, f.GeneralHazards, f.MajorHazards, f.EnforcementDocuments, f.ReminderInterviews,
            f.EnterprisesWithCases, f.FinesYuan, f.OpenAtEnd);

    /// <summary>
    /// The figures of every interval of <paramref name="interval"/> (calendar months, quarters or years) that meets
    /// [<paramref name="from"/>, <paramref name="to"/>], clipped to it, and of the intervals the changes compare them with
    /// (<see cref="SeriesPeriods"/>), per group of <paramref name="by"/>: all in one query.
    /// </summary>
    /// <param name="dataSource">Data source.</param>
    /// <param name="area">District, township, sectors and scope.</param>
    /// <param name="from">First day.</param>
    /// <param name="to">Last day.</param>
    /// <param name="interval">month, quarter or year.</param>
    /// <param name="by">null (one series), <c>township</c> or <c>sector</c>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Rows ordered by group, then by period.</returns>
    public static Task<List<PeriodFiguresRow>> SeriesAsync(NpgsqlDataSource dataSource, FiguresArea area, DateOnly from, DateOnly to,
        string interval, string? by, CancellationToken cancellationToken)
        => FiguresAsync(dataSource, area, SeriesPeriods, by, p =>
        {
            p.Date("from", from);
            p.Date("to", to);
            p.Text("unit", interval);
            p.Text("step", interval == "quarter" ? "3 months" : "1 " + interval); // interval input knows no quarters
        }, cancellationToken);

    /// <summary>
    /// The periods of a series (<c>pid, from_day, to_day</c>, and for the requested intervals <c>ordinal</c> from 1 and the
    /// periods they are compared with): the calendar intervals (<c>date_trunc(@unit)</c>, steps of <c>@step</c> through
    /// <c>generate_series</c>) that meet [@from, @to], clipped to it; for each, the whole calendar interval before it
    /// (<c>prev_from, prev_to</c>: 环比) and the same days a year before (<c>yb_from, yb_to</c>: 同比; the day after its end a
    /// year back, minus a day, so that February 2021 compares with the whole of February 2020). Each distinct period once.
    /// </summary>
    public const string SeriesPeriods = """
        WITH requested AS (
            SELECT (row_number() OVER (ORDER BY g))::int AS ordinal,
                greatest(g::date, @from) AS from_day, least((g + @step::interval)::date - 1, @to) AS to_day,
                (g - @step::interval)::date AS prev_from, g::date - 1 AS prev_to
            FROM generate_series(date_trunc(@unit, @from::timestamp), @to::timestamp, @step::interval) g
        ),
        compared AS (
            SELECT r.*, (r.from_day - interval '1 year')::date AS yb_from, ((r.to_day + 1) - interval '1 year')::date - 1 AS yb_to
            FROM requested r
        ),
        wanted AS (
            SELECT from_day, to_day, ordinal, prev_from, prev_to, yb_from, yb_to FROM compared
            UNION ALL SELECT prev_from, prev_to, NULL, NULL, NULL, NULL, NULL FROM compared
            UNION ALL SELECT yb_from, yb_to, NULL, NULL, NULL, NULL, NULL FROM compared
        )
        SELECT (row_number() OVER (ORDER BY from_day, to_day))::int AS pid, from_day, to_day, max(ordinal) AS ordinal,
            max(prev_from) AS prev_from, max(prev_to) AS prev_to, max(yb_from) AS yb_from, max(yb_to) AS yb_to
        FROM wanted
        GROUP BY from_day, to_day
        """;

    /// <summary>
    /// The campaign figures of each period of <paramref name="periodsSql"/> (a query of <c>pid, from_day, to_day</c>),
    /// per group of <paramref name="by"/>. The counting rules live here once (../shared/DOMAIN.md); see
    /// <see cref="FiguresSql"/>.
    /// </summary>
    private static async Task<List<PeriodFiguresRow>> FiguresAsync(NpgsqlDataSource dataSource, FiguresArea area, string periodsSql,
        string? by, Action<NpgsqlParameterCollection> bindPeriods, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(FiguresSql(periodsSql, by));
        BindArea(command.Parameters, area);
        bindPeriods(command.Parameters);
        return await Sql.QueryAsync(command, r => new PeriodFiguresRow(
            r.NullableString("grp"), r.NullableString("grp_name"), r.Get<DateOnly>("from_day"), r.Get<DateOnly>("to_day"),
            r.Nullable<int>("ordinal"), r.Nullable<DateOnly>("prev_from"), r.Nullable<DateOnly>("prev_to"),
            r.Nullable<DateOnly>("yb_from"), r.Nullable<DateOnly>("yb_to"),
            new PeriodFigures(
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
                OpenAtEnd: new Townships.HazardCounts(r.Get<int>("open_major_at_end"), r.Get<int>("open_general_at_end"), r.Get<int>("overdue_at_end"))))
            {
                HazardSplit = new HazardSplitFigures(
                    HazardFigures.From(r.Get<int>("department_found"), r.Get<int>("department_rectified")),
                    HazardFigures.From(r.Get<int>("self_report_found"), r.Get<int>("self_report_rectified")),
                    HazardFigures.From(r.Get<int>("tip_found"), r.Get<int>("tip_rectified")),
                    HazardFigures.From(r.Get<int>("other_found"), r.Get<int>("other_rectified")),
                    HazardFigures.From(r.Get<int>("supervised_found"), r.Get<int>("supervised_rectified"))),
            },
            cancellationToken);
    }

    /// <summary>
    /// The records every figure counts, as common table expressions over <c>periods</c> (<c>pid, from_day, to_day</c>) and
    /// the area's parameters (<see cref="BindArea"/>): <c>area</c> (the area's enterprises), <c>inspected</c>, <c>found</c>,
    /// <c>enforcement</c> and <c>open_at_end</c>, each row with its period, group (<paramref name="by"/>), <c>id</c> and row
    /// version (<c>xmin</c>, which changes with every UPDATE). One definition of what counts, for the figures and for
    /// whatever must name the records behind them (the bulletin's fingerprint).
    /// </summary>
    private static string RecordsSql(string? by)
    {
        string Group(string enterpriseSector) => by switch
        {
            "township" => "a.township",
            "sector" => enterpriseSector,
            _ => "NULL::text",
        };
        return $"""
            area AS (
                SELECT e.id, e.sector, e.above_scale, t.code AS township
                FROM enterprises e
                JOIN townships t ON t.code = e.township_code
                WHERE t.district_code = @district
                  AND (@township::text IS NULL OR t.code = @township)
                  AND (@scope::text[] IS NULL OR t.code = ANY(@scope))
            ),
            inspected AS (
                SELECT p.pid, {Group("a.sector")} AS grp, i.id, i.xmin, i.enterprise_id, i.inspection_group, i.inspector_visits, a.above_scale
                FROM periods p
                JOIN inspections i ON i.date BETWEEN p.from_day AND p.to_day
                JOIN area a ON a.id = i.enterprise_id
                WHERE (@sectors::text[] IS NULL OR a.sector = ANY(@sectors))
            ),
            found AS (
                SELECT p.pid, {Group("h.sector")} AS grp, h.id, h.xmin, h.enterprise_id, h.level, riskmap_hazard_open_until(h) <= p.to_day AS rectified,
                    h.source, h.supervised
                FROM periods p
                JOIN hazards h ON h.found_on BETWEEN p.from_day AND p.to_day
                JOIN area a ON a.id = h.enterprise_id
                WHERE (@sectors::text[] IS NULL OR h.sector = ANY(@sectors))
            ),
            enforcement AS (
                SELECT p.pid, {Group("a.sector")} AS grp, x.id, x.xmin, x.kind, x.enterprise_id, x.amount_yuan
                FROM periods p
                JOIN enforcement_actions x ON x.date BETWEEN p.from_day AND p.to_day
                JOIN area a ON a.id = x.enterprise_id
                WHERE (@sectors::text[] IS NULL OR a.sector = ANY(@sectors))
            ),
            open_at_end AS (
                SELECT p.pid, {Group("h.sector")} AS grp, h.id, h.xmin, h.enterprise_id, h.level, {HazardSql.DeadlineAsOf("h", "p.to_day")} < p.to_day AS overdue
                FROM periods p
                JOIN hazards h ON {HazardSql.OpenAsOf("h", "p.to_day")}
                JOIN area a ON a.id = h.enterprise_id
                WHERE (@sectors::text[] IS NULL OR h.sector = ANY(@sectors))
            )
            """;
    }

    /// <summary>The one period [@from, @to] as <see cref="FiguresSql"/>'s periods query.</summary>
    private const string OnePeriod =
        "SELECT 1 AS pid, @from::date AS from_day, @to::date AS to_day, 1 AS ordinal, NULL::date AS prev_from, NULL::date AS prev_to, NULL::date AS yb_from, NULL::date AS yb_to";

    /// <summary>
    /// The records behind the figures of one period [@from, @to], ungrouped: a <c>WITH</c> list ending with the CTEs of
    /// <see cref="RecordsSql"/>, to be followed by a query over them; parameters bound by <see cref="BindRecords"/>.
    /// </summary>
    internal static readonly string Records = $"""
        WITH periods AS ({OnePeriod}),
        {RecordsSql(null)}
        """;

    /// <summary>Binds the parameters of <see cref="Records"/>: the area (<see cref="BindArea"/>), <c>@from</c> and <c>@to</c>.</summary>
    internal static void BindRecords(NpgsqlParameterCollection parameters, string district, string? township, string? sector,
        DateOnly from, DateOnly to, string[]? scope)
    {
        BindArea(parameters, new FiguresArea(district, township, sector is null ? null : [sector], scope));
        parameters.Date("from", from);
        parameters.Date("to", to);
    }

    /// <summary>Binds <c>@district</c>, <c>@township</c>, <c>@sectors</c>, <c>@scope</c> and <c>@all_sectors</c> (every sector code) of <paramref name="area"/>.</summary>
    private static void BindArea(NpgsqlParameterCollection parameters, FiguresArea area)
    {
        parameters.AddWithValue("district", area.District);
        parameters.Text("township", area.Township);
        parameters.TextArray("sectors", area.Sectors);
        parameters.TextArray("scope", area.Scope);
        parameters.TextArray("all_sectors", Domain.Sector.All.Select(s => s.Code).ToArray());
    }

    /// <summary>
    /// The one query text of the campaign figures, for the periods of <paramref name="periodsSql"/> and the groups of
    /// <paramref name="by"/> (null: one group; <c>township</c>: each township of the area, named; <c>sector</c>: each
    /// sector, or those of the filter).
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
    /// A sector filter (and a sector group) applies to the enterprise's sector for inspections and enforcement and to the
    /// hazard's sector for hazards. Every subquery is driven by the date indexes (ix_inspections_date,
    /// ix_hazards_found_on, ix_enforcement_actions_date_kind, ix_hazards_open_until for the state at each period's end)
    /// and joins the area through ix_enterprises_township_code_sector. Each period and group is aggregated once
    /// (GROUP BY pid, grp) and every period × group gets a row, zeros where nothing happened.
    /// </remarks>
    internal static string FiguresSql(string periodsSql, string? by)
    {
        var groups = by switch
        {
            "township" => """
                SELECT t.code AS grp, t.name AS grp_name FROM townships t
                WHERE t.district_code = @district AND (@township::text IS NULL OR t.code = @township)
                  AND (@scope::text[] IS NULL OR t.code = ANY(@scope))
                """,
            "sector" => "SELECT s AS grp, NULL::text AS grp_name FROM unnest(coalesce(@sectors::text[], @all_sectors::text[])) s",
            _ => "SELECT NULL::text AS grp, NULL::text AS grp_name",
        };
        return $"""
            WITH periods AS (
            {periodsSql}
            ),
            groups AS (
            {groups}
            ),
            {RecordsSql(by)},
            inspected_totals AS (
                SELECT pid, grp,
                    count(DISTINCT inspection_group) AS inspection_groups,
                    coalesce(sum(inspector_visits), 0) AS inspector_visits,
                    count(DISTINCT enterprise_id) AS enterprises_inspected,
                    count(DISTINCT enterprise_id) FILTER (WHERE above_scale) AS above_scale_inspected
                FROM inspected GROUP BY pid, grp
            ),
            found_totals AS (
                SELECT pid, grp,
                    count(*) FILTER (WHERE level = 'General') AS general_found,
                    count(*) FILTER (WHERE level = 'General' AND rectified) AS general_rectified,
                    count(*) FILTER (WHERE level = 'Major') AS major_found,
                    count(*) FILTER (WHERE level = 'Major' AND rectified) AS major_rectified,
                    count(*) FILTER (WHERE source = 'DepartmentInspection') AS department_found,
                    count(*) FILTER (WHERE source = 'DepartmentInspection' AND rectified) AS department_rectified,
                    count(*) FILTER (WHERE source = 'EnterpriseSelfReport') AS self_report_found,
                    count(*) FILTER (WHERE source = 'EnterpriseSelfReport' AND rectified) AS self_report_rectified,
                    count(*) FILTER (WHERE source = 'PublicTip') AS tip_found,
                    count(*) FILTER (WHERE source = 'PublicTip' AND rectified) AS tip_rectified,
                    count(*) FILTER (WHERE source = 'Other') AS other_found,
                    count(*) FILTER (WHERE source = 'Other' AND rectified) AS other_rectified,
                    count(*) FILTER (WHERE supervised) AS supervised_found,
                    count(*) FILTER (WHERE supervised AND rectified) AS supervised_rectified
                FROM found GROUP BY pid, grp
            ),
            enforcement_totals AS (
                SELECT pid, grp,
                    count(*) FILTER (WHERE kind = 'Document') AS documents,
                    count(*) FILTER (WHERE kind = 'Interview') AS interviews,
                    count(DISTINCT enterprise_id) FILTER (WHERE kind = 'Case') AS enterprises_with_cases,
                    coalesce(sum(amount_yuan) FILTER (WHERE kind = 'Fine'), 0) AS fines_yuan
                FROM enforcement GROUP BY pid, grp
            ),
            open_totals AS (
                SELECT pid, grp,
                    count(*) FILTER (WHERE level = 'Major') AS open_major_at_end,
                    count(*) FILTER (WHERE level = 'General') AS open_general_at_end,
                    count(*) FILTER (WHERE overdue) AS overdue_at_end
                FROM open_at_end GROUP BY pid, grp
            )
            SELECT g.grp, g.grp_name, p.from_day, p.to_day, p.ordinal, p.prev_from, p.prev_to, p.yb_from, p.yb_to,
                coalesce(it.inspection_groups, 0)::int AS inspection_groups,
                coalesce(it.inspector_visits, 0)::int AS inspector_visits,
                coalesce(it.enterprises_inspected, 0)::int AS enterprises_inspected,
                coalesce(it.above_scale_inspected, 0)::int AS above_scale_inspected,
                coalesce(ft.general_found, 0)::int AS general_found,
                coalesce(ft.general_rectified, 0)::int AS general_rectified,
                coalesce(ft.major_found, 0)::int AS major_found,
                coalesce(ft.major_rectified, 0)::int AS major_rectified,
                coalesce(ft.department_found, 0)::int AS department_found,
                coalesce(ft.department_rectified, 0)::int AS department_rectified,
                coalesce(ft.self_report_found, 0)::int AS self_report_found,
                coalesce(ft.self_report_rectified, 0)::int AS self_report_rectified,
                coalesce(ft.tip_found, 0)::int AS tip_found,
                coalesce(ft.tip_rectified, 0)::int AS tip_rectified,
                coalesce(ft.other_found, 0)::int AS other_found,
                coalesce(ft.other_rectified, 0)::int AS other_rectified,
                coalesce(ft.supervised_found, 0)::int AS supervised_found,
                coalesce(ft.supervised_rectified, 0)::int AS supervised_rectified,
                coalesce(et.documents, 0)::int AS documents,
                coalesce(et.interviews, 0)::int AS interviews,
                coalesce(et.enterprises_with_cases, 0)::int AS enterprises_with_cases,
                coalesce(et.fines_yuan, 0)::numeric AS fines_yuan,
                coalesce(ot.open_major_at_end, 0)::int AS open_major_at_end,
                coalesce(ot.open_general_at_end, 0)::int AS open_general_at_end,
                coalesce(ot.overdue_at_end, 0)::int AS overdue_at_end
            FROM periods p
            CROSS JOIN groups g
            LEFT JOIN inspected_totals it ON it.pid = p.pid AND it.grp IS NOT DISTINCT FROM g.grp
            LEFT JOIN found_totals ft ON ft.pid = p.pid AND ft.grp IS NOT DISTINCT FROM g.grp
            LEFT JOIN enforcement_totals et ON et.pid = p.pid AND et.grp IS NOT DISTINCT FROM g.grp
            LEFT JOIN open_totals ot ON ot.pid = p.pid AND ot.grp IS NOT DISTINCT FROM g.grp
            ORDER BY g.grp NULLS FIRST, p.from_day, p.to_day
            """;
    }
}

/// <summary>The area the figures cover.</summary>
/// <param name="District">6-digit district code.</param>
/// <param name="Township">9-digit township code, or null for the whole district.</param>
/// <param name="Sectors">Sector codes, or null for all.</param>
/// <param name="Scope">Townships the caller may read (null: all); figures cover only those.</param>
public sealed record FiguresArea(string District, string? Township, IReadOnlyCollection<string>? Sectors, string[]? Scope);

/// <summary>One row of <see cref="StatisticsQueries.SeriesAsync"/>: a group's figures for one period.</summary>
/// <param name="Group">Township or sector code of the group; null when not grouped.</param>
/// <param name="GroupName">Township name when grouped by township.</param>
/// <param name="From">First day of the period.</param>
/// <param name="To">Last day of the period.</param>
/// <param name="Ordinal">1-based position of a requested interval; null for a period only compared with.</param>
/// <param name="PreviousFrom">First day of the interval before a requested one (环比).</param>
/// <param name="PreviousTo">Last day of the interval before.</param>
/// <param name="YearBeforeFrom">First day of the same days a year before (同比).</param>
/// <param name="YearBeforeTo">Last day of the same days a year before.</param>
/// <param name="Figures">The figures.</param>
public sealed record PeriodFiguresRow(string? Group, string? GroupName, DateOnly From, DateOnly To, int? Ordinal,
    DateOnly? PreviousFrom, DateOnly? PreviousTo, DateOnly? YearBeforeFrom, DateOnly? YearBeforeTo, PeriodFigures Figures)
{
    /// <summary>The period's hazards split by source and by supervision.</summary>
    public HazardSplitFigures? HazardSplit { get; init; }
}
