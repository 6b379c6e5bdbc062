using System.Diagnostics;
using System.Globalization;

namespace RiskMap.Cli.Benchmarks;

/// <summary>Latencies of one side of a comparison, in milliseconds.</summary>
/// <param name="Name">What was timed.</param>
/// <param name="Milliseconds">One latency per request, in the order run.</param>
internal sealed record Timings(string Name, List<double> Milliseconds)
{
    /// <summary>Sum of the latencies, ms.</summary>
    public double Total => Milliseconds.Sum();

    /// <summary>The <paramref name="p"/>-th percentile (nearest rank), ms.</summary>
    public double Percentile(double p)
    {
        var sorted = Milliseconds.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}

/// <summary>Timing and memory helpers of the benchmark.</summary>
internal static class Measure
{
    /// <summary>
    /// Runs every request through <paramref name="subject"/> and <paramref name="baseline"/>, alternating request by
    /// request so that both meet the same cache and load, and alternating which of the two goes first (so that neither
    /// always finds the other's rows cached), after one untimed warm-up pass of each; repeats <paramref name="rounds"/>
    /// times.
    /// </summary>
    public static async Task<(Timings Subject, Timings Baseline)> CompareAsync<T>(IReadOnlyList<T> requests, int rounds,
        (string Name, Func<T, Task> Run) subject, (string Name, Func<T, Task> Run) baseline)
    {
        foreach (var r in requests)
        {
            await subject.Run(r);
            await baseline.Run(r);
        }
        var s = new Timings(subject.Name, []);
        var b = new Timings(baseline.Name, []);
        var turn = 0;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var r in requests)
            {
                if (turn++ % 2 == 0)
                {
                    s.Milliseconds.Add(await TimeAsync(() => subject.Run(r)));
                    b.Milliseconds.Add(await TimeAsync(() => baseline.Run(r)));
                }
                else
                {
                    b.Milliseconds.Add(await TimeAsync(() => baseline.Run(r)));
                    s.Milliseconds.Add(await TimeAsync(() => subject.Run(r)));
                }
            }
        }
        return (s, b);
    }

    /// <summary>Milliseconds <paramref name="work"/> took.</summary>
    public static async Task<double> TimeAsync(Func<Task> work)
    {
        var clock = Stopwatch.StartNew();
        await work();
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>Peak resident memory (VmHWM) of process <paramref name="pid"/> since it started or since the last <see cref="ResetPeak"/>, MiB.</summary>
    public static double PeakMiB(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        return double.NaN;
    }

    /// <summary>Resets the peak resident memory of <paramref name="pid"/> to its current size (Linux: "5" to /proc/PID/clear_refs).</summary>
    public static void ResetPeak(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

    /// <summary>A number with invariant formatting and <paramref name="decimals"/> decimals.</summary>
    public static string F(double value, int decimals = 1) => value.ToString($"F{decimals}", CultureInfo.InvariantCulture);
}
