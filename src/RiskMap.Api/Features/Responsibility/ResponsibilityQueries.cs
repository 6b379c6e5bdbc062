using Npgsql;

namespace RiskMap.Api.Features.Responsibility;

/// <summary>SQL behind the responsibility view.</summary>
public static class ResponsibilityQueries
{
    /// <summary>The area and day of a view.</summary>
    /// <param name="District">District code.</param>
    /// <param name="Township">One township, or null.</param>
    /// <param name="AsOf">The day.</param>
    /// <param name="Scope">Townships the caller may read, or null for all.</param>
    public sealed record Area(string District, string? Township, DateOnly AsOf, string[]? Scope);

    /// <summary>A township with its leaders and chiefs.</summary>
    /// <param name="Code">Code.</param>
    /// <param name="Name">Name.</param>
    /// <param name="Leaders">Covering leaders as (name, title), by name.</param>
    /// <param name="Chiefs">Chiefs' display names, by name.</param>
    public sealed record TownshipRow(string Code, string Name, IReadOnlyList<(string Name, string? Title)> Leaders, IReadOnlyList<string> Chiefs);

    /// <summary>An enterprise with its department and figures.</summary>
    /// <param name="Node">The enterprise as served.</param>
    /// <param name="Department">Its department code.</param>
    public sealed record EnterpriseRow(EnterpriseNode Node, string? Department);

    /// <summary>
    /// The townships of the area by code, each with its covering leaders (leader_assignments) and chiefs (users with the
    /// TownshipChief role bound to it through user_townships; display name, else user name).
    /// </summary>
    public static async Task<List<TownshipRow>> TownshipsAsync(NpgsqlDataSource dataSource, Area area, CancellationToken cancellationToken)
    {
        var leaders = await Sql.QueryAsync(dataSource, $"""
            SELECT la.township_code, la.leader_name, la.leader_title
            FROM leader_assignments la JOIN townships t ON t.code = la.township_code
            WHERE {AreaFilter} ORDER BY la.leader_name, la.township_code
            """, p => Bind(p, area),
            r => (Township: r.Get<string>("township_code"), Name: r.Get<string>("leader_name"), Title: r.NullableString("leader_title")),
            cancellationToken);
        var chiefs = await Sql.QueryAsync(dataSource, $"""
            SELECT ut.township_code, coalesce(u.display_name, u.user_name) AS chief
            FROM user_townships ut
            JOIN townships t ON t.code = ut.township_code
            JOIN users u ON u.id = ut.user_id
            WHERE {AreaFilter}
              AND EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id AND r.name = @chief_role)
            ORDER BY chief
            """, p =>
            {
                Bind(p, area);
                p.Text("chief_role", Accounts.Roles.TownshipChief);
            },
            r => (Township: r.Get<string>("township_code"), Name: r.Get<string>("chief")), cancellationToken);
        return await Sql.QueryAsync(dataSource, $"SELECT t.code, t.name FROM townships t WHERE {AreaFilter} ORDER BY t.code",
            p => Bind(p, area),
            r =>
            {
                var code = r.Get<string>("code");
                return new TownshipRow(code, r.Get<string>("name"),
                    [.. leaders.Where(l => l.Township == code).Select(l => (l.Name, l.Title))],
                    [.. chiefs.Where(c => c.Township == code).Select(c => c.Name)]);
            },
            cancellationToken);
    }

    /// <summary>Departments (code, name) by code.</summary>
    public static Task<List<(string Code, string Name)>> DepartmentsAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
        => Sql.QueryAsync(dataSource, "SELECT code, name FROM departments ORDER BY code", _ => { },
            r => (r.Get<string>("code"), r.Get<string>("name")), cancellationToken);

    /// <summary>
    /// The enterprises located in the area's townships, each with its covering department (enterprises.department_code,
    /// else the department of its sector in the sector definitions), its major hazards open and overdue on the day
    /// (<see cref="HazardSql"/>), its latest inspection on or before the day (ix_inspections_enterprise_id_date) and the
    /// responsible person of its latest hazard found by then that names one (ix_hazards_enterprise_id_found_on);
    /// ordered by township, then name.
    /// </summary>
    public static Task<List<EnterpriseRow>> EnterprisesAsync(NpgsqlDataSource dataSource, Area area, CancellationToken cancellationToken)
        => Sql.QueryAsync(dataSource, $"""
            WITH sector_department AS (
                SELECT * FROM unnest(@sector_codes::text[], @sector_departments::text[]) AS s(sector, department)
            )
            SELECT e.id, e.name, e.credit_code, e.sector, t.code AS township_code, t.name AS township_name,
                coalesce(e.department_code, sd.department) AS department,
                coalesce(hz.open_major, 0) AS open_major, coalesce(hz.overdue_major, 0) AS overdue_major,
                (SELECT max(i.date) FROM inspections i WHERE i.enterprise_id = e.id AND i.date <= @as_of) AS last_inspection,
                (SELECT h.responsible_person FROM hazards h
                 WHERE h.enterprise_id = e.id AND h.found_on <= @as_of AND h.responsible_person IS NOT NULL AND h.responsible_person <> ''
                 ORDER BY h.found_on DESC, h.id DESC LIMIT 1) AS responsible_person
            FROM enterprises e
            JOIN townships t ON t.code = e.township_code
            LEFT JOIN sector_department sd ON sd.sector = e.sector
            LEFT JOIN (
                SELECT h.enterprise_id, count(*)::int AS open_major,
                    count(*) FILTER (WHERE {HazardSql.OverdueAsOf("h", "@as_of")})::int AS overdue_major
                FROM hazards h JOIN townships t ON t.code = h.township_code
                WHERE {AreaFilter} AND h.level = 'Major' AND {HazardSql.OpenAsOf("h", "@as_of")}
                GROUP BY h.enterprise_id
            ) hz ON hz.enterprise_id = e.id
            WHERE {AreaFilter}
            ORDER BY t.code, e.name, e.id
            """,
            p =>
            {
                Bind(p, area);
                p.TextArray("sector_codes", [.. Domain.Sector.All.Select(s => s.Code)]);
                p.TextArray("sector_departments", [.. Domain.Sector.All.Select(s => s.Department.Code)]);
            },
            r => new EnterpriseRow(new EnterpriseNode(r.Get<long>("id"), r.Get<string>("name"), r.Get<string>("credit_code"), r.Get<string>("sector"),
                    r.Get<string>("township_code"), r.Get<string>("township_name"), r.NullableString("responsible_person"),
                    new ResponsibilityFigures(1, r.Get<int>("open_major"), r.Get<int>("overdue_major"), r.Nullable<DateOnly>("last_inspection"))),
                r.NullableString("department")),
            cancellationToken);

    // The area over a townships alias t: the district, the one township asked for, the caller's townships.
    private const string AreaFilter = """
        t.district_code = @district AND (@township::text IS NULL OR t.code = @township) AND (@scope::text[] IS NULL OR t.code = ANY(@scope))
        """;

    private static void Bind(NpgsqlParameterCollection p, Area area)
    {
        p.Text("district", area.District);
        p.Text("township", area.Township);
        p.TextArray("scope", area.Scope);
        p.Date("as_of", area.AsOf);
    }
}
