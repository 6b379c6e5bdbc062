using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using RiskMap.Api.Contract;
using RiskMap.Api.Hosting;

namespace RiskMap.Api.Features.Ogc;

/// <summary>
/// A <c>datetime</c> value as calendar days in China Standard Time (the days hazards are recorded in), both included;
/// a null bound is open (<c>..</c> or an empty string).
/// </summary>
/// <param name="From">First day, or null.</param>
/// <param name="To">Last day, or null.</param>
public sealed record OgcPeriod(DateOnly? From, DateOnly? To);

/// <summary>
/// The <c>datetime</c> parameter of OGC API – Features items (/req/core/fc-time-definition): an instant, or an interval
/// <c>start/end</c> whose open end is <c>..</c> or empty (one end must be given). An instant is an RFC 3339 §5.6
/// date-time with its offset (<c>2020-06-30T12:00:00Z</c>, <c>2020-06-30T20:00:00+08:00</c>) and counts as the China
/// Standard Time day it falls on; a bare full-date (<c>2020-06-30</c>) is also accepted, as that day. Binding fails with
/// <see cref="OgcProblemCodes.DatetimeFormat"/> (the value) when it is malformed; whether its days are ones the service
/// keeps and in order is checked by <see cref="OgcItemsQuery"/>.
/// </summary>
/// <param name="Text">The value as sent.</param>
/// <param name="Period">Its days.</param>
public readonly partial record struct OgcDatetime(string Text, OgcPeriod Period) : IQueryValue<OgcDatetime>
{
    /// <inheritdoc />
    public static string ProblemCode => OgcProblemCodes.DatetimeFormat;

    /// <inheritdoc />
    public static IReadOnlyList<string> ProblemArgs => [];

    /// <inheritdoc />
    public static OgcDatetime Parse(string s, IFormatProvider? provider)
        => TryParse(s, provider, out var value) ? value : throw new FormatException($"'{s}' is not an RFC 3339 date-time or interval.");

    /// <inheritdoc />
    public static bool TryParse(string? s, IFormatProvider? provider, out OgcDatetime result)
    {
        result = default;
        if (string.IsNullOrEmpty(s)) return false;
        var parts = s.Split('/');
        var interval = parts.Length == 2;
        if (parts.Length > 2 || !Bound(parts[0], interval, out var from) || !Bound(parts[^1], interval, out var to) || (from ?? to) is null) return false;
        result = new OgcDatetime(s, new OgcPeriod(from, to));
        return true;
    }

    /// <summary>The OpenAPI schema: a string, an instant or an interval.</summary>
    internal static OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.String,
        Description = "An RFC 3339 date-time (2020-06-30T12:00:00Z; a bare date 2020-06-30 is also taken) or an interval start/end with '..' or nothing for an open end.",
    };

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <summary>One end of a period: a day, or (in an interval) null for an open end; false when malformed.</summary>
    private static bool Bound(string text, bool mayBeOpen, out DateOnly? day)
    {
        day = (mayBeOpen && text is "" or "..") ? null : Day(text);
        return day is not null || (mayBeOpen && text is "" or "..");
    }

    /// <summary>
    /// The China Standard Time day of a full-date or an RFC 3339 instant; null when malformed. An instant whose day in
    /// China would be after 9999-12-31 is <see cref="DateOnly.MaxValue"/>, outside every range, rather than an overflow.
    /// </summary>
    private static DateOnly? Day(string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        if (!DateTime3339().IsMatch(text)
            || !DateTimeOffset.TryParse(text.ToUpperInvariant(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            return null;
        return instant.UtcDateTime > DateTime.MaxValue - CampaignCalendar.Offset ? DateOnly.MaxValue : CampaignCalendar.Day(instant);
    }

    /// <summary>RFC 3339 §5.6 date-time: full-date "T" partial-time time-offset (letters case-insensitive, §5.6 note).</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,7})?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex DateTime3339();
}

/// <summary>
/// The <c>bbox</c> parameter of OGC API – Features items (/req/core/fc-bbox-definition) as sent: four finite numbers
/// <c>minLon,minLat,maxLon,maxLat</c>. Binding fails with <see cref="ProblemCodes.FormatBoundingBox"/> when it is not
/// four numbers; whether they are a box in CRS84 is checked by <see cref="OgcItemsQuery"/> after <c>bbox-crs</c>, so that a
/// box in a CRS the service does not offer is refused for its CRS, not for its numbers.
/// </summary>
/// <param name="Text">The value as sent.</param>
public readonly record struct OgcBoundingBox(string Text) : IQueryValue<OgcBoundingBox>
{
    /// <inheritdoc />
    public static string ProblemCode => ProblemCodes.FormatBoundingBox;

    /// <inheritdoc />
    public static IReadOnlyList<string> ProblemArgs => [];

    /// <summary>The box in CRS84 degrees, or null when the numbers are not one (out of range, minimum after maximum).</summary>
    public BoundingBox? Crs84 => BoundingBox.TryParse(Text, CultureInfo.InvariantCulture, out var box) ? box : null;

    /// <inheritdoc />
    public static OgcBoundingBox Parse(string s, IFormatProvider? provider)
        => TryParse(s, provider, out var box) ? box : throw new FormatException($"'{s}' is not four numbers.");

    /// <inheritdoc />
    public static bool TryParse(string? s, IFormatProvider? provider, out OgcBoundingBox result)
    {
        result = default;
        var parts = s?.Split(',');
        if (parts is not { Length: 4 }) return false;
        foreach (var part in parts)
        {
            if (!double.TryParse(part.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || !double.IsFinite(n)) return false;
        }
        result = new OgcBoundingBox(s!);
        return true;
    }

    /// <summary>The OpenAPI schema: as <see cref="BoundingBox"/>'s, in CRS84.</summary>
    internal static OpenApiSchema Schema()
    {
        var schema = BoundingBox.Schema();
        schema.Description = "minLon,minLat,maxLon,maxLat in CRS84 degrees (longitudes within ±180, latitudes within ±90, minimum first).";
        return schema;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}

/// <summary>
/// The query parameters of <c>/ogc</c>, from OGC API – Features – Part 1: Core (OGC 17-069r4): unknown names
/// (/req/core/query-param-unknown) and invalid values (/req/core/query-param-invalid) are 400 problems naming the
/// parameter; the values are checked by the query records (<see cref="OgcDocumentQuery"/>, <see cref="OgcFeatureQuery"/>,
/// <see cref="OgcItemsQuery"/>) like those of <c>/api/v1</c>.
/// </summary>
public static class OgcParameters
{
    /// <summary>
    /// Group filter for unknown names (/req/core/query-param-unknown): the names each operation's handler binds, exactly
    /// as the API definition spells them (<see cref="QueryParameterCheck"/>) — for items Part 1's bbox, datetime and
    /// limit, bbox-crs (CRS84 only), offset and cursor (next links), f and the property filters of /rec/core/fc-filters.
    /// </summary>
    public static readonly Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> CheckNamesAsync =
        QueryParameterCheck.Filter(caseSensitive: true, rule: "OGC API – Features /req/core/query-param-unknown");
}
