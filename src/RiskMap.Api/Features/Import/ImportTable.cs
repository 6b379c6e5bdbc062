using System.Globalization;
using CsvHelper;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using RiskMap.Api.Hosting;

namespace RiskMap.Api.Features.Import;

/// <summary>One data row of an <see cref="ImportTable"/>.</summary>
/// <param name="Number">Row number as a spreadsheet shows it: the header is row 1, the first data row 2.</param>
/// <param name="Fields">Cell texts by column index (null for an empty cell); as long as the header.</param>
public readonly record struct TableRow(int Number, string?[] Fields);

/// <summary>
/// A table file read forward-only, one row at a time, whatever its format: CSV (RFC 4180 through CsvHelper, in the
/// detected or chosen encoding) or XLSX (the first or a named worksheet, through MiniExcel's streaming reader). The
/// first row is the header. Cell values of XLSX files are turned into text the way CSV holds them: numbers in
/// invariant form, dates as yyyy-MM-dd, booleans as true/false. CSV data cells that our exports neutralised against
/// formula injection (a quote before '=', '+', '-', '@', tab or CR) lose that quote again (<see cref="ExcelCsv.Restore"/>), so
/// that an export reads back as the text it was made from; XLSX cells are read as they are (the XLSX export stores text
/// as text and quotes nothing).
/// </summary>
public sealed class ImportTable : IDisposable
{
    private readonly Stream _stream;
    private readonly IEnumerator<string?[]> _rows;
    private readonly IDisposable? _reader;
    private int _lineOfNextRow;
    private readonly Func<int>? _csvLine;

    private ImportTable(string fileName, string format, Stream stream, IEnumerator<string?[]> rows, IDisposable? reader, Func<int>? csvLine)
    {
        FileName = fileName;
        Format = format;
        _stream = stream;
        _rows = rows;
        _reader = reader;
        _csvLine = csvLine;
        Header = _rows.MoveNext() ? _rows.Current.Select(h => h?.Trim() ?? "").ToArray() : [];
        _lineOfNextRow = 2;
    }

    /// <summary>Name used in errors.</summary>
    public string FileName { get; }

    /// <summary><c>csv</c> or <c>xlsx</c>.</summary>
    public string Format { get; }

    /// <summary>The CSV text encoding (utf-8, gbk…); null for XLSX.</summary>
    public string? Encoding { get; private init; }

    /// <summary>
    /// Why that encoding — a byte-order mark, valid UTF-8, not UTF-8 so GBK, or the user's choice — as a code of
    /// <see cref="ImportProblemCodes"/> (<c>import.encoding.*</c>) with the encoding's name; null for XLSX.
    /// </summary>
    public Contract.CodedMessage? EncodingReason { get; private init; }

    /// <summary>The worksheet read (XLSX only).</summary>
    public string? Sheet { get; private init; }

    /// <summary>The worksheet names of an XLSX file (empty for CSV).</summary>
    public IReadOnlyList<string> Sheets { get; private init; } = [];

    /// <summary>The header row's cells, trimmed (empty when the file is empty).</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Share of the file read so far, 0–1 (from the position in the underlying stream).</summary>
    public double Fraction => _stream.CanSeek && _stream.Length > 0 ? Math.Min(1.0, (double)_stream.Position / _stream.Length) : 0;

    /// <summary>Bytes of the file.</summary>
    public long Length => _stream.CanSeek ? _stream.Length : 0;

    /// <summary>
    /// Opens <paramref name="path"/> as CSV or XLSX, chosen by <paramref name="fileName"/>'s extension (.csv, .txt, .xlsx).
    /// <paramref name="encoding"/> (CSV only) is <c>auto</c>/null to detect, or a name of <see cref="TextEncodings.Names"/>;
    /// <paramref name="sheet"/> (XLSX only) names a worksheet, the first when null. An XLSX workbook is a zip archive: it is
    /// read within <paramref name="limits"/>, and its XML parts with DTD processing prohibited (<see cref="ImportArchive"/>).
    /// </summary>
    /// <exception cref="ImportRejectedException">
    /// Unknown extension, unknown encoding name or worksheet, an unreadable XLSX, a workbook over <paramref name="limits"/>
    /// or with a DTD (the entry or part is named). Reading the rows throws it too when a worksheet turns out to be broken.
    /// </exception>
    public static ImportTable Open(string path, string fileName, ArchiveLimits limits, string? encoding = null, string? sheet = null)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        try
        {
            return extension switch
            {
                ".csv" or ".txt" => OpenCsv(stream, fileName, encoding),
                ".xlsx" => OpenXlsx(stream, fileName, sheet, limits),
                _ => throw Reject(fileName, extension, "", ImportProblemCodes.TableExtension),
            };
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads CSV text that is already decoded (the demo files, which are UTF-8).</summary>
    public static ImportTable FromCsvText(TextReader reader, string fileName)
    {
        var csv = CsvHelper.CsvReader.Create(reader, CsvOptions, leaveOpen: true);
        return new ImportTable(fileName, "csv", Stream.Null, CsvRows(csv).GetEnumerator(), csv, () => (int)csv.LineNumber);
    }

    /// <summary>Every data row after the header, skipping rows whose cells are all empty.</summary>
    public IEnumerable<TableRow> Rows()
    {
        while (true)
        {
            var line = _csvLine is null ? _lineOfNextRow : 0;
            if (!_rows.MoveNext()) yield break;
            var cells = _rows.Current;
            var number = _csvLine is null ? line : _csvLine();
            _lineOfNextRow++;
            var fields = new string?[Header.Count];
            for (var i = 0; i < fields.Length && i < cells.Length; i++) fields[i] = Format == "csv" ? ExcelCsv.Restore(cells[i]) : cells[i];
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            yield return new TableRow(number, fields);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _rows.Dispose();
        _reader?.Dispose();
        _stream.Dispose();
    }

    private static readonly CsvReaderOptions CsvOptions = new()
    {
        Separator = ',',
        HasHeader = false,
        TrimWhitespace = true,
        TrackLineNumbers = true,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    private static ImportTable OpenCsv(Stream stream, string fileName, string? encodingName)
    {
        System.Text.Encoding encoding;
        string reason;
        try
        {
            var chosen = TextEncodings.Parse(encodingName);
            (encoding, reason) = chosen is null ? TextEncodings.Detect(stream) : (chosen, ImportProblemCodes.EncodingChosen);
        }
        catch (ArgumentException)
        {
            throw Reject(fileName, encodingName, "encoding", ImportProblemCodes.EncodingUnknown, encodingName, TextEncodings.Names);
        }
        var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var csv = CsvHelper.CsvReader.Create(text, CsvOptions, leaveOpen: false);
        return new ImportTable(fileName, "csv", stream, CsvRows(csv).GetEnumerator(), csv, () => (int)csv.LineNumber)
        {
            Encoding = TextEncodings.Name(encoding),
            EncodingReason = ImportMessages.Of(reason, TextEncodings.Name(encoding)),
        };
    }

    private static IEnumerable<string?[]> CsvRows(CsvHelper.CsvReader csv)
    {
        while (csv.Read())
        {
            var fields = new string?[csv.FieldCount];
            for (var i = 0; i < fields.Length; i++) fields[i] = csv.GetString(i);
            yield return fields;
        }
    }

    private static ImportTable OpenXlsx(Stream stream, string fileName, string? sheet, ArchiveLimits limits)
    {
        using (var archive = ImportArchive.Open(stream, fileName, limits, leaveOpen: true)) archive.CheckXmlParts();
        stream.Position = 0;
        List<string> sheets;
        try
        {
            sheets = MiniExcel.GetSheetNames(stream);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException)
        {
            throw Reject(fileName, null, "", ImportProblemCodes.XlsxUnreadable, e.Message);
        }
        stream.Position = 0;
        var name = string.IsNullOrWhiteSpace(sheet) ? sheets.FirstOrDefault() : sheets.FirstOrDefault(s => s == sheet.Trim());
        if (name is null)
            throw Reject(fileName, sheet, "sheet", ImportProblemCodes.SheetUnknown, sheets);
        // MiniExcel keeps a large shared-string table in files: in a private folder of ours, deleted with the table.
        var work = PrivateFiles.CreateTemporaryDirectory(limits.WorkDirectory, "riskmap-xlsx-");
        try
        {
            var configuration = new OpenXmlConfiguration { SharedStringCachePath = work.Path };
            var rows = MiniExcel.Query(stream, useHeaderRow: false, sheetName: name, excelType: ExcelType.XLSX, configuration: configuration)
                .Cast<IDictionary<string, object?>>()
                .Select(XlsxCells);
            return new ImportTable(fileName, "xlsx", stream, Readable(rows, fileName, name).GetEnumerator(), work, null) { Sheet = name, Sheets = sheets };
        }
        catch
        {
            work.Dispose();
            throw;
        }
    }

    // A worksheet that is broken past its start (the parts' starts are checked on opening) is refused naming it, not a 500.
    private static IEnumerable<string?[]> Readable(IEnumerable<string?[]> rows, string fileName, string sheet)
    {
        using var enumerator = rows.GetEnumerator();
        while (true)
        {
            bool more;
            try
            {
                more = enumerator.MoveNext();
            }
            catch (Exception e) when (e is System.Xml.XmlException or InvalidDataException or IOException)
            {
                throw Reject(fileName, sheet, "sheet", ImportProblemCodes.SheetUnreadable, sheet, e.Message);
            }
            if (!more) yield break;
            yield return enumerator.Current;
        }
    }

    // MiniExcel keys the cells of a row by column letters (A, B, …, AA) in column order.
    private static string?[] XlsxCells(IDictionary<string, object?> row) => row.Values.Select(CellText).ToArray();

    /// <summary>An XLSX cell value as CSV would hold it.</summary>
    internal static string? CellText(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    private static ImportRejectedException Reject(string fileName, string? value, string column, string code, params object?[] args)
        => new([new ImportError(fileName, 0, column, value, code, args)]);
}
