using System.Globalization;

namespace RiskMap.Api.Features.Routing;

/// <summary>
/// A symmetric TSPLIB 95 instance with node coordinates, read from a <c>.tsp</c> file, and its integer distance
/// matrix. Used by the unit tests and the benchmark to check <see cref="RoutePlanner.SolveTour"/> against the
/// published optima; the service itself never reads TSPLIB.
/// </summary>
/// <remarks>
/// Distance functions as defined in G. Reinelt, "TSPLIB 95", Universität Heidelberg, 1995, section 2:
/// EUC_2D = nint(√(dx² + dy²)); ATT = pseudo-Euclidean r = √((dx² + dy²)/10), t = nint(r), t + 1 when t &lt; r;
/// GEO = coordinates read as DDD.MM (degrees and minutes), PI = 3.141592, RRR = 6378.388 km,
/// d = (int)(RRR·acos(½((1+q1)q2 − (1−q1)q3)) + 1). The degrees of a GEO coordinate are its integer part
/// (truncation, as the TSPLIB FAQ corrects the document's nint), which is what reproduces the published optima.
/// </remarks>
internal sealed record TsplibInstance(string Name, string EdgeWeightType, IReadOnlyList<(double X, double Y)> Nodes)
{
    /// <summary>Reads a <c>.tsp</c> file with a NODE_COORD_SECTION.</summary>
    /// <exception cref="FormatException">When a header or coordinate line cannot be read.</exception>
    /// <exception cref="NotSupportedException">For an edge weight type other than EUC_2D, ATT or GEO.</exception>
    public static TsplibInstance Parse(string text)
    {
        string name = "", type = "";
        var dimension = -1;
        var nodes = new List<(double, double)>();
        var inCoordinates = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            if (line == "EOF") break;
            if (inCoordinates && (char.IsDigit(line[0]) || line[0] is '-' or '+'))
            {
                var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 3) throw new FormatException($"Coordinate line '{line}' needs an index, x and y.");
                nodes.Add((double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture)));
                continue;
            }
            inCoordinates = line.StartsWith("NODE_COORD_SECTION", StringComparison.Ordinal);
            if (inCoordinates) continue;
            var colon = line.IndexOf(':');
            if (colon < 0) continue; // another section (e.g. DISPLAY_DATA_SECTION): not needed
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "NAME": name = value; break;
                case "DIMENSION": dimension = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "EDGE_WEIGHT_TYPE": type = value; break;
            }
        }
        if (type is not ("EUC_2D" or "ATT" or "GEO")) throw new NotSupportedException($"Edge weight type '{type}' is not supported (EUC_2D, ATT, GEO are).");
        if (dimension != nodes.Count) throw new FormatException($"DIMENSION is {dimension} but {nodes.Count} coordinates were read.");
        return new TsplibInstance(name, type, nodes);
    }

    /// <summary>Number of cities.</summary>
    public int Count => Nodes.Count;

    /// <summary>The n×n integer distance matrix by the instance's own distance function.</summary>
    public long[,] DistanceMatrix()
    {
        var n = Nodes.Count;
        var d = new long[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++) d[i, j] = d[j, i] = Distance(i, j);
        }
        return d;
    }

    /// <summary>Distance between cities <paramref name="i"/> and <paramref name="j"/> (0-based) by the instance's function.</summary>
    public long Distance(int i, int j)
    {
        var (xi, yi) = Nodes[i];
        var (xj, yj) = Nodes[j];
        switch (EdgeWeightType)
        {
            case "EUC_2D":
                return Nint(Math.Sqrt((xi - xj) * (xi - xj) + (yi - yj) * (yi - yj)));
            case "ATT":
                var r = Math.Sqrt(((xi - xj) * (xi - xj) + (yi - yj) * (yi - yj)) / 10.0);
                var t = Nint(r);
                return t < r ? t + 1 : t;
            default: // GEO
                const double rrr = 6378.388;
                var (latI, lonI) = (GeoRadians(xi), GeoRadians(yi));
                var (latJ, lonJ) = (GeoRadians(xj), GeoRadians(yj));
                var q1 = Math.Cos(lonI - lonJ);
                var q2 = Math.Cos(latI - latJ);
                var q3 = Math.Cos(latI + latJ);
                return (long)(rrr * Math.Acos(0.5 * ((1.0 + q1) * q2 - (1.0 - q1) * q3)) + 1.0);
        }
    }

    /// <summary>Length of the closed tour <paramref name="order"/> (0-based city indices).</summary>
    public long TourLength(IReadOnlyList<int> order)
    {
        long length = 0;
        for (var k = 0; k < order.Count; k++) length += Distance(order[k], order[(k + 1) % order.Count]);
        return length;
    }

    private static long Nint(double x) => (long)(x + 0.5);

    private static double GeoRadians(double ddmm)
    {
        const double pi = 3.141592;
        var degrees = Math.Truncate(ddmm);
        var minutes = ddmm - degrees;
        return pi * (degrees + 5.0 * minutes / 3.0) / 180.0;
    }

    /// <summary>Reads <c>bestSolutions.txt</c> lines of the form <c>name : length</c>.</summary>
    public static IReadOnlyDictionary<string, long> ParseBestSolutions(string text)
    {
        var best = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            if (long.TryParse(line[(colon + 1)..].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                best[line[..colon].Trim()] = value;
        }
        return best;
    }
}
