using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace RiskMap.Api.Features.Ogc;

/// <summary>Filters of an items request; null members do not filter.</summary>
/// <param name="BoundingBox">CRS84 box, degrees.</param>
/// <param name="Sectors">Sector codes (enterprises, hazards).</param>
/// <param name="Levels">General and/or Major (hazards).</param>
/// <param name="Statuses">Open, Rectifying, Rectified and/or Closed: the status recorded now (hazards).</param>
/// <param name="Township">Township code (enterprises, hazards: of the enterprise).</param>
/// <param name="District">District code (townships).</param>
/// <param name="Scope">Readable township codes, null for every township.</param>
/// <param name="Period">The <c>datetime</c> days; filters collections with a <see cref="OgcCollectionDefinition.Temporal"/> only.</param>
public sealed record OgcFilter((double MinLon, double MinLat, double MaxLon, double MaxLat)? BoundingBox, IReadOnlyCollection<string>? Sectors,
    IReadOnlyCollection<string>? Levels, IReadOnlyCollection<string>? Statuses, string? Township, string? District, string[]? Scope,
    OgcPeriod? Period = null);

/// <summary>Where a page starts: after a feature id (keyset, what <c>next</c> links use) or at an offset.</summary>
/// <param name="After">Id of the last feature of the previous page, or null.</param>
/// <param name="Offset">Features to skip, used when <paramref name="After"/> is null.</param>
/// <param name="Limit">Features on the page.</param>
public sealed record OgcPage(string? After, int Offset, int Limit);

/// <summary>
/// One collection of the OGC API: how its features are selected and rendered as GeoJSON in SQL. Ids order the
/// features, so that keyset paging (<c>id &gt; after</c>) walks a collection exactly once.
/// </summary>
/// <param name="Id">Collection id in URLs.</param>
/// <param name="Title">Title.</param>
/// <param name="Description">Description, naming the properties and filters.</param>
/// <param name="NumericIds">True when ids are bigint (enterprises, hazards), false for township codes.</param>
/// <param name="Key">SQL of the id.</param>
/// <param name="From">FROM clause.</param>
/// <param name="Feature">SQL rendering one feature as GeoJSON text.</param>
/// <param name="Scope">SQL of the township column the caller's scope applies to.</param>
/// <param name="Bbox">SQL testing the bbox parameters.</param>
/// <param name="Filters">Which property filters the collection takes.</param>
/// <param name="Temporal">
/// SQL testing a feature's temporal geometry against the <c>datetime</c> days, given the parameter names of the first and
/// last day (null for an open end); null when the features have no temporal property, and then <c>datetime</c> matches
/// every feature (/req/core/fc-time-response C).
/// </param>
public sealed record OgcCollectionDefinition(string Id, string Title, string Description, bool NumericIds, string Key, string From,
    string Feature, string Scope, string Bbox, IReadOnlySet<string> Filters, Func<string?, string?, string>? Temporal = null);

/// <summary>The collections and the SQL that serves their items.</summary>
public static class OgcQueries
{
    private const string Envelope = "ST_MakeEnvelope(@min_lon, @min_lat, @max_lon, @max_lat, 4326)";

    /// <summary>
/// Township polygons, enterprise points and hazard points (at their enterprise), in that order. Only hazards have a
/// temporal geometry: their life, found_on through the day they were rectified or closed, open-ended while open
/// (<see cref="HazardSql.LifeOverlaps"/>), so that <c>datetime</c> answers "which hazards existed then", including those
/// found earlier and still open. found_on alone would answer "found in the period", a statistics question. The day of
/// rectification is part of the life, so <c>datetime=2020-06-30</c> also returns hazards rectified that day, which the
/// map's as-of view (status at the end of the day) no longer counts as open.
/// </summary>
    public static IReadOnlyList<OgcCollectionDefinition> Collections { get; } =
    [
        new("townships", "Townships (乡镇/街道)",
            "Township-level divisions as MultiPolygons. Properties: code, name, kind (Subdistrict, Town, Township), district, illustrative " +
            "(true for made-up boundaries). Filters: bbox, district; no temporal property, so datetime matches every township.",
            false, "t.code", "townships t",
            """
            '{"type":"Feature","id":' || to_json(t.code)::text || ',"geometry":' || ST_AsGeoJSON(ST_ForcePolygonCCW(t.boundary), 7)
                || ',"properties":' || json_build_object('code', t.code, 'name', t.name, 'kind', t.kind, 'district', t.district_code,
                    'illustrative', t.illustrative)::text || '}'
            """,
            "t.code", $"t.boundary && {Envelope} AND ST_Intersects(t.boundary, {Envelope})", new HashSet<string> { "district" }),
        new("enterprises", "Enterprises (生产经营单位)",
            "Enterprises as Points. Properties: name, creditCode, sector, aboveScale, address, township, department. " +
            "Filters: bbox, sector (comma-separated codes), township; no temporal property, so datetime matches every enterprise.",
            true, "e.id", "enterprises e",
            """
            '{"type":"Feature","id":' || e.id || ',"geometry":' || ST_AsGeoJSON(e.location, 7)
                || ',"properties":' || json_build_object('name', e.name, 'creditCode', e.credit_code, 'sector', e.sector,
                    'aboveScale', e.above_scale, 'address', e.address, 'township', e.township_code, 'department', e.department_code)::text || '}'
            """,
            "e.township_code", $"e.location && {Envelope}", new HashSet<string> { "sector", "township" }),
        new("hazards", "Hazards (隐患)",
            "Hazards as Points at their enterprise's location. Properties: reference, enterprise (id), enterpriseName, township, sector, " +
            "level (General, Major), status (recorded now: Open, Rectifying, Rectified, Closed), foundOn, deadline, rectifiedOn, closedOn, " +
            "supervised. Filters: bbox, sector, level, status (comma-separated), township, and datetime: the hazards whose life (foundOn " +
            "through the day rectified or closed, open-ended while open) overlaps the instant or interval, in China Standard Time days.",
            true, "h.id", "hazards h JOIN enterprises e ON e.id = h.enterprise_id",
            """
            '{"type":"Feature","id":' || h.id || ',"geometry":' || ST_AsGeoJSON(e.location, 7)
                || ',"properties":' || json_build_object('reference', h.reference, 'enterprise', e.id, 'enterpriseName', e.name,
                    'township', e.township_code, 'sector', h.sector, 'level', h.level, 'status', h.status, 'foundOn', h.found_on,
                    'deadline', h.deadline, 'rectifiedOn', h.rectified_on, 'closedOn', h.closed_on, 'supervised', h.supervised)::text || '}'
            """,
            "e.township_code", $"e.location && {Envelope}", new HashSet<string> { "sector", "level", "status", "township" },
            (from, to) => HazardSql.LifeOverlaps("h", from, to)),
    ];

    /// <summary>The collection named <paramref name="id"/>, or null.</summary>
    public static OgcCollectionDefinition? Find(string id) => Collections.FirstOrDefault(c => c.Id == id);

    /// <summary>
    /// A page of features of <paramref name="collection"/> as GeoJSON Feature texts, rendered in SQL (ST_AsGeoJSON,
    /// json_build_object), in id order, plus one more id when another page follows. The bbox uses the GiST indexes
    /// ix_townships_boundary / ix_enterprises_location (<c>&amp;&amp;</c>); keyset paging walks the primary keys.
    /// </summary>
    public static async Task<(List<(string Id, string Json)> Features, bool More)> ItemsAsync(NpgsqlDataSource dataSource,
        OgcCollectionDefinition collection, OgcFilter filter, OgcPage page, CancellationToken cancellationToken)
    {
        var (sql, bind) = ItemsSql(collection, filter, page);
        var rows = await Sql.QueryAsync(dataSource, sql, bind, r => (r.Get<object>("id").ToString()!, r.Get<string>("feature")), cancellationToken);
        var more = rows.Count > page.Limit;
        if (more) rows.RemoveAt(rows.Count - 1);
        return (rows, more);
    }

    /// <summary>The SQL and parameters of <see cref="ItemsAsync"/> (shared with the benchmark's baseline).</summary>
    public static (string Sql, Action<NpgsqlParameterCollection> Bind) ItemsSql(OgcCollectionDefinition collection, OgcFilter filter, OgcPage page)
    {
        var (where, bindWhere) = Where(collection, filter);
        if (page.After is not null) where.Add($"{collection.Key} > @after");
        // With a bbox, order by an expression of the key ("id + 0") so that PostgreSQL cannot walk the primary key
        // and filter each row by the box: ids follow districts, not space, so its uniform-spread estimate made it scan
        // hundreds of thousands of rows (0.5 s) for a box holding 3,000. The GiST index then finds the box's rows and a
        // top-N sort orders them.
        var order = filter.BoundingBox is not null && collection.NumericIds ? $"{collection.Key} + 0" : collection.Key;
        var sql = $"""
            SELECT {collection.Key} AS id, {collection.Feature} AS feature
            FROM {collection.From}
            WHERE {string.Join(" AND ", where)}
            ORDER BY {order}
            LIMIT @limit {(page.After is null && page.Offset > 0 ? "OFFSET @offset" : "")}
            """;
        return (sql, p =>
        {
            bindWhere(p);
            if (page.After is not null)
            {
                if (collection.NumericIds) p.AddWithValue("after", long.Parse(page.After, CultureInfo.InvariantCulture));
                else p.Text("after", page.After);
            }
            p.AddWithValue("limit", page.Limit + 1);
            p.AddWithValue("offset", page.Offset);
        });
    }

    /// <summary>Features of <paramref name="collection"/> matching <paramref name="filter"/> on all pages (a count over the same WHERE).</summary>
    public static async Task<long> CountAsync(NpgsqlDataSource dataSource, OgcCollectionDefinition collection, OgcFilter filter,
        CancellationToken cancellationToken)
    {
        var (where, bind) = Where(collection, filter);
        return (await Sql.QueryAsync(dataSource, $"SELECT count(*) AS matched FROM {collection.From} WHERE {string.Join(" AND ", where)}",
            bind, r => r.Get<long>("matched"), cancellationToken))[0];
    }

    /// <summary>One feature by id within the scope, or null.</summary>
    public static async Task<string?> ItemAsync(NpgsqlDataSource dataSource, OgcCollectionDefinition collection, string id, string[]? scope,
        CancellationToken cancellationToken)
    {
        var (where, bind) = Where(collection, new OgcFilter(null, null, null, null, null, null, scope));
        where.Add($"{collection.Key} = @id");
        var rows = await Sql.QueryAsync(dataSource, $"SELECT {collection.Feature} AS feature FROM {collection.From} WHERE {string.Join(" AND ", where)}",
            p =>
            {
                bind(p);
                if (collection.NumericIds) p.AddWithValue("id", long.Parse(id, CultureInfo.InvariantCulture));
                else p.Text("id", id);
            }, r => r.Get<string>("feature"), cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// The extent [minLon, minLat, maxLon, maxLat] of the townships in <paramref name="scope"/> (ST_Extent over
    /// 2,000 polygons at most, instead of a scan of a million points); null when none is readable.
    /// </summary>
    public static async Task<double[]?> ExtentAsync(NpgsqlDataSource dataSource, string[]? scope, CancellationToken cancellationToken)
    {
        var rows = await Sql.QueryAsync(dataSource, """
            SELECT ST_XMin(x) AS min_lon, ST_YMin(x) AS min_lat, ST_XMax(x) AS max_lon, ST_YMax(x) AS max_lat
            FROM (SELECT ST_Extent(boundary) AS x FROM townships WHERE @scope::text[] IS NULL OR code = ANY(@scope)) s
            WHERE x IS NOT NULL
            """,
            p => p.TextArray("scope", scope),
            r => new[] { r.Get<double>("min_lon"), r.Get<double>("min_lat"), r.Get<double>("max_lon"), r.Get<double>("max_lat") }, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    private static (List<string> Where, Action<NpgsqlParameterCollection> Bind) Where(OgcCollectionDefinition collection, OgcFilter filter)
    {
        var where = new List<string> { "true" };
        if (filter.Scope is not null) where.Add($"{collection.Scope} = ANY(@scope)");
        if (filter.BoundingBox is not null) where.Add(collection.Bbox);
        if (filter.Sectors is not null) where.Add(collection.Id == "hazards" ? "h.sector = ANY(@sectors)" : "e.sector = ANY(@sectors)");
        if (filter.Levels is not null) where.Add("h.level = ANY(@levels)");
        if (filter.Statuses is not null) where.Add("h.status = ANY(@statuses)");
        if (filter.Township is not null) where.Add("e.township_code = @township");
        if (filter.District is not null) where.Add("t.district_code = @district");
        var period = collection.Temporal is null ? null : filter.Period;
        if (collection.Temporal is { } temporal && period is not null)
            where.Add(temporal(period.From is null ? null : "@dt_from", period.To is null ? null : "@dt_to"));
        return (where, p =>
        {
            if (filter.Scope is not null) p.TextArray("scope", filter.Scope);
            if (filter.BoundingBox is { } b)
            {
                p.Add(new NpgsqlParameter<double>("min_lon", NpgsqlDbType.Double) { TypedValue = b.MinLon });
                p.Add(new NpgsqlParameter<double>("min_lat", NpgsqlDbType.Double) { TypedValue = b.MinLat });
                p.Add(new NpgsqlParameter<double>("max_lon", NpgsqlDbType.Double) { TypedValue = b.MaxLon });
                p.Add(new NpgsqlParameter<double>("max_lat", NpgsqlDbType.Double) { TypedValue = b.MaxLat });
            }
            if (filter.Sectors is not null) p.TextArray("sectors", filter.Sectors);
            if (filter.Levels is not null) p.TextArray("levels", filter.Levels);
            if (filter.Statuses is not null) p.TextArray("statuses", filter.Statuses);
            if (filter.Township is not null) p.Text("township", filter.Township);
            if (filter.District is not null) p.Text("district", filter.District);
            if (period?.From is { } from) p.Date("dt_from", from);
            if (period?.To is { } to) p.Date("dt_to", to);
        });
    }
}
