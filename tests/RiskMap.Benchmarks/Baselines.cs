using System.Diagnostics;

/// <summary>Textbook tour heuristics to compare OR-Tools with, run in the same process on the same matrix.</summary>
internal static class Baselines
{
    /// <summary>A closed tour: city order starting at 0, its length and how long it took.</summary>
    public sealed record Tour(int[] Order, long Length, TimeSpan Time);

    /// <summary>Nearest neighbour from city 0: always go to the closest unvisited city.</summary>
    public static Tour NearestNeighbour(long[,] d)
    {
        var clock = Stopwatch.StartNew();
        var n = d.GetLength(0);
        var order = new int[n];
        var used = new bool[n];
        used[0] = true;
        for (var k = 1; k < n; k++)
        {
            var from = order[k - 1];
            var next = -1;
            for (var j = 0; j < n; j++)
            {
                if (!used[j] && (next < 0 || d[from, j] < d[from, next])) next = j;
            }
            order[k] = next;
            used[next] = true;
        }
        return new Tour(order, Length(d, order), clock.Elapsed);
    }

    /// <summary>2-opt descent (reverse a segment while that shortens the tour), first improvement, until no move helps.</summary>
    public static Tour TwoOpt(long[,] d, Tour start)
    {
        var clock = Stopwatch.StartNew();
        var order = (int[])start.Order.Clone();
        var n = order.Length;
        for (var improved = true; improved;)
        {
            improved = false;
            for (var i = 0; i < n - 1; i++)
            {
                for (var j = i + 2; j < n; j++)
                {
                    int a = order[i], b = order[i + 1], c = order[j], e = order[(j + 1) % n];
                    if (a == e) continue;
                    if (d[a, c] + d[b, e] < d[a, b] + d[c, e])
                    {
                        Array.Reverse(order, i + 1, j - i);
                        improved = true;
                    }
                }
            }
        }
        return new Tour(order, Length(d, order), clock.Elapsed);
    }

    private static long Length(long[,] d, int[] order)
    {
        long length = 0;
        for (var k = 0; k < order.Length; k++) length += d[order[k], order[(k + 1) % order.Length]];
        return length;
    }
}
