using System.Globalization;
using CsvHelper;

namespace RiskMap.Api.Features;

/// <summary>
/// CSV files meant to be opened in Excel on a Chinese desktop: RFC 4180 through CsvHelper, UTF-8 with a byte-order mark
/// (without it Excel reads the Chinese text in the system code page), CRLF line ends, invariant numbers.
/// </summary>
public static class ExcelCsv
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        NewLine = "\r\n",
        WriteByteOrderMark = true,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>The file's bytes: <paramref name="header"/>, then every row (a null field is written empty).</summary>
    /// <remarks>Built in memory: CsvHelper writes synchronously, which Kestrel refuses on a response body.</remarks>
    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, Options, leaveOpen: true))
        {
            foreach (var name in header) csv.WriteField(name);
            csv.EndRecord();
            foreach (var row in rows)
            {
                foreach (var field in row) csv.WriteField(field ?? "");
                csv.EndRecord();
            }
        }
        return stream.ToArray();
    }
}
