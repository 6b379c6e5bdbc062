using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;

namespace RiskMap.Api.Features.Exports;

/// <summary>
/// Excel workbooks (XLSX) as downloads, written with MiniExcel: every sheet a list of rows, each row its cells by header
/// in column order. MiniExcel writes strings as string cells, never as formulas (no <c>&lt;f&gt;</c> element), so text
/// from data needs no neutralising; numbers and dates given as such are written as numbers and dates.
/// </summary>
public static class XlsxFiles
{
    /// <summary>The media type of an XLSX workbook.</summary>
    public const string MediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A row of a sheet from its headers and cells (same length, in column order); empty strings become empty cells.</summary>
    public static IDictionary<string, object?> Row(IReadOnlyList<string> headers, IReadOnlyList<object?> cells)
        => headers.Select((header, i) => (header, cells[i] is "" ? null : cells[i])).ToDictionary(c => c.header, c => c.Item2);

    /// <summary>
    /// The download <paramref name="fileName"/> holding <paramref name="sheets"/> (sheet name → rows), in order. Built in
    /// memory first (MiniExcel needs a seekable stream).
    /// </summary>
    public static PushStreamHttpResult Write(string fileName, IReadOnlyList<(string Name, IReadOnlyList<IDictionary<string, object?>> Rows)> sheets)
        => TypedResults.Stream(async stream =>
        {
            using var buffer = new MemoryStream();
            var workbook = new Dictionary<string, object>();
            foreach (var (name, rows) in sheets) workbook[name] = rows;
            await MiniExcel.SaveAsAsync(buffer, workbook, excelType: ExcelType.XLSX);
            buffer.Position = 0;
            await buffer.CopyToAsync(stream);
        }, MediaType, fileName);
}
