namespace RiskMap.Api.Features.Routing;

/// <summary>Where the distances of a plan come from; every plan result reports it.</summary>
public enum DistanceKind
{
    /// <summary>Geodesic distance on the WGS-84 ellipsoid (<see cref="GeodesicDistance"/>): a lower bound on travel.</summary>
    StraightLine,

    /// <summary>
    /// Road distances and travel times from the district's road network (pgRouting, <c>Features/Roads/RoadNetworks</c>): metres of
    /// the shortest road, seconds of the fastest (each edge at its own speed, else its road class's).
    /// </summary>
    Road,
}

/// <summary>
/// Supplies the n×n distance matrix in metres for <paramref name="points"/>, in their order. The planner
/// calls it once per plan: <see cref="DistanceMatrix.StraightLineAsync"/> is the built-in source; a road
/// source (pgRouting over the road network) fills the same shape with <see cref="DistanceKind.Road"/>.
/// </summary>
/// <param name="points">WGS-84 points, already validated.</param>
/// <param name="cancellationToken">Cancels the computation.</param>
/// <returns>A matrix with <c>points.Count</c> rows, row i / column j = metres from point i to point j.</returns>
public delegate Task<DistanceMatrix> DistanceMatrixSource(IReadOnlyList<LonLat> points, CancellationToken cancellationToken);

/// <summary>
/// An n×n matrix of distances in metres between points, with the kind of distance it holds. Entry
/// [i, j] is the distance from point i to point j; the diagonal is 0. Straight-line matrices are
/// symmetric; road matrices need not be (one-way streets).
/// </summary>
public sealed class DistanceMatrix
{
    private readonly double[] _metres;
    private readonly double[]? _seconds;

    /// <summary>Wraps a square matrix of metres and, optionally, the travel times that go with it.</summary>
    /// <param name="kind">What the distances are.</param>
    /// <param name="metres">n×n metres, row = from, column = to; copied.</param>
    /// <param name="seconds">n×n travel seconds (same shape and rules), or null when the times follow from a speed over the metres; copied.</param>
    /// <exception cref="ArgumentException">When a matrix is not square or not n×n, has a non-zero diagonal, or holds a negative, NaN or infinite value.</exception>
    public DistanceMatrix(DistanceKind kind, double[,] metres, double[,]? seconds = null)
    {
        ArgumentNullException.ThrowIfNull(metres);
        var n = metres.GetLength(0);
        _metres = Copy(metres, n, nameof(metres));
        _seconds = seconds is null ? null : Copy(seconds, n, nameof(seconds));
        Count = n;
        Kind = kind;
    }

    private static double[] Copy(double[,] values, int n, string name)
    {
        if (values.GetLength(0) != n || values.GetLength(1) != n)
            throw new ArgumentException($"The matrix must be {n}×{n}; it is {values.GetLength(0)}×{values.GetLength(1)}.", name);
        var copy = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var d = values[i, j];
                if (!double.IsFinite(d) || d < 0) throw new ArgumentException($"Entry [{i}, {j}] is {d}; it must be finite and non-negative.", name);
                if (i == j && d != 0) throw new ArgumentException($"Diagonal entry [{i}, {i}] is {d}; it must be 0.", name);
                copy[i * n + j] = d;
            }
        }
        return copy;
    }

    /// <summary>True when the matrix holds travel times of its own (a road network's); false when they follow from a speed.</summary>
    public bool HasTravelTimes => _seconds is not null;

    /// <summary>Number of points n.</summary>
    public int Count { get; }

    /// <summary>What the distances are.</summary>
    public DistanceKind Kind { get; }

    /// <summary>Metres from point <paramref name="from"/> to point <paramref name="to"/>.</summary>
    /// <exception cref="IndexOutOfRangeException">When an index is outside 0 … n−1.</exception>
    public double this[int from, int to] => (uint)from < (uint)Count && (uint)to < (uint)Count
        ? _metres[from * Count + to]
        : throw new IndexOutOfRangeException($"Index ({from}, {to}) is outside the {Count}×{Count} matrix.");

    /// <summary>
    /// Travel time in seconds from point <paramref name="from"/> to point <paramref name="to"/>: the schedule's solver works on
    /// these. A straight-line matrix drives its metres at <paramref name="metresPerSecond"/>; a road matrix that knows the
    /// time along its roads answers that instead.
    /// </summary>
    /// <param name="from">Row index.</param>
    /// <param name="to">Column index.</param>
    /// <param name="metresPerSecond">Speed over the distance when the matrix holds no times of its own (<see cref="HasTravelTimes"/>), m/s (&gt; 0).</param>
    /// <exception cref="IndexOutOfRangeException">When an index is outside 0 … n−1.</exception>
    public double TravelSeconds(int from, int to, double metresPerSecond)
    {
        var metres = this[from, to]; // checks the indices
        return _seconds is null ? metres / metresPerSecond : _seconds[from * Count + to];
    }

    private DistanceMatrix(DistanceKind kind, int count, double[] metres)
    {
        Kind = kind;
        Count = count;
        _metres = metres;
    }

    /// <summary>
    /// Straight-line matrix: the geodesic distance (<see cref="GeodesicDistance.Metres(LonLat, LonLat)"/>) between every pair of
    /// <paramref name="points"/>, computed once per unordered pair, so the result is exactly symmetric. Each point's
    /// reduced latitude is computed once and the rows are spread over the processors: 2002 points (a full plan) take
    /// about 2 million Vincenty solutions, a few tenths of a second on two cores.
    /// </summary>
    /// <param name="points">WGS-84 points.</param>
    /// <param name="cancellationToken">Stops the computation between rows.</param>
    /// <exception cref="ArgumentOutOfRangeException">When a point is outside the longitude/latitude ranges.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public static DistanceMatrix StraightLine(IReadOnlyList<LonLat> points, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        var n = points.Count;
        var reduced = new GeodesicDistance.Reduced[n];
        for (var i = 0; i < n; i++)
        {
            reduced[i] = points[i].IsValid
                ? GeodesicDistance.Reduced.Of(points[i])
                : throw new ArgumentOutOfRangeException(nameof(points), points[i], $"Point {i}: longitude must be in −180…180 and latitude in −90…90 degrees.");
        }
        var metres = new double[n * n];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            for (var j = i + 1; j < n; j++)
            {
                metres[i * n + j] = metres[j * n + i] = GeodesicDistance.Metres(reduced[i], reduced[j]);
            }
        });
        return new DistanceMatrix(DistanceKind.StraightLine, n, metres);
    }

    /// <summary><see cref="StraightLine"/> as a <see cref="DistanceMatrixSource"/> (computed on the calling thread and the pool, it needs no I/O).</summary>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public static Task<DistanceMatrix> StraightLineAsync(IReadOnlyList<LonLat> points, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(StraightLine(points, cancellationToken));
    }
}
