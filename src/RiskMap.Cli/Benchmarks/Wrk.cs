using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RiskMap.Cli.Benchmarks;

/// <summary>What wrk measured.</summary>
/// <param name="RequestsPerSecond">Completed requests per second.</param>
/// <param name="Requests">Completed requests.</param>
/// <param name="Errors">Socket errors plus responses outside 2xx/3xx.</param>
/// <param name="P99Milliseconds">99th percentile latency, ms.</param>
internal sealed record WrkResult(double RequestsPerSecond, long Requests, long Errors, double P99Milliseconds);

/// <summary>
/// Runs wrk (Debian's package), a load generator in a process of its own, cycling through a list of paths on one
/// server: 2 threads, <c>connections</c> keep-alive connections, a fixed duration, loopback only.
/// </summary>
internal static partial class Wrk
{
    /// <summary>wrk's threads.</summary>
    public const int Threads = 2;

    /// <summary>Loads <paramref name="origin"/> with GETs of <paramref name="paths"/> in turn for <paramref name="seconds"/>.</summary>
    /// <exception cref="InvalidOperationException">wrk is missing or failed.</exception>
    /// <param name="origin">Scheme, host and port.</param>
    /// <param name="paths">Paths with query strings, requested in turn.</param>
    /// <param name="seconds">Duration.</param>
    /// <param name="connections">Keep-alive connections.</param>
    /// <param name="workDirectory">Where the Lua script is written.</param>
    /// <param name="header">A header sent with every request (the session cookie or the API token), or null.</param>
    public static async Task<WrkResult> RunAsync(string origin, IReadOnlyList<string> paths, int seconds, int connections, string workDirectory,
        (string Name, string Value)? header = null)
    {
        var script = Path.Combine(workDirectory, $"wrk-{Guid.NewGuid():N}.lua");
        var list = string.Join(",\n", paths.Select(p => "  \"" + p.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""));
        await File.WriteAllTextAsync(script, $$"""
            local paths = {
            {{list}}
            }
            -- Thread t (of {{Threads}}) takes paths t, t + {{Threads}}, …: the connections of all threads keep as many
            -- distinct paths in flight as there are connections, like the raw side's workers.
            local started = 0
            function setup(thread)
              thread:set("id", started)
              started = started + 1
            end
            local i = nil
            {{(header is { } h ? $"wrk.headers[\"{h.Name}\"] = \"{h.Value.Replace("\"", "\\\"")}\"" : "")}}
            request = function()
              if i == nil then i = id else i = i + {{Threads}} end
              return wrk.format("GET", paths[(i % #paths) + 1])
            end
            """);
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { $"-t{Threads}", $"-c{connections}", $"-d{seconds}s", "--latency", "--timeout", "10s", "-s", script, origin })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start wrk (apt-get install wrk).");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Delete(script);
        if (process.ExitCode != 0) throw new InvalidOperationException($"wrk failed: {error}{output}");

        double Number(Regex pattern) => pattern.Match(output) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socket = SocketErrors().Match(output);
        var socketErrors = socket.Success ? Enumerable.Range(1, 4).Sum(g => long.Parse(socket.Groups[g].Value, CultureInfo.InvariantCulture)) : 0;
        var p99 = P99().Match(output);
        var p99Ms = p99.Success ? double.Parse(p99.Groups[1].Value, CultureInfo.InvariantCulture) * p99.Groups[2].Value switch
        {
            "us" => 0.001, "ms" => 1, "s" => 1000, _ => double.NaN,
        } : double.NaN;
        return new WrkResult(Number(RequestsPerSecond()), (long)Number(Requests()), socketErrors + (long)Number(Non2xx()), p99Ms);
    }

    /// <summary>
    /// Runs of equal duration taken together: the mean rate (= all requests over all the time), requests and errors
    /// summed, the worst p99.
    /// </summary>
    public static WrkResult Combine(IReadOnlyList<WrkResult> runs)
        => new(runs.Average(r => r.RequestsPerSecond), runs.Sum(r => r.Requests), runs.Sum(r => r.Errors), runs.Max(r => r.P99Milliseconds));

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"\s99%\s+([\d.]+)(us|ms|s)")]
    private static partial Regex P99();
}
