using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace RiskMap.Api.Features;

/// <summary>
/// Parses query-string values and checks body fields, collecting errors per parameter or field name (for a body, its
/// JSON path such as <c>hazards[0].deadline</c>), so that a bad request is answered with one 400 validation problem
/// naming each bad parameter or field and its value.
/// </summary>
public sealed class RequestValidator
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    /// <summary>Errors collected so far, keyed by parameter name.</summary>
    public IDictionary<string, string[]> Errors => _errors;

    /// <summary>True when no error was collected.</summary>
    public bool IsValid => _errors.Count == 0;

    /// <summary>Records an error for <paramref name="name"/>.</summary>
    public void AddError(string name, string message)
        => _errors[name] = _errors.TryGetValue(name, out var existing) ? [.. existing, message] : [message];

    /// <summary>
    /// The collected errors as a 400 response: an RFC 7807 validation problem whose <c>errors</c> member maps each bad
    /// parameter to its messages.
    /// </summary>
    public ProblemHttpResult ToProblem(string title = "Invalid request parameters")
        => TypedResults.Problem(new HttpValidationProblemDetails(_errors) { Status = StatusCodes.Status400BadRequest, Title = title });

    /// <summary>A 404 problem naming the parameter whose value was not found.</summary>
    public static ProblemHttpResult NotFound(string title, string parameter, string detail)
        => TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Title = title,
            Detail = $"{detail} (parameter '{parameter}').",
            Extensions = { ["parameter"] = parameter },
        });

    /// <summary>Parses a comma-separated list of sector codes (e.g. <c>gas,fireworks</c>); null when absent.</summary>
    public IReadOnlyList<string>? Sectors(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var codes = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        var unknown = codes.Where(c => !Domain.Sector.IsKnown(c)).ToList();
        if (unknown.Count == 0 && codes.Count > 0) return codes;
        AddError(name, $"'{string.Join(",", unknown)}' is not a sector. Known sectors: {string.Join(", ", Domain.Sector.All.Select(s => s.Code))}.");
        return null;
    }

    /// <summary>Parses one of <paramref name="allowed"/> (case-insensitive), returning its canonical spelling; <paramref name="fallback"/> when absent.</summary>
    public string OneOf(string name, string? value, string fallback, params string[] allowed)
    {
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        var match = allowed.FirstOrDefault(a => string.Equals(a, value.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is not null) return match;
        AddError(name, $"'{value}' is not allowed. Use one of: {string.Join(", ", allowed)}.");
        return fallback;
    }

    /// <summary>Parses an output coordinate system (<c>wgs84</c> default, <c>gcj02</c>, <c>bd09</c>, <c>cgcs2000</c>).</summary>
    public Geo.GeographicSystem Crs(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return Geo.GeographicSystem.Wgs84;
        if (Geo.Crs.Parse(value) is { } system) return system;
        AddError(name, $"'{value}' is not a coordinate system. Use one of: {string.Join(", ", Geo.Crs.Names)}.");
        return Geo.GeographicSystem.Wgs84;
    }

    /// <summary>Parses a whole number in <paramref name="range"/> (one of <see cref="Ranges"/>); <paramref name="fallback"/> when absent.</summary>
    public int Int(string name, string? value, int fallback, ValueRange<int> range)
    {
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        if (int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && range.Contains(n)) return n;
        AddError(name, $"'{value}' must be a whole number in {range.Describe()}.");
        return fallback;
    }

    /// <summary>
    /// Checks an optional body value against <paramref name="range"/> (one of <see cref="Ranges"/>), recording an error that
    /// names the range; returns the value when it is absent or in range, null otherwise.
    /// </summary>
    public T? InRange<T>(string name, T? value, ValueRange<T> range) where T : struct, IComparable<T>, IFormattable
    {
        if (value is not { } given || range.Contains(given)) return value;
        AddError(name, $"{ValueRange<T>.Format(given)} is outside the allowed range {range.Describe()}.");
        return null;
    }

    /// <summary>Parses true/false; null when absent.</summary>
    public bool? Bool(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (bool.TryParse(value.Trim(), out var b)) return b;
        AddError(name, $"'{value}' must be true or false.");
        return null;
    }

    /// <summary>
    /// Parses a bounding box <c>minLon,minLat,maxLon,maxLat</c> in WGS-84 degrees; null when absent. Records an error
    /// when it does not have four numbers, is out of range, or min exceeds max.
    /// </summary>
    public (double MinLon, double MinLat, double MaxLon, double MaxLat)? BoundingBox(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var parts = value.Split(',');
        var numbers = new double[4];
        if (parts.Length != 4 || parts.Select((p, i) => double.TryParse(p.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) && double.IsFinite(numbers[i])).Any(ok => !ok))
        {
            AddError(name, $"'{value}' is not a bounding box 'minLon,minLat,maxLon,maxLat' of four numbers.");
            return null;
        }
        if (numbers[0] < -180 || numbers[2] > 180 || numbers[1] < -90 || numbers[3] > 90 || numbers[0] > numbers[2] || numbers[1] > numbers[3])
        {
            AddError(name, $"'{value}' is not a valid bounding box: longitudes within ±180, latitudes within ±90, minimum before maximum.");
            return null;
        }
        return (numbers[0], numbers[1], numbers[2], numbers[3]);
    }

    /// <summary>Records an error for <paramref name="name"/> when <paramref name="value"/> is null; returns it.</summary>
    public T? Required<T>(string name, T? value) where T : struct
    {
        if (value is null) AddError(name, $"'{name}' is required.");
        return value;
    }

    /// <summary>A required day within <see cref="Ranges.Day"/> that is not after <paramref name="today"/>; records an error otherwise.</summary>
    public DateOnly? RequiredPastDate(string name, DateOnly? value, DateOnly today)
    {
        Required(name, value);
        if (value > today) AddError(name, $"{value:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd}).");
        else InRange(name, value, Ranges.Day);
        return value;
    }

    /// <summary>
    /// Checks a required or optional text field: trimmed, not empty when <paramref name="required"/>, at most
    /// <paramref name="length"/>'s maximum of characters (one of <see cref="Ranges"/>). Returns the trimmed text or null.
    /// </summary>
    public string? Text(string name, string? value, ValueRange<int> length, bool required)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required) AddError(name, $"'{name}' is required.");
            return null;
        }
        if (text.Length > length.Max)
        {
            AddError(name, $"'{name}' is too long: {text.Length} characters, at most {length.Max}.");
            return text[..length.Max];
        }
        return text;
    }

    /// <summary>Parses an ISO date (yyyy-MM-dd) within <see cref="Ranges.Day"/>; null when absent. Records an error when malformed or out of range.</summary>
    public DateOnly? Date(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return InRange(name, date, Ranges.Day);
        AddError(name, $"'{value}' is not a date in the form yyyy-MM-dd.");
        return null;
    }

    /// <summary>Parses a required ISO date; records an error when absent or malformed.</summary>
    public DateOnly RequiredDate(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            AddError(name, $"The '{name}' parameter is required (yyyy-MM-dd).");
            return default;
        }
        return Date(name, value) ?? default;
    }

    /// <summary>Checks a sector code against <see cref="Domain.Sector.All"/>; null when absent.</summary>
    public string? Sector(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var code = value.Trim();
        if (Domain.Sector.IsKnown(code)) return code;
        AddError(name, $"'{value}' is not a sector. Known sectors: {string.Join(", ", Domain.Sector.All.Select(s => s.Code))}.");
        return null;
    }

    /// <summary>Checks that a value is exactly <paramref name="digits"/> ASCII digits; null when absent.</summary>
    public string? Code(string name, string? value, int digits)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var code = value.Trim();
        if (code.Length == digits && code.All(char.IsAsciiDigit)) return code;
        AddError(name, $"'{value}' is not a {digits}-digit code.");
        return null;
    }

    /// <summary>Parses a comma-separated list of <paramref name="digits"/>-digit codes (e.g. townships); null when absent.</summary>
    public IReadOnlyList<string>? Codes(string name, string? value, int digits)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var codes = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        var bad = codes.Where(c => c.Length != digits || !c.All(char.IsAsciiDigit)).ToList();
        if (bad.Count == 0 && codes.Count > 0) return codes;
        AddError(name, $"'{string.Join(",", bad)}' is not a list of {digits}-digit codes.");
        return null;
    }

    /// <summary>Records an error when both dates are present and <paramref name="from"/> is after <paramref name="to"/>.</summary>
    public void Period(string fromName, DateOnly? from, string toName, DateOnly? to)
    {
        if (from is { } f && to is { } t && f > t)
            AddError(toName, $"'{toName}' ({t:yyyy-MM-dd}) is before '{fromName}' ({f:yyyy-MM-dd}).");
    }
}
