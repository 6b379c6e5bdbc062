using System.Globalization;
using CsvHelper;

namespace RiskMap.Api.Features;

/// <summary>
/// A cell of an <see cref="ExcelCsv"/> file: text (the default, from a string) or a number or date that Excel should read
/// as one. Only text cells are neutralised against formula injection; numbers and dates are formatted here, invariantly,
/// so that a text value cannot pass as a number.
/// </summary>
public readonly record struct CsvCell
{
    private CsvCell(string value, bool isText)
    {
        Value = value;
        IsText = isText;
    }

    /// <summary>The cell as formatted, before neutralising; empty for a null.</summary>
    public string Value { get; }

    /// <summary>True for text from data (neutralised when written), false for numbers and dates.</summary>
    public bool IsText { get; }

    /// <summary>A text cell; null is written empty.</summary>
    public static implicit operator CsvCell(string? text) => new(text ?? "", true);

    /// <summary>A number in invariant form with <paramref name="format"/> (.NET numeric format string, e.g. <c>F7</c>).</summary>
    public static CsvCell Number(double value, string format = "R") => new(value.ToString(format, CultureInfo.InvariantCulture), false);

    /// <summary>A whole number in invariant form.</summary>
    public static CsvCell Number(long value) => new(value.ToString(CultureInfo.InvariantCulture), false);

    /// <summary>A day as yyyy-MM-dd (ISO 8601), which Excel reads as a date; null is written empty.</summary>
    public static CsvCell Date(DateOnly? day) => new(day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", false);
}

/// <summary>
/// CSV files meant to be opened in Excel on a Chinese desktop: RFC 4180 through CsvHelper, UTF-8 with a byte-order mark
/// (without it Excel reads the Chinese text in the system code page), CRLF line ends, invariant numbers, and text cells
/// neutralised against formula injection (<see cref="Neutralize"/>). Every CSV export writes through here.
/// </summary>
public static class ExcelCsv
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        NewLine = "\r\n",
        WriteByteOrderMark = true,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>
    /// The file's bytes: <paramref name="header"/>, then every row. Text cells (and the header) go through
    /// <see cref="Neutralize"/>; number and date cells are written as they are.
    /// </summary>
    /// <remarks>Built in memory: CsvHelper writes synchronously, which Kestrel refuses on a response body.</remarks>
    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<CsvCell>> rows)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, Options, leaveOpen: true))
        {
            foreach (var name in header) csv.WriteField(Neutralize(name));
            csv.EndRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row) csv.WriteField(cell.IsText ? Neutralize(cell.Value) : cell.Value);
                csv.EndRecord();
            }
        }
        return stream.ToArray();
    }

    /// <summary>
    /// Text as a CSV cell Excel will not run as a formula: a cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a
    /// tab or a carriage return gets a single quote (<c>'</c>) in front, as the OWASP "CSV Injection" page advises. So that
    /// <see cref="Restore"/> can undo it exactly, text that already starts with quotes followed by one of those characters
    /// gets one more. Excel shows the quote; the imports remove it again.
    /// </summary>
    public static string Neutralize(string text) => IsFormulaLike(text) ? "'" + text : text;

    /// <summary>
    /// Undoes <see cref="Neutralize"/>: a cell that starts with a quote followed by what <see cref="Neutralize"/> quotes
    /// loses that one quote (<c>'=HYPERLINK(…)</c> → <c>=HYPERLINK(…)</c>, <c>''=x</c> → <c>'=x</c>); any other text,
    /// e.g. <c>'abc</c>, is returned as it is. Null stays null.
    /// </summary>
    public static string? Restore(string? cell)
        => cell is { Length: > 1 } && cell[0] == '\'' && IsFormulaLike(cell.AsSpan(1)) ? cell[1..] : cell;

    // After any leading quotes, one of the characters a spreadsheet starts a formula (or a DDE payload) with.
    private static bool IsFormulaLike(ReadOnlySpan<char> text)
    {
        var rest = text.TrimStart('\'');
        return rest.Length > 0 && rest[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
    }
}
