using System.Globalization;
using System.Text.RegularExpressions;
using RiskMap.Api.Hosting;

namespace RiskMap.Api.Features.Ogc;

/// <summary>The values the <c>f</c> query parameter of one OGC operation accepts (case-insensitive), attached as metadata.</summary>
/// <param name="Values">e.g. <c>json</c>, <c>geojson</c>; the first is the default.</param>
public sealed record OgcFormats(IReadOnlyList<string> Values);

/// <summary>
/// A <c>datetime</c> value as calendar days in China Standard Time (the days hazards are recorded in), both included;
/// a null bound is open (<c>..</c> or an empty string).
/// </summary>
/// <param name="From">First day, or null.</param>
/// <param name="To">Last day, or null.</param>
public sealed record OgcPeriod(DateOnly? From, DateOnly? To);

/// <summary>
/// The query parameters of <c>/ogc</c> and their checks, from OGC API – Features – Part 1: Core (OGC 17-069r4):
/// unknown names (/req/core/query-param-unknown) and invalid values (/req/core/query-param-invalid) are 400 problems
/// naming the parameter; <c>datetime</c> follows /req/core/fc-time-definition; <c>bbox-crs</c> (Part 2, OGC 18-058)
/// is accepted only as CRS84 because the service declares no Part 2 conformance.
/// </summary>
public static partial class OgcParameters
{
    /// <summary>The landing page, conformance and collection descriptions: <c>f=json</c> only.</summary>
    public static readonly OgcFormats Metadata = new(["json"]);

    /// <summary>Features (one or a page): <c>f=json</c> or <c>f=geojson</c> (both are GeoJSON).</summary>
    public static readonly OgcFormats Features = new(["json", "geojson"]);

    /// <summary>
    /// Group filter for unknown names (/req/core/query-param-unknown): the names each operation's handler binds, exactly
    /// as the API definition spells them (<see cref="QueryParameterCheck"/>) — for items Part 1's bbox, datetime and
    /// limit, bbox-crs (CRS84 only), offset and cursor (next links), f and the property filters of /rec/core/fc-filters.
    /// </summary>
    public static readonly Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> CheckNamesAsync =
        QueryParameterCheck.Filter(caseSensitive: true, rule: "OGC API – Features /req/core/query-param-unknown");

    /// <summary>
    /// Group filter: 400 with a validation problem when <c>f</c> is not one of the operation's <see cref="OgcFormats"/>.
    /// <c>f=html</c> is a 400, not a 406: 406 answers the Accept header's negotiation (RFC 9110 §15.5.7), while a query
    /// parameter with a value the API does not offer is an invalid parameter (/req/core/query-param-invalid).
    /// </summary>
    public static async ValueTask<object?> CheckFormatAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.GetEndpoint()?.Metadata.GetMetadata<OgcFormats>() is { } formats && http.Request.Query.TryGetValue("f", out var f))
        {
            var q = new RequestValidator();
            q.OneOf("f", f.ToString(), formats.Values[0], [.. formats.Values]);
            if (!q.IsValid) return q.ToProblem("Unsupported format");
        }
        return await next(context);
    }

    /// <summary>
    /// Checks <c>bbox-crs</c>: absent, empty or <see cref="OgcApi.Crs84"/>. Any other CRS would need Part 2 (OGC 18-058,
    /// /req/crs/fc-bbox-crs-definition), which the conformance declaration does not claim, so it is a 400.
    /// </summary>
    public static void BboxCrs(RequestValidator q, string name, string? value)
    {
        if (string.IsNullOrEmpty(value) || value == OgcApi.Crs84) return;
        q.AddError(name, $"'{value}' is not supported: bbox is in CRS84 ({OgcApi.Crs84}) only; this service does not implement OGC API – Features Part 2 (CRS by reference).");
    }

    /// <summary>
    /// Parses <c>datetime</c> (/req/core/fc-time-definition): an instant, or an interval <c>start/end</c> whose open end
    /// is <c>..</c> or empty (one end must be given). An instant is an RFC 3339 §5.6 date-time with its offset
    /// (<c>2020-06-30T12:00:00Z</c>, <c>2020-06-30T20:00:00+08:00</c>) and counts as the China Standard Time day it falls
    /// on; a bare full-date (<c>2020-06-30</c>) is also accepted, as that day. Null when absent or empty (as the other
    /// parameters); records an error when malformed, when a given end's day is outside <see cref="Ranges.Day"/>, or when
    /// start is after end.
    /// </summary>
    public static OgcPeriod? Period(RequestValidator q, string name, string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var parts = value.Split('/');
        var interval = parts.Length == 2;
        if (parts.Length > 2 || !Bound(parts[0], interval, out var from) || !Bound(parts[^1], interval, out var to) || (from ?? to) is null)
        {
            q.AddError(name, $"'{value}' is not a date-time (RFC 3339, e.g. 2020-06-30T12:00:00Z) or an interval start/end with '..' for an open end (e.g. 2020-01-01T00:00:00Z/..); send a '+' offset as %2B.");
            return null;
        }
        if ((from is { } first && !Ranges.Day.Contains(first)) || (to is { } last && !Ranges.Day.Contains(last)))
        {
            q.AddError(name, $"'{value}' is outside the days this service keeps, {Ranges.Day} (China Standard Time); leave an end open with '..' instead.");
            return null;
        }
        if (from > to)
        {
            q.AddError(name, $"'{value}' ends before it starts.");
            return null;
        }
        return new OgcPeriod(from, to);
    }

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
