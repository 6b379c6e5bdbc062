using System.Globalization;
using CsvHelper;

namespace RiskMap.Api.Features.Import;

/// <summary>
/// Reads a CSV file with a header row (RFC 4180, through CsvHelper) as rows addressed by column name,
/// and parses fields while collecting <see cref="ImportError"/>s with row, column and value, so that one
/// pass reports every bad value of a file.
/// </summary>
public sealed class CsvRecords
{
    private readonly List<ImportError> _errors = [];

    private CsvRecords(string fileName) => FileName = fileName;

    /// <summary>Name used in errors.</summary>
    public string FileName { get; }

    /// <summary>Errors collected so far.</summary>
    public IReadOnlyList<ImportError> Errors => _errors;

    /// <summary>
    /// Reads <paramref name="fileName"/> in <paramref name="directory"/> (UTF-8) and parses each row with
    /// <paramref name="parse"/>; rows it rejects (null) are left out and their errors added to <paramref name="errors"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    public static List<T> ReadFile<T>(string directory, string fileName, IReadOnlyList<string> columns, List<ImportError> errors,
        Func<CsvRow, T?> parse) where T : class
    {
        using var reader = new StreamReader(Path.Combine(directory, fileName), System.Text.Encoding.UTF8);
        var (file, rows) = Read(reader, fileName, columns);
        var records = new List<T>(rows.Count);
        foreach (var row in rows)
            if (parse(row) is { } record) records.Add(record);
        errors.AddRange(file.Errors);
        return records;
    }

    /// <summary>
    /// Reads every row of <paramref name="reader"/>. Missing <paramref name="requiredColumns"/> are reported
    /// as errors on row 1 and yield no rows. Header names are matched case-insensitively after trimming.
    /// </summary>
    public static (CsvRecords Parser, List<CsvRow> Rows) Read(TextReader reader, string fileName, IReadOnlyList<string> requiredColumns)
    {
        var records = new CsvRecords(fileName);
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        using var csv = CsvHelper.CsvReader.Create(reader, options, leaveOpen: true);
        csv.ReadHeader();
        var header = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (header.Length == 0)
        {
            records.Error(1, "", null, "The file is empty: a header row is expected.");
            return (records, []);
        }
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++) index.TryAdd(header[i], i);
        var missing = requiredColumns.Where(c => !index.ContainsKey(c)).ToList();
        foreach (var column in missing)
            records.Error(1, column, null, $"Column '{column}' is missing. The header has: {string.Join(", ", header)}.");
        if (missing.Count > 0) return (records, []);

        var rows = new List<CsvRow>();
        while (csv.Read())
        {
            var fields = new string?[header.Length];
            for (var i = 0; i < header.Length && i < csv.FieldCount; i++) fields[i] = csv.GetString(i);
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add(new CsvRow(records, (int)csv.LineNumber, index, fields));
        }
        return (records, rows);
    }

    /// <summary>Records an error.</summary>
    public void Error(int row, string column, string? value, string reason)
        => _errors.Add(new ImportError(FileName, row, column, value is { Length: > 200 } ? value[..200] : value, reason));
}

/// <summary>One data row of a <see cref="CsvRecords"/> file, with typed field accessors that record errors.</summary>
public sealed class CsvRow
{
    private readonly CsvRecords _file;
    private readonly IReadOnlyDictionary<string, int> _index;
    private readonly string?[] _fields;

    internal CsvRow(CsvRecords file, int number, IReadOnlyDictionary<string, int> index, string?[] fields)
    {
        _file = file;
        Number = number;
        _index = index;
        _fields = fields;
    }

    /// <summary>Line of the file where the row starts (header = line 1), which is the row a spreadsheet shows.</summary>
    public int Number { get; }

    /// <summary>Errors recorded on this row so far.</summary>
    public int ErrorCount { get; private set; }

    /// <summary>Records an error on this row.</summary>
    public void Error(string column, string? value, string reason)
    {
        ErrorCount++;
        _file.Error(Number, column, value, reason);
    }

    /// <summary>The trimmed field, or null when the column is absent or the field is empty.</summary>
    public string? Optional(string column)
        => _index.TryGetValue(column, out var i) && i < _fields.Length && !string.IsNullOrWhiteSpace(_fields[i]) ? _fields[i]!.Trim() : null;

    /// <summary>The trimmed field; records an error when empty. At most <paramref name="maxLength"/> characters.</summary>
    public string Required(string column, int maxLength = 1000)
    {
        var value = Optional(column);
        if (value is null)
        {
            Error(column, null, "A value is required.");
            return "";
        }
        return CheckLength(column, value, maxLength);
    }

    /// <summary>The trimmed optional field, checked for length.</summary>
    public string? OptionalText(string column, int maxLength)
        => Optional(column) is { } value ? CheckLength(column, value, maxLength) : null;

    /// <summary>An ISO date (yyyy-MM-dd); null when empty and not <paramref name="required"/>.</summary>
    public DateOnly? Date(string column, bool required)
    {
        var value = Optional(column);
        if (value is null)
        {
            if (required) Error(column, null, "A date (yyyy-MM-dd) is required.");
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        Error(column, value, "Not a date in the form yyyy-MM-dd.");
        return null;
    }

    /// <summary>A non-negative integer (required).</summary>
    public int NonNegativeInt(string column)
    {
        var value = Optional(column);
        if (value is not null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        Error(column, value, "A whole number of 0 or more is required.");
        return 0;
    }

    /// <summary>A decimal number with '.' as the decimal separator; null when empty.</summary>
    public decimal? Decimal(string column)
    {
        var value = Optional(column);
        if (value is null) return null;
        if (decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d)) return d;
        Error(column, value, "Not a number (use '.' as the decimal separator, no thousands separators).");
        return null;
    }

    /// <summary>A coordinate in degrees within ±<paramref name="limit"/>.</summary>
    public double Degrees(string column, double limit)
    {
        var value = Optional(column);
        if (value is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            if (Math.Abs(d) <= limit) return d;
            Error(column, value, $"Out of range: must be between -{limit} and {limit} degrees.");
            return double.NaN;
        }
        Error(column, value, "Not a number of degrees (use '.' as the decimal separator).");
        return double.NaN;
    }

    /// <summary>true/false (also 1/0, yes/no, 是/否); false when empty.</summary>
    public bool Boolean(string column)
    {
        var value = Optional(column);
        switch (value?.ToLowerInvariant())
        {
            case null or "false" or "0" or "no" or "否" or "n": return false;
            case "true" or "1" or "yes" or "是" or "y": return true;
            default:
                Error(column, value, "Not a yes/no value (true/false).");
                return false;
        }
    }

    /// <summary>An enum member by name, case-insensitive (required).</summary>
    public TEnum Enum<TEnum>(string column) where TEnum : struct, System.Enum
    {
        var value = Optional(column);
        if (value is not null && System.Enum.TryParse<TEnum>(value, ignoreCase: true, out var e) && System.Enum.IsDefined(e) && !value.All(char.IsAsciiDigit))
            return e;
        Error(column, value, $"Expected one of: {string.Join(", ", System.Enum.GetNames<TEnum>())}.");
        return default;
    }

    private string CheckLength(string column, string value, int maxLength)
    {
        if (value.Length <= maxLength) return value;
        Error(column, value, $"Too long: {value.Length} characters, at most {maxLength}.");
        return value[..maxLength];
    }
}
