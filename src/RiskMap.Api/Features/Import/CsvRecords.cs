using System.Globalization;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Features.Import;

/// <summary>
/// Reads a table file (CSV or XLSX, see <see cref="ImportTable"/>) with a header row as rows addressed by field name,
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

    /// <summary>Each field found in the file (canonical name) → the file's header cell for it.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; private set; } = new Dictionary<string, string>();

    /// <summary>
    /// <paramref name="errors"/> (of this file, from parsing or from the database checks) with <see cref="ImportError.Header"/>
    /// set to the file's header of their column on data rows (not on the header row, whose errors are about the header
    /// itself), so that their reasons name the column as the user's file does. A point
    /// checked as <c>longitude</c> that the file gave in one <c>coordinates</c> cell is reported on that column.
    /// </summary>
    public IReadOnlyList<ImportError> WithHeaders(IReadOnlyList<ImportError> errors) => errors.Select(e =>
    {
        var column = e.Column == "longitude" && !Headers.ContainsKey("longitude") && Headers.ContainsKey("coordinates") ? "coordinates" : e.Column;
        return e.Header is null && e.Row > 1 && Headers.TryGetValue(column, out var header) ? e with { Column = column, Header = header } : e;
    }).ToList();

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
    /// Reads every row of CSV text whose header must hold every one of <paramref name="requiredColumns"/> (matched
    /// case-insensitively after trimming). Missing columns are reported as errors on row 1 and yield no rows.
    /// </summary>
    public static (CsvRecords Parser, List<CsvRow> Rows) Read(TextReader reader, string fileName, IReadOnlyList<string> requiredColumns)
    {
        using var table = ImportTable.FromCsvText(reader, fileName);
        var (records, rows) = Read(table, requiredColumns.Select(c => new ImportField(c, c, true)).ToArray());
        return (records, rows.ToList());
    }

    /// <summary>
    /// Reads the rows of <paramref name="table"/> lazily (one at a time, so that large files stream). Columns are found
    /// through <see cref="ImportColumns.Resolve"/> with the user's <paramref name="mapping"/>; a missing required column,
    /// or a mapping naming no header, is reported on row 1 and yields no rows. For enterprise files either
    /// <c>longitude</c> and <c>latitude</c> or one <c>coordinates</c> column is required.
    /// </summary>
    public static (CsvRecords Parser, IEnumerable<CsvRow> Rows) Read(ImportTable table, IReadOnlyList<ImportField> fields,
        IReadOnlyDictionary<string, string>? mapping = null)
    {
        var records = new CsvRecords(table.FileName);
        if (table.Header.Count == 0)
        {
            records.Error(1, "", null, ImportProblemCodes.FileEmpty);
            return (records, []);
        }
        var (index, unknown) = ImportColumns.Resolve(table.Header, fields, mapping);
        records.Headers = index.ToDictionary(i => i.Key, i => table.Header[i.Value], StringComparer.Ordinal);
        var header = string.Join(", ", table.Header);
        foreach (var field in unknown)
            records.Error(1, field, mapping![field], ImportProblemCodes.MappingHeaderUnknown, header);
        foreach (var field in fields.Where(f => f.Required && !index.ContainsKey(f.Name)))
            records.Error(1, field.Name, null, ImportProblemCodes.ColumnMissing, field.Name, field.Chinese, header);
        if (fields.Any(f => f.Name == "coordinates") && !index.ContainsKey("coordinates")
            && !(index.ContainsKey("longitude") && index.ContainsKey("latitude")))
        {
            string Chinese(string name) => fields.First(f => f.Name == name).Chinese;
            records.Error(1, "longitude", null, ImportProblemCodes.CoordinateColumnsMissing, header, Chinese("longitude"), Chinese("latitude"), Chinese("coordinates"));
        }
        if (records.Errors.Count > 0) return (records, []);
        return (records, table.Rows().Select(r => new CsvRow(records, r.Number, index, r.Fields)));
    }

    /// <summary>Records an error: <paramref name="code"/> of <see cref="ImportProblemCodes"/> with its message arguments.</summary>
    public void Error(int row, string column, string? value, string code, params object?[] args)
        => _errors.Add(new ImportError(FileName, row, column, value is { Length: > 200 } ? value[..200] : value, code, args));
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

    private HashSet<string>? _rejected;

    /// <summary>Errors recorded on this row so far.</summary>
    public int ErrorCount { get; private set; }

    /// <summary>The columns (fields) with at least one error on this row; empty while the row is clean.</summary>
    public IReadOnlySet<string> Rejected => _rejected ?? ImportRecords.NoneRejected;

    /// <summary>True when <paramref name="column"/> has an error on this row.</summary>
    public bool IsRejected(string column) => _rejected?.Contains(column) == true;

    /// <summary>
    /// Records an error on this row (<paramref name="code"/> of <see cref="ImportProblemCodes"/> with its message arguments);
    /// the row keeps being read so that every bad value of it is reported.
    /// </summary>
    public void Error(string column, string? value, string code, params object?[] args)
    {
        ErrorCount++;
        (_rejected ??= []).Add(column);
        _file.Error(Number, column, value, code, args);
    }

    /// <summary>True when the file has the column (directly or through the mapping).</summary>
    public bool Has(string column) => _index.ContainsKey(column);

    /// <summary>The trimmed field, or null when the column is absent or the field is empty.</summary>
    public string? Optional(string column)
        => _index.TryGetValue(column, out var i) && i < _fields.Length && !string.IsNullOrWhiteSpace(_fields[i]) ? _fields[i]!.Trim() : null;

    /// <summary>The trimmed field; records an error when empty. At most <paramref name="maxLength"/> characters.</summary>
    public string Required(string column, int maxLength = FieldLengths.Description)
    {
        var value = Optional(column);
        if (value is null)
        {
            Error(column, null, ImportProblemCodes.ValueRequired);
            return "";
        }
        return CheckLength(column, value, maxLength);
    }

    /// <summary>The trimmed optional field, checked for length.</summary>
    public string? OptionalText(string column, int maxLength)
        => Optional(column) is { } value ? CheckLength(column, value, maxLength) : null;

    /// <summary>The trimmed field after <see cref="ImportText.Normalize"/> (full-width digits and punctuation as ASCII), or null.</summary>
    public string? Normalized(string column) => ImportText.Normalize(Optional(column));

    /// <summary>
    /// An ISO date (yyyy-MM-dd, also yyyy/MM/dd) within <see cref="Ranges.Day"/>; null when empty and not
    /// <paramref name="required"/>, or (with an error) when malformed or out of range.
    /// </summary>
    public DateOnly? Date(string column, bool required)
    {
        var value = Normalized(column);
        if (value is null)
        {
            if (required) Error(column, null, ImportProblemCodes.DateRequired);
            return null;
        }
        if (!DateOnly.TryParseExact(value, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            Error(column, value, ImportProblemCodes.DateFormat);
        else if (!Ranges.Day.Contains(date))
            Error(column, value, ImportProblemCodes.DateOutsideRange, Ranges.Day.ToString());
        else
            return date;
        return null;
    }

    /// <summary>A non-negative integer (required).</summary>
    public int NonNegativeInt(string column)
    {
        var value = Normalized(column);
        if (value is not null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        Error(column, value, ImportProblemCodes.NonNegativeInteger);
        return 0;
    }

    /// <summary>A decimal number with '.' as the decimal separator; null when empty.</summary>
    public decimal? Decimal(string column)
    {
        var value = Normalized(column);
        if (value is null) return null;
        if (decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d)) return d;
        Error(column, value, value.Contains(',') ? ImportProblemCodes.NumberComma : ImportProblemCodes.NumberFormat);
        return null;
    }

    /// <summary>true/false (also 1/0, yes/no, 是/否); false when empty.</summary>
    public bool Boolean(string column)
    {
        var value = Normalized(column);
        switch (value?.ToLowerInvariant())
        {
            case null or "false" or "0" or "no" or "否" or "n": return false;
            case "true" or "1" or "yes" or "是" or "y": return true;
            default:
                Error(column, value, ImportProblemCodes.BooleanFormat);
                return false;
        }
    }

    /// <summary>An enum member by name, case-insensitive, or by its Chinese label (<see cref="ChineseLabels"/>) (required).</summary>
    public TEnum Enum<TEnum>(string column) where TEnum : struct, System.Enum
    {
        var value = Optional(column);
        if (value is not null && System.Enum.TryParse<TEnum>(value, ignoreCase: true, out var e) && System.Enum.IsDefined(e) && !value.All(char.IsAsciiDigit))
            return e;
        if (value is not null && ChineseLabels.Parse<TEnum>(value) is { } labelled) return labelled;
        Error(column, value, ImportProblemCodes.OneOf, (object)System.Enum.GetNames<TEnum>());
        return default;
    }

    /// <summary>An enum member as <see cref="Enum{TEnum}"/> reads it, or null when the field is empty or the column absent.</summary>
    public TEnum? OptionalEnum<TEnum>(string column) where TEnum : struct, System.Enum
        => Optional(column) is null ? null : Enum<TEnum>(column) is var value && !IsRejected(column) ? value : null;

    private string CheckLength(string column, string value, int maxLength)
    {
        if (value.Length <= maxLength) return value;
        Error(column, value, ImportProblemCodes.ValueTooLong, value.Length, maxLength);
        return value[..maxLength];
    }
}
