using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RiskMap.Api.Features.Roads;
using RiskMap.Api.Features.Routing;
using RiskMap.Api.Hosting;
using RiskMap.Cli.Benchmarks;

/// <summary>
/// <c>roads [--rounds N]</c>: the planner's road matrix (<see cref="RoadNetworks.MatrixAsync"/>: snapping, pgRouting's
/// pgr_withPointsCostMatrix, the walk at both ends and the straight-line floor) for 300 stops on a generated grid network
/// of 50,244 edges (159 × 159 vertices 0.001° apart, about 16 km square, 县道 both ways) against the same snapping query
/// and pgRouting call run directly in SQL, alternating round by round. Prints each mean, the slowest service matrix
/// against the default plan time limit (2 s) and the largest (30 s), and the ratio (target ≤ 1.2). The network is written
/// straight into road_vertices/road_edges of a throwaway database (created and dropped) in the embedded cluster or on the
/// server of <c>ConnectionStrings__RiskMap</c>.
/// </summary>
internal static class RoadMatrixBenchmark
{
    private const string District = "431103";
    private const int Side = 159;
    private const double Spacing = 0.001;
    private const double X0 = 111.50, Y0 = 26.30;
    private const int Stops = 300;

    /// <summary>Runs the benchmark with the arguments after <c>roads</c>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (ThrowawayDatabase.Count(args, "--rounds", 5, "usage: roads [--rounds N]") is not { } rounds) return 2;
        return await ThrowawayDatabase.RunAsync($"riskmap_bench_roads_{Environment.ProcessId}", async connectionString =>
        {
            await OfflineHost.RunAsync(async services =>
            {
                var dataSource = services.GetRequiredService<NpgsqlDataSource>();
                var edges = await GenerateAsync(dataSource);
                var random = new Random(16);
                var points = Enumerable.Range(0, Stops)
                    .Select(_ => new LonLat(X0 + random.NextDouble() * (Side - 1) * Spacing, Y0 + random.NextDouble() * (Side - 1) * Spacing))
                    .ToList();
                var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
                output.WriteLine($"road matrix benchmark: {Stops} stops on a generated grid of {edges} edges, {rounds} rounds, {Environment.ProcessorCount} cores, load average {load}");

                var networks = new RoadNetworks(dataSource);
                // Warm-up: plans, pgRouting's library, the pool.
                await networks.MatrixAsync(District, points, CancellationToken.None);
                await BaselineAsync(dataSource, points);
                var service = new List<double>();
                var baseline = new List<double>();
                var reachable = 0;
                for (var i = 0; i < rounds; i++)
                {
                    var watch = Stopwatch.StartNew();
                    var matrix = await networks.MatrixAsync(District, points, CancellationToken.None);
                    service.Add(watch.Elapsed.TotalMilliseconds);
                    watch.Restart();
                    var rows = await BaselineAsync(dataSource, points);
                    baseline.Add(watch.Elapsed.TotalMilliseconds);
                    reachable = 0;
                    foreach (var d in matrix.Metres) if (double.IsFinite(d)) reachable++;
                    if (rows + Stops != reachable) throw new InvalidOperationException($"The service has {reachable - Stops} road distances, the SQL {rows}.");
                }
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{Stops}×{Stops} matrix ({reachable} entries): service mean {service.Average(),8:0.0} ms (slowest {service.Max():0} ms; plan time limit default 2000 ms, largest 30000 ms) | " +
                    $"snapping and pgr_withPointsCostMatrix run directly: mean {baseline.Average(),8:0.0} ms | ratio {service.Average() / baseline.Average():0.00} (target ≤ 1.2)"));
                return 0;
            }, connectionString, [new("RiskMap:Database:SeedDemoData", "false"), new("RiskMap:Database:CreateAccounts", "false")]);
            return 0;
        });
    }

    /// <summary>The grid network, written with generate_series; returns its number of edges.</summary>
    private static async Task<long> GenerateAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO road_vertices (id, district_code, geom) OVERRIDING SYSTEM VALUE
            SELECT r * {Side} + c + 1, '{District}', ST_SetSRID(ST_MakePoint({X0} + c * {Spacing}, {Y0} + r * {Spacing}), 4326)
            FROM generate_series(0, {Side - 1}) r, generate_series(0, {Side - 1}) c;
            INSERT INTO road_edges (district_code, source, target, feature, road_class, speed_kmh, length_m, cost, reverse_cost, geom)
            SELECT '{District}', a.id, b.id, 1, '县道', 40, l.m, l.m, l.m, ST_MakeLine(a.geom, b.geom)
            FROM road_vertices a
            JOIN road_vertices b ON b.id = a.id + 1 AND (a.id - 1) % {Side} < {Side - 1} OR b.id = a.id + {Side}
            CROSS JOIN LATERAL (SELECT ST_Length(ST_MakeLine(a.geom, b.geom)::geography) AS m) l;
            ANALYZE road_vertices; ANALYZE road_edges;
            SELECT count(*) FROM road_edges;
            """);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// The same work in SQL alone: the nearest edge of each stop (KNN, then the geodesic distance) into a temporary table
    /// and the service's two pgr_withPointsCostMatrix calls (metres, and seconds at each edge's speed) over the same edges
    /// queries; returns the number of metre rows read.
    /// </summary>
    private static async Task<int> BaselineAsync(NpgsqlDataSource dataSource, IReadOnlyList<LonLat> points)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand($"""
            CREATE TEMP TABLE bench_points ON COMMIT DROP AS
            SELECT p.i::int AS pid, e.id AS edge_id, ST_LineLocatePoint(e.geom, p.g) AS fraction
            FROM (SELECT i, ST_SetSRID(ST_MakePoint(x, y), 4326) AS g FROM unnest(@lon, @lat) WITH ORDINALITY AS u(x, y, i)) p
            CROSS JOIN LATERAL (
                SELECT k.id, k.geom FROM (SELECT id, geom FROM road_edges WHERE district_code = @district ORDER BY geom <-> p.g LIMIT 8) k
                ORDER BY ST_Distance(k.geom::geography, p.g::geography), k.id LIMIT 1) e;
            SELECT false AS seconds, start_vid, end_vid, agg_cost FROM pgr_withPointsCostMatrix(
                {RoadNetworks.EdgesSql(points, RoadNetworks.EdgeCost.Metres)}, 'SELECT pid, edge_id, fraction FROM bench_points',
                (SELECT array_agg(-pid) FROM bench_points), directed => true, driving_side => 'b')
            UNION ALL
            SELECT true, start_vid, end_vid, agg_cost FROM pgr_withPointsCostMatrix(
                {RoadNetworks.EdgesSql(points, RoadNetworks.EdgeCost.Seconds)}, 'SELECT pid, edge_id, fraction FROM bench_points',
                (SELECT array_agg(-pid) FROM bench_points), directed => true, driving_side => 'b');
            """, connection);
        command.Parameters.AddWithValue("district", District);
        command.Parameters.AddWithValue("lon", points.Select(p => p.Longitude).ToArray());
        command.Parameters.AddWithValue("lat", points.Select(p => p.Latitude).ToArray());
        var rows = 0;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) if (!reader.GetFieldValue<bool>(reader.GetOrdinal("seconds"))) rows++;
        }
        await transaction.CommitAsync();
        return rows;
    }
}
