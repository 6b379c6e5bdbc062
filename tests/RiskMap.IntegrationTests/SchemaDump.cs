using System.Diagnostics;
using System.Text;
using RiskMap.Api.Hosting;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>
/// The schema of a database as <c>pg_dump --schema-only</c> prints it, normalised so that two databases holding the same
/// objects compare equal: comments, settings and psql meta-commands removed, and the lines inside each
/// <c>CREATE TABLE</c> sorted (a column added by a later <c>ALTER TABLE</c> sits last in its table, and no query
/// depends on the order of columns).
/// </summary>
internal static class SchemaDump
{
    /// <summary>The normalised schema of <paramref name="database"/> in the <see cref="TestCluster"/>.</summary>
    /// <exception cref="InvalidOperationException">pg_dump failed; the message holds its output.</exception>
    public static async Task<string> OfAsync(string database)
    {
        var cluster = await TestCluster.GetAsync();
        var start = new ProcessStartInfo(Path.Combine(cluster.BinDirectory, "pg_dump"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--schema-only", "--no-owner", "--no-privileges", "--host", "127.0.0.1", "--port",
                     cluster.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username",
                     LocalPostgresCluster.SuperUser, database,
                 })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PGPASSWORD"] = cluster.Password;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start pg_dump.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"pg_dump failed ({process.ExitCode}): {await error}");
        return Normalise(await output);
    }

    /// <summary>
    /// Drops what differs between two dumps of the same schema (comment lines, <c>SET</c> and <c>set_config</c> lines,
    /// psql meta-commands such as <c>\restrict</c>, blank lines) and sorts the member lines of every
    /// <c>CREATE TABLE</c>, without their trailing commas.
    /// </summary>
    public static string Normalise(string dump)
    {
        var result = new StringBuilder();
        List<string>? members = null;
        foreach (var line in dump.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith("--", StringComparison.Ordinal) || line.StartsWith('\\')
                || line.StartsWith("SET ", StringComparison.Ordinal)
                || line.StartsWith("SELECT pg_catalog.set_config", StringComparison.Ordinal))
            {
                continue;
            }
            if (members is not null)
            {
                if (line.StartsWith(')'))
                {
                    foreach (var member in members.Order(StringComparer.Ordinal)) result.Append(member).Append('\n');
                    members = null;
                    result.Append(line).Append('\n');
                }
                else
                {
                    members.Add(line.TrimEnd(','));
                }
                continue;
            }
            result.Append(line).Append('\n');
            if (line.StartsWith("CREATE TABLE ", StringComparison.Ordinal) && line.EndsWith(" (", StringComparison.Ordinal)) members = [];
        }
        return result.ToString();
    }
}
