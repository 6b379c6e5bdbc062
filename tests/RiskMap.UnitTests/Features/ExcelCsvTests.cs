using System.Text;
using RiskMap.Api.Features;

namespace RiskMap.UnitTests.Features;

/// <summary>CSV formula injection (OWASP "CSV Injection"): text cells are quoted, numbers are not, and imports undo it.</summary>
public sealed class ExcelCsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")")]
    [InlineData("@SUM(1+1)", "'@SUM(1+1)")]
    [InlineData("+1", "'+1")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("'=1", "''=1")]
    [InlineData("消防通道被占用", "消防通道被占用")]
    [InlineData("'quoted", "'quoted")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void Formula_like_text_gets_one_quote_and_restores_exactly(string text, string written)
    {
        Assert.Equal(written, ExcelCsv.Neutralize(text));
        Assert.Equal(text, ExcelCsv.Restore(ExcelCsv.Neutralize(text)));
    }

    [Theory]
    [InlineData("'abc")]
    [InlineData("'")]
    [InlineData("-12.5")]
    public void Restore_leaves_text_that_was_not_neutralised(string cell) => Assert.Equal(cell, ExcelCsv.Restore(cell));

    [Fact]
    public void Numbers_and_dates_stay_numeric_while_text_cells_are_neutralised()
    {
        var bytes = ExcelCsv.Write(["text", "lon", "day", "count"],
            [[(CsvCell)"-5 度", CsvCell.Number(-12.5, "F2"), CsvCell.Date(new DateOnly(2024, 5, 1)), CsvCell.Number(-3)]]);
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        Assert.Equal("text,lon,day,count\r\n'-5 度,-12.50,2024-05-01,-3\r\n", text);
    }
}
