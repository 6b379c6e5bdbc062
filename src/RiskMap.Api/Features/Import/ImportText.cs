using System.Globalization;
using System.Text;

namespace RiskMap.Api.Features.Import;

/// <summary>
/// Normalises what people type into spreadsheets before it is parsed: full-width digits, letters and punctuation
/// (entered with a Chinese input method) become ASCII through Unicode NFKC (Unicode Standard Annex #15), and the
/// minus signs U+2212 and U+FE63 become '-'. Numbers with a decimal comma are understood only where that cannot be
/// mistaken for a thousands separator; everything else ambiguous is refused, never truncated.
/// </summary>
public static class ImportText
{
    /// <summary>NFKC, minus signs as '-', the ideographic space as a space, trimmed. Null stays null.</summary>
    public static string? Normalize(string? value)
    {
        if (value is null) return null;
        var text = value.IsNormalized(NormalizationForm.FormKC) ? value : value.Normalize(NormalizationForm.FormKC);
        if (text.AsSpan().IndexOfAny('\u2212', '\uFE63') >= 0) text = text.Replace('\u2212', '-').Replace('\uFE63', '-');
        return text.Trim();
    }

    /// <summary>
    /// Parses a number of degrees: '.' as the decimal separator, or a single ',' with digits on both sides and no '.'
    /// (a decimal comma, as European locales write it: degrees never need a thousands separator, so it cannot be one).
    /// Anything else with a ',' — "1,234.5", "112,5,3" — is refused. Returns null with <paramref name="error"/> set to a
    /// code of <see cref="ImportProblemCodes"/> (<see cref="ImportProblemCodes.DegreesComma"/> or
    /// <see cref="ImportProblemCodes.DegreesFormat"/>).
    /// </summary>
    public static double? ParseDegrees(string text, out string? error)
    {
        error = null;
        var value = Normalize(text)!;
        var commas = value.Count(c => c == ',');
        if (commas == 1 && !value.Contains('.'))
        {
            var i = value.IndexOf(',');
            if (i > 0 && i < value.Length - 1 && char.IsAsciiDigit(value[i - 1]) && char.IsAsciiDigit(value[i + 1]))
                value = value.Replace(',', '.');
        }
        if (value.Contains(','))
        {
            error = ImportProblemCodes.DegreesComma;
            return null;
        }
        if (double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
            return d;
        error = ImportProblemCodes.DegreesFormat;
        return null;
    }

    /// <summary>
    /// Splits one "longitude,latitude" cell (e.g. <c>111.61,26.43</c>, <c>111.61 26.43</c>, <c>111,61;26,43</c>). With a
    /// ';' the two halves are split on it and each may use a decimal comma; otherwise on one ',' or on white space.
    /// Returns null with <paramref name="error"/> (a code of <see cref="ImportProblemCodes"/>) when the cell does not hold
    /// exactly two numbers.
    /// </summary>
    public static (double Lon, double Lat)? ParseCoordinatePair(string text, out string? error)
    {
        var value = Normalize(text)!.Trim('(', ')', '[', ']');
        string[] parts = value.Contains(';')
            ? value.Split(';', StringSplitOptions.TrimEntries)
            : value.Count(c => c == ',') == 1
                ? value.Split(',', StringSplitOptions.TrimEntries)
                : value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            error = value.Count(c => c == ',') > 1 ? ImportProblemCodes.CoordinatePairCommas : ImportProblemCodes.CoordinatePairExpected;
            return null;
        }
        var lon = ParseDegrees(parts[0], out error);
        if (lon is null) return null;
        var lat = ParseDegrees(parts[1], out error);
        return lat is null ? null : (lon.Value, lat.Value);
    }

    /// <summary>A header cell reduced for matching: NFKC, lower case, without white space, '_', '*' and brackets.</summary>
    public static string HeaderKey(string header)
        => new(Normalize(header)!.ToLowerInvariant().Where(c => !char.IsWhiteSpace(c) && c is not ('_' or '*' or '(' or ')' or '-')).ToArray());
}
