using System.Text;
using RiskMap.Api.Features.Import;

namespace RiskMap.UnitTests.Import;

public sealed class ImportTextTests
{
    [Theory]
    [InlineData("１１１．６１２３", "111.6123")]
    [InlineData("－２６．５", "-26.5")]
    [InlineData("\u2212112.5", "-112.5")]
    [InlineData("　111.5　", "111.5")]
    [InlineData("９１４３１１０３ＭＡ４Ｌ", "91431103MA4L")]
    [InlineData("１１１，５", "111,5")]
    public void Full_width_digits_and_punctuation_become_ascii(string typed, string expected)
        => Assert.Equal(expected, ImportText.Normalize(typed));

    [Theory]
    [InlineData("111.6123", 111.6123)]
    [InlineData("111,6123", 111.6123)]
    [InlineData("１１１，６１２３", 111.6123)]
    [InlineData("-26,5", -26.5)]
    [InlineData("  26.5 ", 26.5)]
    public void Degrees_with_a_point_or_a_single_decimal_comma_are_understood(string text, double expected)
    {
        Assert.Equal(expected, ImportText.ParseDegrees(text, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("1,234.5", "ambiguous")]
    [InlineData("111,61,23", "ambiguous")]
    [InlineData("111.6.1", "Not a number")]
    [InlineData("东经111", "Not a number")]
    [InlineData(",5", "ambiguous")]
    public void Ambiguous_or_broken_degrees_are_refused_never_truncated(string text, string reason)
    {
        Assert.Null(ImportText.ParseDegrees(text, out var error));
        Assert.Contains(reason, Texts.English(error!));
    }

    [Theory]
    [InlineData("111.61,26.43", 111.61, 26.43)]
    [InlineData("111.61 26.43", 111.61, 26.43)]
    [InlineData("111,61;26,43", 111.61, 26.43)]
    [InlineData("１１１．６１，２６．４３", 111.61, 26.43)]
    [InlineData("(111.61, 26.43)", 111.61, 26.43)]
    public void One_cell_coordinate_pairs_are_split(string text, double lon, double lat)
        => Assert.Equal((lon, lat), ImportText.ParseCoordinatePair(text, out _));

    [Theory]
    [InlineData("111,61,26,43", "';'")]
    [InlineData("111.61", "two numbers")]
    public void Ambiguous_pairs_are_refused(string text, string reason)
    {
        Assert.Null(ImportText.ParseCoordinatePair(text, out var error));
        Assert.Contains(reason, Texts.English(error!));
    }

    [Theory]
    [InlineData("统一社会信用代码*", "统一社会信用代码")]
    [InlineData(" Credit_Code ", "creditcode")]
    [InlineData("经度（WGS84）", "经度wgs84")]
    public void Headers_are_matched_after_reduction(string header, string key) => Assert.Equal(key, ImportText.HeaderKey(header));
}

public sealed class TextEncodingsTests
{
    private const string Text = "credit_code,name\n91431103MA4L000001,冷水滩区燃气有限公司\n";

    public static TheoryData<string, byte[], string> Files => new()
    {
        { "GBK without BOM", TextEncodings.Gbk.GetBytes(Text), "gbk" },
        { "UTF-8 without BOM", new UTF8Encoding(false).GetBytes(Text), "utf-8" },
        { "UTF-8 with BOM", [.. new UTF8Encoding(true).GetPreamble(), .. Encoding.UTF8.GetBytes(Text)], "utf-8" },
        { "ASCII", Encoding.ASCII.GetBytes("a,b\n1,2\n"), "utf-8" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void The_encoding_is_detected_from_the_bytes(string _, byte[] bytes, string expected)
    {
        using var stream = new MemoryStream(bytes);
        var (encoding, reason) = TextEncodings.Detect(stream);
        Assert.Equal(expected, TextEncodings.Name(encoding));
        Assert.False(string.IsNullOrEmpty(reason));
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public void A_gbk_file_decodes_to_the_chinese_it_holds()
    {
        var bytes = TextEncodings.Gbk.GetBytes(Text);
        using var stream = new MemoryStream(bytes);
        var (encoding, _) = TextEncodings.Detect(stream);
        Assert.Equal(Text, encoding.GetString(bytes));
        // The same bytes read as UTF-8 would be mojibake: that is what detection prevents.
        Assert.NotEqual(Text, Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void A_multibyte_character_split_across_read_buffers_is_still_utf8()
    {
        var text = new string('a', 64 * 1024 - 1) + "冷水滩";
        using var stream = new MemoryStream(new UTF8Encoding(false).GetBytes(text));
        Assert.Equal("utf-8", TextEncodings.Name(TextEncodings.Detect(stream).Encoding));
    }

    [Theory]
    [InlineData("gbk", "gbk")]
    [InlineData("GB18030", "gb18030")]
    [InlineData("utf8", "utf-8")]
    public void An_explicit_choice_overrides_detection(string name, string expected)
        => Assert.Equal(expected, TextEncodings.Name(TextEncodings.Parse(name)!));

    [Fact]
    public void An_unknown_encoding_name_is_refused_with_the_choices()
        => Assert.Contains("gb18030", Assert.Throws<ArgumentException>(() => TextEncodings.Parse("big5")).Message);
}
