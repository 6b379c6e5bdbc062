using Npgsql;

namespace RiskMap.Api.Features;

/// <summary>
/// The version of the map data: a number the database bumps on every statement that writes districts, townships,
/// enterprises or hazards (statement-level triggers on the one-row table <c>riskmap_data_version</c>,
/// Data/Sql/riskmap_bump_data_version.sql). Responses that may be cached carry it in their ETag, so a cached copy is reused until the
/// data changes and never after.
/// </summary>
public static class DataVersion
{
    /// <summary>The current version (one primary-key read).</summary>
    public static async Task<long> CurrentAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT version FROM riskmap_data_version");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// A strong entity tag (RFC 9110 §8.8.3) for a representation made from data version <paramref name="version"/>
    /// and the values in <paramref name="parts"/> that select it beyond its URL (the resolved day, the caller's scope):
    /// <c>"v{version}-{hash}"</c>, the hash a 64-bit FNV-1a of the parts.
    /// </summary>
    public static string ETag(long version, params string?[] parts)
    {
        var hash = 14695981039346656037UL;
        foreach (var part in parts)
        {
            foreach (var c in part ?? "\u0000")
            {
                hash ^= c;
                hash *= 1099511628211UL;
            }
            hash ^= 0x1F;
            hash *= 1099511628211UL;
        }
        return $"\"v{version}-{hash:x16}\"";
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
