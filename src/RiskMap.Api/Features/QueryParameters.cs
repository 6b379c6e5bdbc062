using System.Globalization;

namespace RiskMap.Api.Features;

/// <summary>
/// Parses query-string values and collects errors per parameter name, so that a request with bad parameters
/// is answered with one 400 ValidationProblem naming each bad parameter and its value.
/// </summary>
public sealed class QueryParameters
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    /// <summary>Errors collected so far, keyed by parameter name.</summary>
    public IDictionary<string, string[]> Errors => _errors;

    /// <summary>True when no error was collected.</summary>
    public bool IsValid => _errors.Count == 0;

    /// <summary>Records an error for <paramref name="name"/>.</summary>
    public void AddError(string name, string message)
        => _errors[name] = _errors.TryGetValue(name, out var existing) ? [.. existing, message] : [message];

    /// <summary>Parses an ISO date (yyyy-MM-dd); null when absent. Records an error when malformed.</summary>
    public DateOnly? Date(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
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

    /// <summary>Records an error when both dates are present and <paramref name="from"/> is after <paramref name="to"/>.</summary>
    public void Period(string fromName, DateOnly? from, string toName, DateOnly? to)
    {
        if (from is { } f && to is { } t && f > t)
            AddError(toName, $"'{toName}' ({t:yyyy-MM-dd}) is before '{fromName}' ({f:yyyy-MM-dd}).");
    }
}
