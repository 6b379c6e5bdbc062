using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using RiskMap.Api.Features.Statistics;

namespace RiskMap.Api.Features.Reports;

/// <summary>The parameters of one bulletin: its area (district, one township or the caller's townships) and period.</summary>
/// <param name="District">6-digit district code.</param>
/// <param name="Township">9-digit township code, or null for the district.</param>
/// <param name="From">First day (inclusive).</param>
/// <param name="To">Last day (inclusive).</param>
/// <param name="Scope">Townships the caller may read (null: all); the bulletin covers only those.</param>
public sealed record BulletinArea(string District, string? Township, DateOnly From, DateOnly To, string[]? Scope);

/// <summary>A major hazard open at the period's end that is overdue or under supervision (挂牌督办), as the bulletin lists it.</summary>
/// <param name="Id">Hazard id.</param>
/// <param name="Reference">Its reference, e.g. HZ-2020-000123.</param>
/// <param name="Enterprise">Enterprise name.</param>
/// <param name="Township">Township name.</param>
/// <param name="Sector">Sector code.</param>
/// <param name="Description">What is wrong.</param>
/// <param name="FoundOn">Day found.</param>
/// <param name="Deadline">Deadline in force on the period's last day.</param>
/// <param name="Overdue">Overdue on the period's last day.</param>
/// <param name="Supervised">Under supervision.</param>
/// <param name="ResponsiblePerson">Person responsible for rectification, when recorded.</param>
public sealed record ListedHazard(long Id, string? Reference, string Enterprise, string Township, string Sector, string Description,
    DateOnly FoundOn, DateOnly Deadline, bool Overdue, bool Supervised, string? ResponsiblePerson);

/// <summary>
/// SQL of the bulletin beyond the statistics endpoint's figures: the records behind the figures and their fingerprint,
/// the list of overdue and supervised major hazards, and the immutable publications. Every query starts from
/// <see cref="StatisticsQueries.Records"/>, so the records named are exactly the ones the figures count.
/// </summary>
public static class BulletinQueries
{
    /// <summary>
    /// The contributing rows as <c>contributing(kind, id, version)</c>: inspections, hazards found in the period or open at
    /// its end, enforcement actions, and the enterprises they belong to; version is the row's <c>xmin</c> (it changes with
    /// every UPDATE). A deadline extension rewrites its hazard's deadline, so the hazard's version covers it.
    /// </summary>
    private static readonly string Contributing = $"""
        {StatisticsQueries.Records},
        counted AS (
            SELECT 'inspection' AS kind, id, xmin::text AS version, enterprise_id FROM inspected
            UNION SELECT 'hazard', id, xmin::text, enterprise_id FROM found
            UNION SELECT 'hazard', id, xmin::text, enterprise_id FROM open_at_end
            UNION SELECT 'enforcement', id, xmin::text, enterprise_id FROM enforcement
        ),
        contributing AS (
            SELECT kind, id, version FROM counted
            UNION ALL
            SELECT 'enterprise', e.id, e.xmin::text FROM enterprises e WHERE e.id IN (SELECT enterprise_id FROM counted)
        )
        """;

    /// <summary>The fingerprint over <c>contributing</c> (see <see cref="FingerprintAsync"/>).</summary>
    private const string FingerprintSelect = """
        SELECT encode(sha256(convert_to(coalesce(string_agg(kind || ':' || id || ':' || version, ',' ORDER BY kind, id), ''), 'UTF8')), 'hex') AS sha256,
               count(*) FILTER (WHERE kind = 'enterprise')::int AS enterprises,
               count(*) FILTER (WHERE kind = 'inspection')::int AS inspections,
               count(*) FILTER (WHERE kind = 'hazard')::int AS hazards,
               count(*) FILTER (WHERE kind = 'enforcement')::int AS enforcement
        FROM contributing
        """;

    /// <summary>
    /// The fingerprint of the records behind the figures of <paramref name="area"/>: SHA-256 over
    /// <c>kind:id:version</c> of every contributing row, sorted by kind and id, joined by commas (PostgreSQL
    /// <c>sha256</c>, <c>string_agg</c>), and the number of rows of each kind.
    /// </summary>
    public static async Task<RecordFingerprint> FingerprintAsync(NpgsqlDataSource dataSource, BulletinArea area, CancellationToken cancellationToken)
    {
        var sql = $"""
            {Contributing}
            {FingerprintSelect}
            """;
        return (await Sql.QueryAsync(dataSource, sql, p => Bind(p, area), r => new RecordFingerprint(r.Get<string>("sha256"),
            r.Get<int>("enterprises"), r.Get<int>("inspections"), r.Get<int>("hazards"), r.Get<int>("enforcement")), cancellationToken))[0];
    }

    /// <summary>
    /// The major hazards open at the end of the period's last day that are overdue on it or supervised, from the
    /// <c>open_at_end</c> records of the figures (deadline in force and overdue by the as-of rules of <see cref="HazardSql"/>);
    /// overdue first, then by deadline and reference.
    /// </summary>
    public static async Task<List<ListedHazard>> OverdueAndSupervisedMajorAsync(NpgsqlDataSource dataSource, BulletinArea area,
        CancellationToken cancellationToken)
    {
        var sql = $"""
            {StatisticsQueries.Records}
            SELECT h.id, h.reference, e.name AS enterprise, t.name AS township, h.sector, h.description, h.found_on,
                   {HazardSql.DeadlineAsOf("h", "@to")} AS deadline, o.overdue, h.supervised, h.responsible_person
            FROM open_at_end o
            JOIN hazards h ON h.id = o.id
            JOIN enterprises e ON e.id = h.enterprise_id
            JOIN townships t ON t.code = e.township_code
            WHERE o.level = 'Major' AND (o.overdue OR h.supervised)
            ORDER BY o.overdue DESC, deadline, h.reference
            """;
        return await Sql.QueryAsync(dataSource, sql, p => Bind(p, area), r => new ListedHazard(r.Get<long>("id"), r.NullableString("reference"),
            r.Get<string>("enterprise"), r.Get<string>("township"), r.Get<string>("sector"), r.Get<string>("description"),
            r.Get<DateOnly>("found_on"), r.Get<DateOnly>("deadline"), r.Get<bool>("overdue"), r.Get<bool>("supervised"),
            r.NullableString("responsible_person")), cancellationToken);
    }

    /// <summary>
    /// Stores a publication and the version of every record behind it in one REPEATABLE READ transaction (tables
    /// <c>campaign_publications</c> and <c>campaign_publication_records</c>, which refuse UPDATE, DELETE and TRUNCATE:
    /// Data/Sql/riskmap_campaign_publications_are_immutable.sql) — unless the records' fingerprint in the transaction's
    /// snapshot is no longer <paramref name="expected"/> (the one taken before <paramref name="figures"/> were computed):
    /// then nothing is stored and the result is null, so that stored figures always belong to the stored records.
    /// </summary>
    /// <returns>The new publication's id and time, or null when the records changed meanwhile.</returns>
    public static async Task<(long Id, DateTimeOffset At)?> PublishAsync(NpgsqlDataSource dataSource, BulletinArea area,
        string publishedBy, BulletinFigures figures, RecordFingerprint expected, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var sql = $"""
            {Contributing},
            fingerprint AS ({FingerprintSelect}),
            publication AS (
                INSERT INTO campaign_publications (published_by, district_code, township_code, period_from, period_to, scope, figures,
                                                   sha256, enterprises, inspections, hazards, enforcement_actions)
                SELECT @by, @district, @township, @from, @to, @scope, @figures, sha256, enterprises, inspections, hazards, enforcement
                FROM fingerprint WHERE sha256 = @expected
                RETURNING id, published_at
            ),
            stored AS (
                INSERT INTO campaign_publication_records (publication_id, kind, record_id, version)
                SELECT p.id, c.kind, c.id, c.version FROM contributing c CROSS JOIN publication p
            )
            SELECT id, published_at FROM publication
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        Bind(command.Parameters, area);
        command.Parameters.AddWithValue("by", publishedBy);
        command.Parameters.AddWithValue("expected", expected.Sha256);
        command.Parameters.Add(new NpgsqlParameter("figures", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(figures, Json) });
        var rows = await Sql.QueryAsync(command, r => (r.Get<long>("id"), r.Get<DateTimeOffset>("published_at")), cancellationToken);
        if (rows.Count == 0) return null;
        await transaction.CommitAsync(cancellationToken);
        return rows[0];
    }

    /// <summary>The publication <paramref name="id"/> as stored, with the scope it was computed for; null when there is none.</summary>
    public static async Task<(Publication Publication, string[]? Scope)?> FindAsync(NpgsqlDataSource dataSource, long id, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT p.id, p.published_at, p.published_by, p.district_code, p.township_code, p.period_from, p.period_to, p.scope,
                   p.figures::text AS figures, p.sha256, p.enterprises, p.inspections, p.hazards, p.enforcement_actions
            FROM campaign_publications p
            WHERE p.id = @id
            """;
        var rows = await Sql.QueryAsync(dataSource, sql, p => p.AddWithValue("id", id), r => (new Publication(r.Get<long>("id"),
                r.Get<DateTimeOffset>("published_at"), r.Get<string>("published_by"), r.Get<string>("district_code"),
                r.NullableString("township_code"), r.Get<DateOnly>("period_from"), r.Get<DateOnly>("period_to"),
                new RecordFingerprint(r.Get<string>("sha256"), r.Get<int>("enterprises"), r.Get<int>("inspections"), r.Get<int>("hazards"),
                    r.Get<int>("enforcement_actions")),
                JsonSerializer.Deserialize<BulletinFigures>(r.Get<string>("figures"), Json)!),
            r.IsNull("scope") ? null : r.Get<string[]>("scope")), cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// The records behind <paramref name="area"/> today compared with those stored for publication <paramref name="id"/>:
    /// changed (same row, other version), added (contributes now only) and removed (contributed then only), by kind and
    /// id, with the record's reference (an enterprise's credit code) when the row still exists.
    /// </summary>
    public static async Task<List<RecordChange>> ChangedRecordsAsync(NpgsqlDataSource dataSource, long id, BulletinArea area,
        CancellationToken cancellationToken)
    {
        var sql = $"""
            {Contributing},
            published AS (SELECT kind, record_id AS id, version FROM campaign_publication_records WHERE publication_id = @id),
            changes AS (
                SELECT coalesce(c.kind, p.kind) AS kind, coalesce(c.id, p.id) AS id,
                       CASE WHEN p.id IS NULL THEN 'added' WHEN c.id IS NULL THEN 'removed' ELSE 'changed' END AS change
                FROM contributing c
                FULL JOIN published p ON p.kind = c.kind AND p.id = c.id
                WHERE c.version IS DISTINCT FROM p.version
            )
            SELECT x.kind, x.id, x.change,
                   CASE x.kind
                       WHEN 'hazard' THEN (SELECT reference FROM hazards WHERE id = x.id)
                       WHEN 'inspection' THEN (SELECT reference FROM inspections WHERE id = x.id)
                       WHEN 'enforcement' THEN (SELECT reference FROM enforcement_actions WHERE id = x.id)
                       ELSE (SELECT credit_code FROM enterprises WHERE id = x.id)
                   END AS reference
            FROM changes x
            ORDER BY x.kind, x.id
            """;
        return await Sql.QueryAsync(dataSource, sql, p => { Bind(p, area); p.AddWithValue("id", id); },
            r => new RecordChange(r.Get<string>("kind"), r.Get<long>("id"), r.NullableString("reference"), r.Get<string>("change")), cancellationToken);
    }

    /// <summary>The JSON form of stored figures (the API's: camel case).</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static void Bind(NpgsqlParameterCollection parameters, BulletinArea area)
        => StatisticsQueries.BindRecords(parameters, area.District, area.Township, null, area.From, area.To, area.Scope);
}
