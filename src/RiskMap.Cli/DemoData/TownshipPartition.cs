using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Polygonize;
using NetTopologySuite.Triangulate;
using RiskMap.Api.Domain;

namespace RiskMap.Cli.DemoData;

/// <summary>A township with its illustrative boundary.</summary>
/// <param name="Source">Code, name and kind from the division list.</param>
/// <param name="Boundary">WGS-84 boundary, one polygon wrapped in a MultiPolygon, vertices on the 1e-7° grid.</param>
/// <param name="Centre">A point well inside the boundary around which its enterprises cluster.</param>
internal sealed record TownshipArea(TownshipSource Source, MultiPolygon Boundary, Coordinate Centre);

/// <summary>The district outline and its partition into townships.</summary>
/// <param name="District">WGS-84 outline on the 1e-7° grid: the union of <paramref name="Townships"/>.</param>
/// <param name="Townships">One area per township, ordered by code.</param>
/// <param name="UrbanCentre">Where the subdistricts cluster.</param>
internal sealed record DistrictPartition(MultiPolygon District, IReadOnlyList<TownshipArea> Townships, Coordinate UrbanCentre);

/// <summary>
/// Cuts a district outline into an illustrative (not official) partition of townships: the urban subdistricts
/// (街道) small and clustered around the urban centre, the towns and townships larger around them.
/// </summary>
/// <remarks>
/// Method: jittered seed points (about 1 km apart, 0.4 km in the urban area) get a Voronoi diagram (NTS
/// <see cref="VoronoiDiagramBuilder"/>). Each seed belongs to a township: seeds within a wavy radius of the urban
/// centre to the nearest of nine subdistrict centres, the others to one of nine k-means clusters. The cells of each
/// township are unioned into a region; the region borders and the district outline are noded together with
/// snap-rounding on a 1e-7° grid (OverlayNG with a fixed <see cref="PrecisionModel"/>) and polygonised, so that
/// neighbouring townships share identical vertices and together cover the outline with no gap or overlap. A
/// township left in several pieces gives each smaller piece to the neighbour it shares the longest border with.
/// Everything is driven by one <see cref="Random"/>, so a seed gives the same partition byte for byte.
/// </remarks>
internal static class TownshipPartition
{
    /// <summary>The output grid: 1e-7° (about 1 cm), i.e. 7 decimals.</summary>
    public static readonly PrecisionModel Grid = new(1e7);

    /// <summary>Factory for geometries on <see cref="Grid"/>, SRID 4326.</summary>
    public static readonly GeometryFactory GridFactory = new(Grid, 4326);

    private static readonly GeometryFactory Floating = new(new PrecisionModel(), 4326);

    /// <summary>The centre of the 冷水滩 urban area, WGS-84 degrees, used when it lies inside the outline.</summary>
    public static readonly Coordinate NominalUrbanCentre = new(111.60, 26.43);

    private const double OuterSpacing = 0.010;  // degrees between rural seeds (about 1 km)
    private const double UrbanSpacing = 0.004;  // degrees between urban seeds (about 0.4 km)
    private const double UrbanRadius = 0.034;   // mean radius of the subdistrict cluster, degrees (about 3.5 km)

    /// <summary>
    /// Towns and the township by the bearing of their cluster from the urban centre, clockwise from north. The
    /// order is the project's guess, not official geography: the boundaries are illustrative.
    /// </summary>
    private static readonly string[] RuralClockwiseFromNorth =
        ["431103110", "431103105", "431103106", "431103101", "431103103", "431103102", "431103104", "431103201", "431103108"];

    /// <summary>Builds the partition of <paramref name="district"/> (WGS-84, on <see cref="Grid"/>).</summary>
    /// <exception cref="InvalidOperationException">The result breaks a partition rule (a bug, not bad input).</exception>
    public static DistrictPartition Build(MultiPolygon district, IReadOnlyList<TownshipSource> townships, int seed)
    {
        var rng = new Random(seed);
        var prepared = PreparedGeometryFactory.Prepare(district);
        var centre = ChooseUrbanCentre(district, prepared);

        var urban = townships.Where(t => t.Kind == TownshipKind.Subdistrict).ToList();
        var rural = RuralClockwiseFromNorth.Select(code => townships.Single(t => t.Code == code)).ToList();
        if (urban.Count + rural.Count != townships.Count)
            throw new InvalidOperationException("Every township must be a subdistrict or a listed town/township.");

        var seeds = MakeSeeds(district, centre, rng);
        var owner = AssignSeeds(seeds, centre, urban, rural, townships, rng);

        var builder = new VoronoiDiagramBuilder();
        builder.SetSites(seeds);
        var clip = district.EnvelopeInternal.Copy();
        clip.ExpandBy(0.05);
        builder.ClipEnvelope = clip;
        var cells = builder.GetDiagram(Floating);
        var seedIndex = seeds.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);

        // Region of each township = union of its cells; their borders plus the outline are the linework.
        var regionCells = new List<Geometry>[townships.Count];
        for (var i = 0; i < townships.Count; i++) regionCells[i] = [];
        for (var i = 0; i < cells.NumGeometries; i++)
        {
            var cell = cells.GetGeometryN(i);
            regionCells[owner[seedIndex[(Coordinate)cell.UserData]]].Add(cell);
        }
        var lines = new List<Geometry> { district.Boundary };
        foreach (var group in regionCells.Where(g => g.Count > 0))
            lines.Add(UnaryUnionNG.Union(Floating.BuildGeometry(group), Floating.PrecisionModel).Boundary);
        var noded = UnaryUnionNG.Union(GridFactory.BuildGeometry(lines), Grid);

        var polygonizer = new Polygonizer();
        polygonizer.Add(noded);
        var faces = new List<(Polygon Face, int Township)>();
        foreach (var face in polygonizer.GetPolygons().Cast<Polygon>())
        {
            var inside = face.InteriorPoint;
            if (!prepared.Covers(inside)) continue;
            faces.Add((face, owner[Nearest(seeds, inside.Coordinate)]));
        }

        var areas = MergeStrayPieces(faces, townships.Count);
        var result = new List<TownshipArea>();
        for (var i = 0; i < townships.Count; i++)
        {
            var polygon = areas[i] as Polygon
                ?? throw new InvalidOperationException($"{townships[i].Name} is not one polygon after merging stray pieces.");
            result.Add(new TownshipArea(townships[i], GridFactory.CreateMultiPolygon([polygon]), CentreOf(polygon)));
        }
        var union = UnaryUnionNG.Union(GridFactory.BuildGeometry(areas), Grid);
        return new DistrictPartition(ToMultiPolygon(union), result, centre);
    }

    /// <summary>Turns a Polygon or MultiPolygon into a MultiPolygon on <see cref="GridFactory"/>.</summary>
    /// <exception cref="InvalidOperationException">For a geometry that is neither.</exception>
    public static MultiPolygon ToMultiPolygon(Geometry geometry) => geometry switch
    {
        MultiPolygon m => GridFactory.CreateMultiPolygon(Enumerable.Range(0, m.NumGeometries).Select(i => (Polygon)m.GetGeometryN(i)).ToArray()),
        Polygon p => GridFactory.CreateMultiPolygon([p]),
        _ => throw new InvalidOperationException($"Expected a polygonal geometry, got {geometry.GeometryType}."),
    };

    private static Coordinate ChooseUrbanCentre(MultiPolygon district, IPreparedGeometry prepared)
    {
        var nominal = Floating.CreatePoint(NominalUrbanCentre);
        if (prepared.Contains(nominal) && district.Boundary.Distance(nominal) > UrbanRadius) return NominalUrbanCentre.Copy();
        return district.InteriorPoint.Coordinate.Copy();
    }

    private static List<Coordinate> MakeSeeds(MultiPolygon district, Coordinate centre, Random rng)
    {
        var near = PreparedGeometryFactory.Prepare(district.Buffer(OuterSpacing));
        var seeds = new List<Coordinate>();
        var env = district.EnvelopeInternal;
        var urbanExtent = UrbanRadius * 1.6;

        // Jittered points on a square lattice of the given step, kept where wanted and near the district.
        void Scatter(double minX, double minY, double maxX, double maxY, double step, Func<Coordinate, bool> wanted)
        {
            var nx = (int)Math.Ceiling((maxX - minX) / step);
            var ny = (int)Math.Ceiling((maxY - minY) / step);
            for (var j = 0; j <= ny; j++)
            for (var i = 0; i <= nx; i++)
            {
                var c = new Coordinate(
                    minX + i * step + (rng.NextDouble() - 0.5) * 0.8 * step,
                    minY + j * step + (rng.NextDouble() - 0.5) * 0.8 * step);
                if (wanted(c) && near.Contains(Floating.CreatePoint(c))) seeds.Add(c);
            }
        }

        Scatter(env.MinX - OuterSpacing, env.MinY - OuterSpacing, env.MaxX + OuterSpacing, env.MaxY + OuterSpacing, OuterSpacing,
            c => c.Distance(centre) >= urbanExtent);
        Scatter(centre.X - urbanExtent, centre.Y - urbanExtent, centre.X + urbanExtent, centre.Y + urbanExtent, UrbanSpacing,
            c => c.Distance(centre) < urbanExtent);
        return seeds;
    }

    /// <summary>Returns, for each seed, the index in <paramref name="all"/> of the township it belongs to.</summary>
    private static int[] AssignSeeds(List<Coordinate> seeds, Coordinate centre, List<TownshipSource> urban,
        List<TownshipSource> rural, IReadOnlyList<TownshipSource> all, Random rng)
    {
        // Urban edge: a wavy circle, so the cluster does not look drawn with compasses.
        double phase1 = rng.NextDouble() * 2 * Math.PI, phase2 = rng.NextDouble() * 2 * Math.PI;
        bool IsUrban(Coordinate c)
        {
            var theta = Math.Atan2(c.Y - centre.Y, c.X - centre.X);
            var radius = UrbanRadius * (1 + 0.18 * Math.Sin(3 * theta + phase1) + 0.10 * Math.Sin(5 * theta + phase2));
            return c.Distance(centre) < radius;
        }

        // One subdistrict in the middle, the others on a ring, clockwise from north.
        var urbanCentres = new List<Coordinate> { new(centre.X + Jitter(rng, 0.002), centre.Y + Jitter(rng, 0.002)) };
        for (var k = 1; k < urban.Count; k++)
        {
            var bearing = (360.0 * (k - 1) / (urban.Count - 1) + Jitter(rng, 8)) * Math.PI / 180;
            var r = UrbanRadius * (0.55 + Jitter(rng, 0.08));
            urbanCentres.Add(new Coordinate(centre.X + r * Math.Sin(bearing), centre.Y + r * Math.Cos(bearing)));
        }

        var isUrban = seeds.Select(IsUrban).ToArray();
        var ruralSeeds = seeds.Where((_, i) => !isUrban[i]).ToList();
        var clusters = KMeans(ruralSeeds, rural.Count);
        // Name the clusters clockwise from north around the urban centre.
        var byBearing = clusters
            .Select((c, i) => (Index: i, Bearing: (Math.Atan2(c.X - centre.X, c.Y - centre.Y) * 180 / Math.PI + 360) % 360))
            .OrderBy(p => p.Bearing).Select(p => p.Index).ToList();
        var clusterTownship = new int[rural.Count];
        for (var k = 0; k < byBearing.Count; k++) clusterTownship[byBearing[k]] = IndexOf(all, rural[k]);

        var owner = new int[seeds.Count];
        for (var i = 0; i < seeds.Count; i++)
        {
            owner[i] = isUrban[i]
                ? IndexOf(all, urban[Nearest(urbanCentres, seeds[i])])
                : clusterTownship[Nearest(clusters, seeds[i])];
        }
        return owner;
    }

    private static double Jitter(Random rng, double amplitude) => (rng.NextDouble() * 2 - 1) * amplitude;

    private static int IndexOf(IReadOnlyList<TownshipSource> all, TownshipSource t)
    {
        for (var i = 0; i < all.Count; i++) if (all[i].Code == t.Code) return i;
        throw new InvalidOperationException($"Unknown township {t.Code}.");
    }

    /// <summary>Lloyd's k-means with farthest-point initialisation from the northernmost point (deterministic).</summary>
    private static List<Coordinate> KMeans(List<Coordinate> points, int k)
    {
        var centres = new List<Coordinate> { points.MaxBy(p => p.Y)!.Copy() };
        while (centres.Count < k) centres.Add(points.MaxBy(p => centres.Min(c => c.Distance(p)))!.Copy());
        for (var iteration = 0; iteration < 40; iteration++)
        {
            var sums = new (double X, double Y, int N)[k];
            foreach (var p in points)
            {
                var n = Nearest(centres, p);
                sums[n] = (sums[n].X + p.X, sums[n].Y + p.Y, sums[n].N + 1);
            }
            for (var i = 0; i < k; i++)
                if (sums[i].N > 0) centres[i] = new Coordinate(sums[i].X / sums[i].N, sums[i].Y / sums[i].N);
        }
        return centres;
    }

    private static int Nearest(IReadOnlyList<Coordinate> candidates, Coordinate p)
    {
        var best = 0;
        var bestDistance = double.MaxValue;
        for (var i = 0; i < candidates.Count; i++)
        {
            var d = candidates[i].Distance(p);
            if (d < bestDistance) (best, bestDistance) = (i, d);
        }
        return best;
    }

    /// <summary>
    /// Unions the faces of each township; while a township has several pieces, each piece but the largest goes to
    /// the neighbour that shares the longest border with it. Returns one geometry per township.
    /// </summary>
    private static Geometry[] MergeStrayPieces(List<(Polygon Face, int Township)> faces, int count)
    {
        var owner = faces.Select(f => f.Township).ToArray();
        Geometry[] Areas() => Enumerable.Range(0, count).Select(t =>
            UnaryUnionNG.Union(GridFactory.BuildGeometry(faces.Where((_, i) => owner[i] == t).Select(f => (Geometry)f.Face).ToList()), Grid)).ToArray();

        for (var round = 0; round < 20; round++)
        {
            var areas = Areas();
            var changed = false;
            for (var t = 0; t < count && !changed; t++)
            {
                if (areas[t] is not MultiPolygon pieces) continue;
                var parts = Enumerable.Range(0, pieces.NumGeometries).Select(i => pieces.GetGeometryN(i))
                    .OrderByDescending(p => p.Area).ToList();
                foreach (var piece in parts.Skip(1))
                {
                    var neighbour = Enumerable.Range(0, count).Where(n => n != t)
                        .Select(n => (n, Shared: OverlayNG.Overlay(piece.Boundary, areas[n].Boundary, SpatialFunction.Intersection, Grid).Length))
                        .MaxBy(p => p.Shared);
                    if (neighbour.Shared <= 0) continue;
                    var target = PreparedGeometryFactory.Prepare(piece);
                    for (var i = 0; i < faces.Count; i++)
                        if (owner[i] == t && target.Covers(faces[i].Face.InteriorPoint)) owner[i] = neighbour.n;
                    changed = true;
                }
            }
            if (!changed) return areas;
        }
        throw new InvalidOperationException("Stray township pieces did not settle in 20 rounds.");
    }

    /// <summary>The centroid when it lies well inside, else the interior point.</summary>
    private static Coordinate CentreOf(Polygon polygon)
    {
        var centroid = polygon.Centroid;
        return polygon.Contains(centroid) && polygon.Boundary.Distance(centroid) > 0.005
            ? centroid.Coordinate.Copy()
            : polygon.InteriorPoint.Coordinate.Copy();
    }

    /// <summary>
    /// A copy with the RFC 7946 orientation: exterior rings counter-clockwise, holes clockwise (NTS's own
    /// <c>Normalize</c> does the opposite).
    /// </summary>
    public static Polygon OrientRfc7946(Polygon polygon)
    {
        LinearRing Orient(LinearRing ring, bool counterClockwise) =>
            Orientation.IsCCW(ring.CoordinateSequence) == counterClockwise ? ring : (LinearRing)ring.Reverse();
        return polygon.Factory.CreatePolygon(Orient(polygon.Shell, true), polygon.Holes.Select(h => Orient(h, false)).ToArray());
    }
}
