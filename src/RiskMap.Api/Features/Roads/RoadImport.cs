using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RiskMap.Api.Contract;
using RiskMap.Api.Data;
using RiskMap.Api.Features.Accounts;
using RiskMap.Api.Features.Import;

namespace RiskMap.Api.Features.Roads;

/// <summary>What a road import stored (or, in a dry run, would store).</summary>
/// <param name="District">6-digit district code.</param>
/// <param name="Edges">Edges after noding (lines split at every vertex they share with another line).</param>
/// <param name="Vertices">Network nodes: shared vertices and line ends.</param>
/// <param name="Components">Connected components, one-way streets taken as two-way (pgr_connectedComponents).</param>
/// <param name="EnterprisesFarFromRoad">The district's enterprises whose nearest road vertex is more than 500 m away.</param>
/// <param name="Enterprises">The district's enterprises.</param>
/// <param name="FarShare">EnterprisesFarFromRoad / Enterprises, 0 … 1 (0 without enterprises).</param>
public sealed record RoadNetworkSummary(string District, int Edges, int Vertices, int Components, int EnterprisesFarFromRoad, int Enterprises, double FarShare);

/// <summary>The query of <c>DELETE /api/v1/imports/roads</c>.</summary>
/// <param name="District">6-digit district whose network is removed; may be omitted when the database holds one.</param>
public sealed record RoadNetworkQuery([DigitCode(6)] string? District = null);

/// <summary>
/// Stores a district's road network in one transaction (the import's): the lines are staged, the district's old network
/// is deleted, the lines are noded — split at every vertex they share with another line (and at their ends), so that
/// roads meeting at a common vertex connect while a bridge that crosses a road without a common vertex does not — and
/// the pieces become pgRouting edges (cost and reverse_cost in metres, −1 for the closed direction of a one-way street).
/// Noding is done in SQL (ST_DumpPoints, a window sum, ST_MakeLine) rather than pgr_nodeNetwork or ST_Node, which would
/// also cut lines where they merely cross.
/// </summary>
public static class RoadImport
{
    /// <summary>Metres from the district's outline within which at least one line must lie.</summary>
    public const double DistrictReachMetres = 2000;

    /// <summary>Metres from an enterprise to its nearest road vertex beyond which the summary counts it as far from the road.</summary>
    public const double FarFromRoadMetres = 500;

    private static readonly StagingTable<(int Line, RoadLine Road)> Staging = new StagingTable<(int Line, RoadLine Road)>("staging_roads")
        .Integer("line", r => r.Line)
        .Integer("feature", r => r.Road.Feature)
        .Text("road_class", r => r.Road.RoadClass)
        .Text("name", r => r.Road.Name)
        .Double("speed_kmh", r => r.Road.SpeedKmh)
        .Integer("oneway", r => r.Road.OneWay switch { OneWay.Forward => 1, OneWay.Backward => -1, _ => 0 })
        .Geometry("geom", r => r.Road.Geometry);

    /// <summary>
    /// Replaces <paramref name="district"/>'s network with <paramref name="lines"/> and its class speeds with
    /// <paramref name="speeds"/>, on <paramref name="db"/>'s connection inside its current transaction.
    /// </summary>
    /// <exception cref="ImportRejectedException">When no line lies within <see cref="DistrictReachMetres"/> of the district (<see cref="RoadsProblemCodes.OutsideDistrict"/>).</exception>
    public static async Task<(ImportResult Result, RoadNetworkSummary Summary)> ReplaceAsync(RiskMapDbContext db, string fileName, string district,
        IReadOnlyList<RoadLine> lines, IReadOnlyDictionary<string, double> speeds, int features, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await Staging.CreateAndCopyAsync(connection, lines.Select((l, i) => (i + 1, l)), null, cancellationToken);
        await ExecuteAsync(connection, "UPDATE staging_roads SET geom = ST_SetSRID(geom, 4326)", district, cancellationToken);

        var near = await ScalarAsync<bool>(connection, $"""
            SELECT EXISTS (
                SELECT 1 FROM staging_roads s JOIN districts d ON d.code = @district
                WHERE ST_DWithin(s.geom::geography, d.boundary::geography, {DistrictReachMetres}))
            """, district, cancellationToken);
        if (!near)
            throw new ImportRejectedException([new ImportError(fileName, 0, "geometry", district, RoadsProblemCodes.OutsideDistrict, district, DistrictReachMetres / 1000)]);

        await ExecuteAsync(connection, """
            DELETE FROM road_edges WHERE district_code = @district;
            DELETE FROM road_vertices WHERE district_code = @district;
            DELETE FROM road_class_speeds WHERE district_code = @district;

            -- Every vertex of every line, on a 1e-7° grid (about 1 cm) so that equal positions compare equal.
            CREATE TEMP TABLE road_points ON COMMIT DROP AS
            SELECT s.line, d.path[1] AS k, ST_SnapToGrid(d.geom, 1e-7) AS g, ST_NPoints(s.geom) AS n
            FROM staging_roads s, LATERAL ST_DumpPoints(s.geom) d;

            -- Nodes: line ends, and positions that occur more than once (shared by two lines, or a line crossing itself there).
            CREATE TEMP TABLE road_nodes ON COMMIT DROP AS
            WITH positions AS (
                SELECT g FROM road_points GROUP BY g HAVING count(*) > 1 OR bool_or(k = 1 OR k = n)
            ), stored AS (
                INSERT INTO road_vertices (district_code, geom) SELECT @district, g FROM positions RETURNING id, geom
            )
            SELECT id, geom AS g FROM stored;
            CREATE INDEX ON road_nodes (g);
            ANALYZE road_nodes;

            -- Each line split at its nodes: a node closes the piece before it and opens the next.
            CREATE TEMP TABLE road_pieces ON COMMIT DROP AS
            WITH marked AS (
                SELECT p.line, p.k, p.g, v.id AS vertex,
                       sum((v.id IS NOT NULL)::int) OVER (PARTITION BY p.line ORDER BY p.k) AS piece
                FROM road_points p LEFT JOIN road_nodes v ON v.g = p.g
            ), spread AS (
                SELECT line, k, g, vertex, piece FROM marked
                UNION ALL
                SELECT line, k, g, vertex, piece - 1 FROM marked WHERE vertex IS NOT NULL AND piece > 1
            )
            SELECT line, piece, ST_MakeLine(g ORDER BY k) AS geom,
                   (array_agg(vertex ORDER BY k))[1] AS source, (array_agg(vertex ORDER BY k DESC))[1] AS target
            FROM spread GROUP BY line, piece HAVING count(*) >= 2;

            INSERT INTO road_edges (district_code, source, target, feature, road_class, name, speed_kmh, length_m, cost, reverse_cost, geom)
            SELECT @district, p.source, p.target, s.feature, s.road_class, s.name, s.speed_kmh, l.m,
                   CASE WHEN s.oneway = -1 THEN -1 ELSE l.m END, CASE WHEN s.oneway = 1 THEN -1 ELSE l.m END, p.geom
            FROM road_pieces p JOIN staging_roads s ON s.line = p.line
            CROSS JOIN LATERAL (SELECT ST_Length(p.geom::geography) AS m) l
            WHERE l.m > 0;

            DELETE FROM road_vertices v WHERE v.district_code = @district
              AND NOT EXISTS (SELECT 1 FROM road_edges e WHERE e.source = v.id OR e.target = v.id);
            """, district, cancellationToken);
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO road_class_speeds (district_code, road_class, speed_kmh) SELECT @district, c, s FROM unnest(@classes, @speeds) AS u(c, s)", connection))
        {
            insert.Parameters.AddWithValue("district", district);
            insert.Parameters.AddWithValue("classes", speeds.Keys.ToArray());
            insert.Parameters.AddWithValue("speeds", speeds.Values.ToArray());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var summary = await SummaryAsync(connection, district, cancellationToken);
        var note = ImportMessages.Of(RoadsProblemCodes.NoteNetwork, summary.Edges, summary.Vertices, summary.Components,
            summary.EnterprisesFarFromRoad, summary.Enterprises, Math.Round(summary.FarShare * 100, 1));
        return (new ImportResult(fileName, features, summary.Edges, 0, [note]), summary);
    }

    /// <summary>
    /// Removes <paramref name="district"/>'s road network (edges, vertices and class speeds) in one transaction of
    /// <paramref name="db"/>, with an audit row (action <c>roads.delete</c>, entity <c>road_network</c> = the district, before =
    /// the network's <see cref="RoadNetworkSummary"/>) written by the same commit; plans then fall back to straight lines.
    /// </summary>
    /// <param name="db">The context; must have no transaction open.</param>
    /// <param name="user">Who removes it (an unauthenticated principal for the command line: the audit row says system).</param>
    /// <param name="district">6-digit district code.</param>
    /// <param name="cancellationToken">Cancels and rolls back.</param>
    /// <returns>What was removed; null (nothing changed, nothing audited) when the district has no network.</returns>
    public static async Task<RoadNetworkSummary?> DeleteAsync(RiskMapDbContext db, ClaimsPrincipal user, string district, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var summary = await SummaryAsync(connection, district, cancellationToken);
        // The count of rows deleted decides, so that of two removals at once only one is audited.
        var deleted = await ScalarAsync<long>(connection, """
            WITH edges AS (DELETE FROM road_edges WHERE district_code = @district RETURNING 1)
            SELECT count(*) FROM edges
            """, district, cancellationToken);
        if (deleted == 0) return null;
        await ExecuteAsync(connection, """
            DELETE FROM road_vertices WHERE district_code = @district;
            DELETE FROM road_class_speeds WHERE district_code = @district;
            """, district, cancellationToken);
        Audit.Add(db, user, "roads.delete", "road_network", district, summary, null);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return summary;
    }

    /// <summary>
    /// Counts of <paramref name="district"/>'s stored network: edges, vertices, connected components
    /// (pgr_connectedComponents) and enterprises of the district (township code or outline) whose nearest road vertex
    /// (KNN on ix_road_vertices_geom, then the geodesic distance) is more than <see cref="FarFromRoadMetres"/> away.
    /// </summary>
    public static async Task<RoadNetworkSummary> SummaryAsync(NpgsqlConnection connection, string district, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT (SELECT count(*) FROM road_edges WHERE district_code = @district)::int AS edges,
                   (SELECT count(*) FROM road_vertices WHERE district_code = @district)::int AS vertices,
                   (SELECT count(DISTINCT component) FROM pgr_connectedComponents(format(
                        'SELECT id, source, target, cost, reverse_cost FROM road_edges WHERE district_code = %L', @district::text)))::int AS components,
                   f.far::int, f.total::int
            FROM (
                SELECT count(*) FILTER (WHERE nearest.m IS NULL OR nearest.m > {FarFromRoadMetres}) AS far, count(*) AS total
                FROM enterprises e
                LEFT JOIN districts d ON d.code = @district
                CROSS JOIN LATERAL (
                    SELECT ST_Distance(v.geom::geography, e.location::geography) AS m
                    FROM road_vertices v WHERE v.district_code = @district
                    ORDER BY v.geom <-> e.location LIMIT 1) nearest
                WHERE left(e.township_code, 6) = @district OR (e.township_code IS NULL AND ST_Covers(d.boundary, e.location))
            ) f
            """, connection);
        command.Parameters.AddWithValue("district", district);
        var rows = await Sql.QueryAsync(command, r => new RoadNetworkSummary(district, r.Get<int>("edges"), r.Get<int>("vertices"),
            r.Get<int>("components"), r.Get<int>("far"), r.Get<int>("total"), 0), cancellationToken);
        var s = rows[0];
        return s with { FarShare = s.Enterprises == 0 ? 0 : (double)s.EnterprisesFarFromRoad / s.Enterprises };
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, string district, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("district", district);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, string district, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("district", district);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
