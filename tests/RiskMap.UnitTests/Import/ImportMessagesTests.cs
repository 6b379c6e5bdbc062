using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskMap.Api.Domain;
using RiskMap.Api.Features.Import;
using RiskMap.Api.Resources;

namespace RiskMap.UnitTests.Import;

/// <summary>The message resources read as the service reads them (<c>IStringLocalizer&lt;Messages&gt;</c>), in a chosen language.</summary>
internal static class Texts
{
    private static readonly IStringLocalizer Localizer = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(Messages));

    /// <summary>Runs <paramref name="write"/> with the UI culture <paramref name="culture"/> (zh-CN or en).</summary>
    public static T In<T>(string culture, Func<IStringLocalizer, T> write)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return write(Localizer);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>The English text of <paramref name="code"/> with <paramref name="args"/>.</summary>
    public static string English(string code, params string[] args) => In("en", l => ImportMessages.Text(l, code, args));
}

public sealed class ImportMessagesTests
{
    private static readonly ImportError BadCheckCharacter =
        new("企业.csv", 5, "credit_code", "91431103MA4L000001", ImportProblemCodes.CreditCodeCheckCharacter, "1", "X")
        {
            Header = "统一社会信用代码",
        };

    [Fact]
    public void A_reason_names_the_column_as_the_file_does_then_the_canonical_name_in_the_readers_language()
    {
        var chinese = Texts.In("zh-CN", l => ImportMessages.Render(l, BadCheckCharacter)).Reason;
        var english = Texts.In("en", l => ImportMessages.Render(l, BadCheckCharacter)).Reason;

        Assert.Equal("列“统一社会信用代码 (credit_code)”：校验码是“1”，但按 GB 32100-2015 由前 17 位算出的校验码是“X”。", chinese);
        Assert.Equal("Column 统一社会信用代码 (credit_code): The check character is '1' but GB 32100-2015 gives 'X' for the first 17 characters.", english);
    }

    [Theory]
    [InlineData("Credit_Code", "credit_code", "Credit_Code")]
    [InlineData("信用代码", "credit_code", "信用代码 (credit_code)")]
    [InlineData("经纬度", "coordinates", "经纬度 (coordinates)")]
    public void A_header_that_is_the_canonical_name_is_not_repeated(string header, string column, string label)
        => Assert.Equal(label, ImportMessages.ColumnLabel(header, column));

    [Fact]
    public void A_value_of_no_column_of_the_file_is_its_reason_alone_and_the_text_is_written_from_the_code_when_read()
    {
        var error = new ImportError("townships.zip", 0, "crs", null, ImportProblemCodes.CrsMissing, (object)new[] { "wgs84", "gcj02" });
        Assert.Null(error.Reason);
        Assert.Equal(["wgs84, gcj02"], error.Args);
        Assert.Equal("The file does not say its coordinate system: give the crs parameter (wgs84, gcj02 or an EPSG code).",
            Texts.In("en", l => ImportMessages.Render(l, error)).Reason);
        Assert.StartsWith("文件没有说明其坐标系", Texts.In("zh-CN", l => ImportMessages.Render(l, error)).Reason);
    }

    [Fact]
    public void Notes_are_written_in_the_order_of_their_codes_and_the_codes_stay()
    {
        var result = new ImportResult("townships", 2, 2, 0,
            [ImportMessages.Of(ImportProblemCodes.NoteEnterprisesMoved, 3L), ImportMessages.Of(ImportProblemCodes.NoteDistrictCreated, "431171", "接口区")]);
        var outcome = new ImportOutcome(true, false, true, result, [], [ImportMessages.Of(ImportProblemCodes.NoteCrsFromFile, "EPSG:4546")], null);

        var english = Texts.In("en", l => ImportMessages.Render(l, outcome));
        var chinese = Texts.In("zh-CN", l => ImportMessages.Render(l, outcome));

        Assert.Equal(["crs EPSG:4546 from the file's metadata"], english.Notes);
        Assert.Equal(["3 enterprise(s) moved to another township", "district 431171 接口区 created with the union of the townships as its outline"],
            english.Result!.Notes);
        Assert.Equal(["坐标系 EPSG:4546，取自文件的元数据"], chinese.Notes);
        Assert.Equal(["3 家企业改属其他乡镇", "已新建区县 431171 接口区，以各乡镇的合并范围作为其边界"], chinese.Result!.Notes);
        Assert.Equal(outcome.NoteCodes, chinese.NoteCodes);
    }

    [Theory]
    [InlineData("91350100M000100Y44", ImportProblemCodes.CreditCodeCheckCharacter, new[] { "4", "3" })]
    [InlineData("91350100M000100Y4", ImportProblemCodes.CreditCodeLength, new[] { "17" })]
    [InlineData("91350100M0001O0Y43", ImportProblemCodes.CreditCodeCharacter, new[] { "O", "14" })]
    public void A_bad_credit_code_is_reported_with_a_code_and_the_values_that_say_what_is_wrong(string code, string expected, string[] args)
    {
        var (parser, rows) = CsvRecords.Read(new StringReader("credit_code\n" + code + "\n"), "e.csv", ["credit_code"]);
        EnterpriseRecord.ReadCreditCode(rows[0], "credit_code");
        var error = Assert.Single(parser.Errors);
        Assert.Equal(expected, error.Code);
        Assert.Equal(args, error.Args);
        // The English text is the domain rule's own wording.
        Assert.Equal(UnifiedSocialCreditCode.Validate(code), Texts.English(error.Code, [.. error.Args]));
    }
}
