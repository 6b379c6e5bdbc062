using Npgsql;

namespace RiskMap.Api.Features;

/// <summary>
/// Versions of the map data, per township: numbers the database bumps on every statement that writes districts,
/// townships, enterprises or hazards (statement-level triggers with transition tables on the table
/// <c>riskmap_data_versions</c>, Data/Sql/riskmap_bump_data_versions.sql). The row <c>'*'</c> counts every such statement; the
/// row of a township code counts the statements that wrote a row of that township (an enterprise or hazard in it, or
/// the township itself; both townships when a row moves). Responses that may be cached carry a hash of the versions the
/// caller may see in their ETag, so a cached copy is reused until that data changes and never after — and a township
/// chief's validator does not move when another township writes.
/// </summary>
public static class DataVersion
{
    /// <summary>The row of <c>riskmap_data_versions</c> bumped by every write: what a reader of every township sees.</summary>
    public const string Everything = "*";

    /// <summary>
    /// The versions behind a representation restricted to <paramref name="townships"/> (9-digit codes), or to every
    /// township when null: <c>"*=n"</c> for every township, else <c>"code=n"</c> per township in code order, joined by
    /// commas; a township no statement has written yet has version 0. One primary-key read per township.
    /// </summary>
    public static async Task<string> CurrentAsync(NpgsqlDataSource dataSource, IReadOnlyCollection<string>? townships,
        CancellationToken cancellationToken)
    {
        var areas = townships?.Order(StringComparer.Ordinal).Distinct().ToArray() ?? [Everything];
        await using var command = dataSource.CreateCommand("""
            SELECT a.area, coalesce(v.version, 0) AS version
            FROM unnest(@areas) AS a(area) LEFT JOIN riskmap_data_versions v ON v.area = a.area
            ORDER BY a.area
            """);
        command.Parameters.TextArray("areas", areas);
        var versions = await Sql.QueryAsync(command, r => $"{r.Get<string>("area")}={r.Get<long>("version")}", cancellationToken);
        return string.Join(',', versions);
    }

    /// <summary>
    /// A strong entity tag (RFC 9110 §8.8.3) for a representation made from data at <paramref name="versions"/> (from
    /// <see cref="CurrentAsync"/>) and the values in <paramref name="parts"/> that select it beyond its URL (the resolved
    /// day, the caller's scope): <c>"{hash}"</c>, the hash 16 hex digits of a 64-bit FNV-1a of the versions and parts.
    /// The versions are not shown in clear.
    /// </summary>
    public static string ETag(string versions, params string?[] parts)
    {
        var hash = 14695981039346656037UL;
        foreach (var part in parts.Prepend(versions))
        {
            foreach (var c in part ?? "\u0000")
            {
                hash ^= c;
                hash *= 1099511628211UL;
            }
            hash ^= 0x1F;
            hash *= 1099511628211UL;
        }
        return $"\"{hash:x16}\"";
    }

    /// <summary>True when the request's If-None-Match lists <paramref name="etag"/> (or is <c>*</c>).</summary>
    public static bool Matches(HttpRequest request, string etag)
    {
        foreach (var value in request.Headers.IfNoneMatch)
        {
            if (value is null) continue;
            foreach (var candidate in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                if (candidate == "*" || candidate == etag || candidate == "W/" + etag) return true;
        }
        return false;
    }
}
