using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;
using RiskMap.Api.Features.Routing;

namespace RiskMap.Api.Features.Roads;

/// <summary>
/// Road distances and travel times between points on a district's stored network, for the route planner: row/column i is
/// point i; <see cref="double.NaN"/> where no road leads from one to the other (or a point is off every road).
/// </summary>
/// <param name="Metres">n×n metres of the shortest road: the snap walk at both ends plus the road between the snapped points, never less than the straight line; 0 on the diagonal.</param>
/// <param name="Seconds">n×n seconds of the fastest road: each edge driven at its own speed (the line's speed column), else at its road class's speed, plus the snap walks at <see cref="RoadClasses.WalkingSpeedKmh"/>; 0 on the diagonal.</param>
/// <param name="SnapMetres">Per point, metres to its nearest road point; NaN when it is farther than <see cref="RoadNetworks.MaxSnapMetres"/>.</param>
/// <param name="Speeds">The speeds the times were driven at: the road classes of the edges in the points' bounding area.</param>
public sealed record RoadDistances(double[,] Metres, double[,] Seconds, IReadOnlyList<double> SnapMetres, RoadSpeeds Speeds);

/// <summary>The speeds a road plan's travel times were computed with.</summary>
/// <param name="WalkingSpeedKmh">Speed of the walk between a point and its nearest road point, km/h.</param>
/// <param name="Classes">Per road class of the edges in the plan's bounding area, by class name.</param>
public sealed record RoadSpeeds(double WalkingSpeedKmh, IReadOnlyList<RoadClassSpeed> Classes);

/// <summary>One road class of a road plan.</summary>
/// <param name="RoadClass">Road class as stored by the import (国道, 县道, residential…).</param>
/// <param name="SpeedKmh">The district's speed for the class (its setting at the last road import), km/h; null when the class has none (every such edge has its own speed).</param>
/// <param name="Edges">Edges of the class in the plan's bounding area.</param>
/// <param name="EdgesAtOwnSpeed">Those of them driven at a speed of their own (the line's speed column) instead of the class's.</param>
public sealed record RoadClassSpeed(string RoadClass, double? SpeedKmh, int Edges, int EdgesAtOwnSpeed);

/// <summary>
/// The stored road networks (Data/Sql/road_vertices.sql, road_edges.sql, road_class_speeds.sql) as distances and paths for the route planner, through pgRouting:
/// each point is snapped to its nearest road point (KNN on ix_road_edges_geom, then the geodesic distance;
/// ST_LineLocatePoint gives the fraction along the edge), and <c>pgr_withPointsCostMatrix</c> gives the shortest road
/// metres and the fastest road seconds (each edge's metres at its speed: the line's own, else its class's) between the
/// snapped points, directed (one-way streets), on the edges within a bounding area around the points
/// (their envelope widened by a quarter of its larger side, at least <see cref="MarginDegrees"/>°; index
/// ix_road_edges_geom). The metres walked from a point to its road point are added at both ends, and no entry is shorter
/// than the geodesic straight line between the points (<see cref="GeodesicDistance"/>).
/// </summary>
public sealed class RoadNetworks(NpgsqlDataSource dataSource)
{
    /// <summary>A point farther than this from every road (metres) is off the network.</summary>
    public const double MaxSnapMetres = 2000;

    /// <summary>A road point this close to an edge's end (as a fraction of the edge) is taken as the end vertex.</summary>
    private const string VertexFraction = "1e-9";

    /// <summary>A stop point's key in pgRouting's queries: its vertex, else −pid.</summary>
    private const string Key = "COALESCE(vid, -pid)";

    /// <summary>Least margin of the bounding area around the points, degrees (about 5.5 km north–south).</summary>
    public const double MarginDegrees = 0.05;

    /// <summary>True when <paramref name="district"/> has a stored road network.</summary>
    public async Task<bool> HasNetworkAsync(string district, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM road_edges WHERE district_code = @district)");
        command.Parameters.AddWithValue("district", district);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The road distances between <paramref name="points"/> on <paramref name="district"/>'s network (see the class remarks).</summary>
    /// <param name="district">6-digit district code.</param>
    /// <param name="points">WGS-84 points; equal points are computed once.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<RoadDistances> MatrixAsync(string district, IReadOnlyList<LonLat> points, CancellationToken cancellationToken)
    {
        var (unique, index) = Distinct(points);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (snaps, keys) = await SnapAsync(connection, district, unique, cancellationToken);
        var roadMetres = new Dictionary<(long, long), double>();
        var roadSeconds = new Dictionary<(long, long), double>();
        if (keys.Distinct().Count(k => k != 0) > 1)
        {
            // Both matrices in one statement: the same points and edges, once with metres and once with seconds as the cost.
            var stops = $"'SELECT pid, edge_id, fraction FROM road_stop_points WHERE vid IS NULL', (SELECT array_agg(DISTINCT {Key}) FROM road_stop_points)";
            await using var command = new NpgsqlCommand($"""
                SELECT false AS seconds, start_vid, end_vid, agg_cost
                FROM pgr_withPointsCostMatrix({EdgesSql(unique, EdgeCost.Metres)}, {stops}, directed => true, driving_side => 'b')
                UNION ALL
                SELECT true, start_vid, end_vid, agg_cost
                FROM pgr_withPointsCostMatrix({EdgesSql(unique, EdgeCost.Seconds)}, {stops}, directed => true, driving_side => 'b')
                """, connection);
            command.Parameters.AddWithValue("district", district);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var row = new SqlRow(reader);
            while (await reader.ReadAsync(cancellationToken))
            {
                row.Advance();
                (row.Get<bool>("seconds") ? roadSeconds : roadMetres)[(row.Get<long>("start_vid"), row.Get<long>("end_vid"))] = row.Get<double>("agg_cost");
            }
        }
        var speeds = await SpeedsAsync(connection, district, unique, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var n = points.Count;
        var metres = new double[n, n];
        var seconds = new double[n, n];
        const double walking = RoadClasses.WalkingSpeedKmh / 3.6;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                int a = index[i], b = index[j];
                if (a == b) { metres[i, j] = seconds[i, j] = i == j || double.IsFinite(snaps[a]) ? 0 : double.NaN; continue; }
                if (!double.IsFinite(snaps[a]) || !double.IsFinite(snaps[b])) { metres[i, j] = seconds[i, j] = double.NaN; continue; }
                var same = keys[a] == keys[b];
                var road = same ? 0 : roadMetres.GetValueOrDefault((keys[a], keys[b]), double.NaN);
                var drive = same ? 0 : roadSeconds.GetValueOrDefault((keys[a], keys[b]), double.NaN);
                metres[i, j] = double.IsFinite(road)
                    ? Math.Max(road + snaps[a] + snaps[b], GeodesicDistance.Metres(unique[a], unique[b]))
                    : double.NaN;
                seconds[i, j] = double.IsFinite(road) && double.IsFinite(drive) ? drive + (snaps[a] + snaps[b]) / walking : double.NaN;
            }
        }
        return new RoadDistances(metres, seconds, [.. index.Select(k => snaps[k])], speeds);
    }

    /// <summary>
    /// The road classes of <paramref name="district"/>'s edges in the points' bounding area (<see cref="Envelope"/>, index
    /// ix_road_edges_geom) with the district's speed per class (road_class_speeds) and how many edges have a speed of their own.
    /// </summary>
    private static async Task<RoadSpeeds> SpeedsAsync(NpgsqlConnection connection, string district, IReadOnlyList<LonLat> points,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT e.road_class, c.speed_kmh, count(*)::int AS edges,
                   count(*) FILTER (WHERE c.speed_kmh IS DISTINCT FROM e.speed_kmh)::int AS own_speed
            FROM road_edges e
            LEFT JOIN road_class_speeds c ON c.district_code = e.district_code AND c.road_class = e.road_class
            WHERE e.district_code = @district AND e.geom && {Envelope(points)}
            GROUP BY e.road_class, c.speed_kmh
            ORDER BY e.road_class
            """, connection);
        command.Parameters.AddWithValue("district", district);
        var classes = await Sql.QueryAsync(command, r => new RoadClassSpeed(r.Get<string>("road_class"), r.Nullable<double>("speed_kmh"),
            r.Get<int>("edges"), r.Get<int>("own_speed")), cancellationToken);
        return new RoadSpeeds(RoadClasses.WalkingSpeedKmh, classes);
    }

    /// <summary>What pgRouting's edge costs are.</summary>
    internal enum EdgeCost
    {
        /// <summary>Metres along the edge (the stored cost).</summary>
        Metres,

        /// <summary>Seconds to drive the edge: its metres at its speed (speed_kmh: the line's own, else its class's at import).</summary>
        Seconds,
    }

    /// <summary>
    /// The road path of each leg as WGS-84 positions: the leg's first point, its road point, the edges (partly at the ends,
    /// ST_LineSubstring) of pgRouting's shortest path (<c>pgr_withPoints</c> over the legs' pairs, the same edges and
    /// snapping as <see cref="MatrixAsync"/> with <paramref name="area"/>), the last road point and the last point.
    /// A leg between equal points, or one without a road path, is its two points.
    /// </summary>
    /// <param name="district">6-digit district code.</param>
    /// <param name="area">The points whose bounding area the distances were computed on (the plan's points).</param>
    /// <param name="legs">Pairs of points, each point one of <paramref name="area"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<IReadOnlyList<IReadOnlyList<LonLat>>> PathsAsync(string district, IReadOnlyList<LonLat> area,
        IReadOnlyList<(LonLat From, LonLat To)> legs, CancellationToken cancellationToken)
    {
        var (unique, _) = Distinct(area);
        var pid = unique.Select((p, i) => (p, i)).ToDictionary(t => t.p, t => t.i + 1);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (_, keys) = await SnapAsync(connection, district, unique, cancellationToken);
        long KeyOf(LonLat p) => keys[pid[p] - 1];
        var pairs = legs.Select(l => (From: KeyOf(l.From), To: KeyOf(l.To))).Where(p => p.From != p.To && p.From != 0 && p.To != 0).Distinct().ToList();
        var pieces = new Dictionary<(long, long), List<Coordinate>>();
        if (pairs.Count > 0)
        {
            await using var command = new NpgsqlCommand($"""
                CREATE TEMP TABLE road_legs (source bigint, target bigint) ON COMMIT DROP;
                INSERT INTO road_legs SELECT * FROM unnest(@froms, @tos);
                WITH steps AS (
                    SELECT w.start_pid, w.end_pid, w.path_seq, w.node, w.edge,
                           lead(w.node) OVER (PARTITION BY w.start_pid, w.end_pid ORDER BY w.path_seq) AS next_node
                    FROM pgr_withPoints({EdgesSql(unique)}, 'SELECT pid, edge_id, fraction FROM road_stop_points WHERE vid IS NULL',
                        'SELECT source, target FROM road_legs', directed => true, driving_side => 'b', details => false) w
                ), placed AS (
                    SELECT s.start_pid, s.end_pid, s.path_seq, e.geom,
                           CASE WHEN s.node = e.source THEN 0 WHEN s.node = e.target THEN 1
                                ELSE (SELECT p.fraction FROM road_stop_points p WHERE p.pid = -s.node) END AS a,
                           CASE WHEN s.next_node = e.source THEN 0 WHEN s.next_node = e.target THEN 1
                                ELSE (SELECT p.fraction FROM road_stop_points p WHERE p.pid = -s.next_node) END AS b
                    FROM steps s JOIN road_edges e ON e.id = s.edge
                    WHERE s.edge > 0
                )
                SELECT start_pid, end_pid,
                       ST_AsBinary(CASE WHEN a <= b THEN ST_LineSubstring(geom, a, b) ELSE ST_Reverse(ST_LineSubstring(geom, b, a)) END) AS piece
                FROM placed ORDER BY start_pid, end_pid, path_seq
                """, connection);
            command.Parameters.AddWithValue("district", district);
            command.Parameters.AddWithValue("froms", pairs.Select(p => p.From).ToArray());
            command.Parameters.AddWithValue("tos", pairs.Select(p => p.To).ToArray());
            var reader = new WKBReader();
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            var row = new SqlRow(rows);
            while (await rows.ReadAsync(cancellationToken))
            {
                row.Advance();
                var key = (row.Get<long>("start_pid"), row.Get<long>("end_pid"));
                if (!pieces.TryGetValue(key, out var list)) pieces[key] = list = [];
                list.AddRange(reader.Read(row.Get<byte[]>("piece")).Coordinates);
            }
        }
        await transaction.CommitAsync(cancellationToken);

        return [.. legs.Select(l =>
        {
            List<LonLat> path = [l.From];
            if (pieces.TryGetValue((KeyOf(l.From), KeyOf(l.To)), out var road))
            {
                foreach (var c in road) Append(path, new LonLat(c.X, c.Y));
            }
            Append(path, l.To);
            return (IReadOnlyList<LonLat>)path;
        })];
    }

    private static void Append(List<LonLat> path, LonLat point)
    {
        if (path.Count == 0 || path[^1] != point) path.Add(point);
    }

    private static (List<LonLat> Unique, int[] Index) Distinct(IReadOnlyList<LonLat> points)
    {
        var unique = new List<LonLat>();
        var seen = new Dictionary<LonLat, int>();
        var index = new int[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            if (!seen.TryGetValue(points[i], out var k)) { seen[points[i]] = k = unique.Count; unique.Add(points[i]); }
            index[i] = k;
        }
        return (unique, index);
    }

    /// <summary>
    /// The edges pgRouting reads, as the text of its edges query: the district's edges whose bounding box meets the points'
    /// <see cref="Envelope"/>, with <paramref name="cost"/> as cost and reverse_cost (−1 stays −1: a closed direction).
    /// </summary>
    internal static string EdgesSql(IReadOnlyList<LonLat> points, EdgeCost cost = EdgeCost.Metres)
    {
        var columns = cost == EdgeCost.Metres ? "cost, reverse_cost"
            : "CASE WHEN cost < 0 THEN -1 ELSE cost * 3.6 / speed_kmh END AS cost, CASE WHEN reverse_cost < 0 THEN -1 ELSE reverse_cost * 3.6 / speed_kmh END AS reverse_cost";
        return $"format('SELECT id, source, target, {columns} FROM road_edges WHERE district_code = %L AND geom && {Envelope(points)}', @district::text)";
    }

    /// <summary>The points' envelope widened by max(<see cref="MarginDegrees"/>, a quarter of its larger side), as SQL.</summary>
    internal static string Envelope(IReadOnlyList<LonLat> points)
    {
        double minX = points.Min(p => p.Longitude), maxX = points.Max(p => p.Longitude);
        double minY = points.Min(p => p.Latitude), maxY = points.Max(p => p.Latitude);
        var margin = Math.Max(MarginDegrees, Math.Max(maxX - minX, maxY - minY) / 4);
        return string.Create(CultureInfo.InvariantCulture, $"ST_MakeEnvelope({minX - margin:R}, {minY - margin:R}, {maxX + margin:R}, {maxY + margin:R}, 4326)");
    }

    /// <summary>
    /// Fills the transaction's temporary table <c>road_stop_points</c> (pid = index + 1, edge, fraction) with each point's
    /// nearest road point within <see cref="MaxSnapMetres"/>; returns the metres per point (NaN for a point off the network)
    /// and its key in pgRouting's queries: the vertex id when the road point is an edge's end (pgRouting's withPoints
    /// functions lose points at fraction 0 or 1 of a one-way edge), else −pid.
    /// </summary>
    private static async Task<(double[] Metres, long[] Keys)> SnapAsync(NpgsqlConnection connection, string district, IReadOnlyList<LonLat> points,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            CREATE TEMP TABLE road_stop_points (pid int PRIMARY KEY, edge_id bigint, fraction double precision, snap_m double precision,
                vid bigint) ON COMMIT DROP;
            INSERT INTO road_stop_points
            SELECT p.i, e.id, f.fraction, e.m,
                   CASE WHEN f.fraction <= {VertexFraction} THEN e.source WHEN f.fraction >= 1 - {VertexFraction} THEN e.target END
            FROM (SELECT i::int, ST_SetSRID(ST_MakePoint(x, y), 4326) AS g FROM unnest(@lon, @lat) WITH ORDINALITY AS u(x, y, i)) p
            CROSS JOIN LATERAL (
                SELECT k.id, k.geom, k.source, k.target, ST_Distance(k.geom::geography, p.g::geography) AS m
                FROM (SELECT id, geom, source, target FROM road_edges WHERE district_code = @district ORDER BY geom <-> p.g LIMIT 8) k
                ORDER BY m, k.id LIMIT 1) e
            CROSS JOIN LATERAL (SELECT ST_LineLocatePoint(e.geom, p.g) AS fraction) f
            WHERE e.m <= {MaxSnapMetres.ToString(CultureInfo.InvariantCulture)};
            SELECT pid, snap_m, {Key} AS key FROM road_stop_points;
            """, connection);
        command.Parameters.AddWithValue("district", district);
        command.Parameters.AddWithValue("lon", points.Select(p => p.Longitude).ToArray());
        command.Parameters.AddWithValue("lat", points.Select(p => p.Latitude).ToArray());
        var snaps = Enumerable.Repeat(double.NaN, points.Count).ToArray();
        var keys = new long[points.Count];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var row = new SqlRow(reader);
        while (await reader.ReadAsync(cancellationToken))
        {
            row.Advance();
            var i = row.Get<int>("pid") - 1;
            snaps[i] = row.Get<double>("snap_m");
            keys[i] = row.Get<long>("key");
        }
        return (snaps, keys);
    }
}
