using System.Diagnostics;

namespace RiskMap.TestSupport;

/// <summary>
/// Runs Debian's GDAL command-line tools (gdal-bin: ogrinfo, ogr2ogr), a client nobody here wrote, against the
/// service. A missing GDAL fails the test with the error; nothing is skipped.
/// </summary>
public static class Gdal
{
    /// <summary>What a tool printed and its exit code.</summary>
    /// <param name="ExitCode">Exit code.</param>
    /// <param name="Output">Standard output.</param>
    /// <param name="Error">Standard error.</param>
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>
    /// Runs <paramref name="tool"/> with <paramref name="arguments"/>. <paramref name="bearerToken"/>, when given, is
    /// sent with every HTTP request as <c>Authorization: Bearer …</c> (GDAL_HTTP_HEADER_FILE).
    /// </summary>
    /// <exception cref="InvalidOperationException">The tool ran longer than two minutes.</exception>
    public static async Task<Result> RunAsync(string tool, IEnumerable<string> arguments, string? bearerToken = null)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        string? headers = null;
        if (bearerToken is not null)
        {
            headers = Path.GetTempFileName();
            await File.WriteAllTextAsync(headers, $"Authorization: Bearer {bearerToken}\n");
            start.Environment["GDAL_HTTP_HEADER_FILE"] = headers;
        }
        // No proxy for the loopback service, and no HTTP cache between runs.
        start.Environment["GDAL_HTTP_PROXY"] = "";
        start.Environment["CPL_VSIL_CURL_USE_CACHE"] = "NO";
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{tool} {string.Join(' ', start.ArgumentList)} ran longer than two minutes.");
            }
            return new Result(process.ExitCode, await output, await error);
        }
        finally
        {
            if (headers is not null) File.Delete(headers);
        }
    }
}
