using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using RiskMap.Api.Features.Statistics;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>The campaign bulletin (通报) written from the demo district's records, in Word, PDF and HTML.</summary>
[Collection(ReadOnlyDemoCollection.Name)]
public sealed class CampaignBulletinTests(DemoApp app)
{
    private const string Period = "from=2020-01-01&to=2020-09-30";
    private const string Own = "431103105";

    /// <summary>The district's published bulletin for January–September 2020, word for word (docs/domain.md).</summary>
    internal const string PublishedHeadline =
        "组织检查组343个，出动检查人次1437次；累计检查企业1599家，排查一般隐患1178项，完成整治1107项，整改率为93.97%；" +
        "排查出重大隐患5项，完成整治4项，整改率80%。下达执法文书2000份，提醒约谈47人次，立案查处企业67家，共处罚款21.221万元。";

    private static HttpClient In(string language, HttpClient client)
    {
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    private static Body Open(byte[] docx, out WordprocessingDocument document)
    {
        document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return document.MainDocumentPart!.Document!.Body!;
    }

    private static List<List<string>> Rows(Table table)
        => table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();

    [Fact]
    public async Task The_word_bulletin_for_431103_up_to_September_2020_carries_the_published_headline_paragraph()
    {
        var response = await (await app.ClientForAsync("leader")).GetAsync($"/api/v1/reports/campaign?district=431103&{Period}&format=docx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        var fingerprint = Assert.Single(response.Headers.GetValues("X-Records-Fingerprint"));
        Assert.Matches("^[0-9a-f]{64}$", fingerprint);

        var body = Open(await response.Content.ReadAsByteArrayAsync(), out var document);
        using (document)
        {
            var paragraphs = body.Descendants<Paragraph>().Select(p => p.InnerText).ToList();
            Assert.Contains(PublishedHeadline, paragraphs);
            Assert.Equal("冷水滩区安全生产专项整治工作情况通报", paragraphs[0]);
            Assert.Contains("（2020年1月1日至2020年9月30日）", paragraphs);
            Assert.Contains(paragraphs, p => p.Contains(fingerprint, StringComparison.Ordinal));
            Assert.DoesNotContain(paragraphs, p => p.StartsWith("本通报仅涵盖", StringComparison.Ordinal));
            // The appendix states a counting rule for every figure of the headline.
            Assert.Contains(paragraphs, p => p.Contains("整改率：完成整治数除以排查数", StringComparison.Ordinal));
            Assert.Contains(paragraphs, p => p.Contains("共处罚款：", StringComparison.Ordinal));
            // The printed map and the trend chart are pictures, each with its caption.
            Assert.Equal(2, document.MainDocumentPart!.ImageParts.Count());
            Assert.Contains("图1 截至2020年9月30日各乡镇（街道）未整改重大隐患分布", paragraphs);
            Assert.Contains("图2 各月排查隐患数（柱）与月末未整改隐患数（线）", paragraphs);
        }
    }

    [Fact]
    public async Task The_township_and_sector_tables_equal_the_statistics_endpoint()
    {
        var client = await app.ClientForAsync("leader");
        var body = Open(await client.GetByteArrayAsync($"/api/v1/reports/campaign?district=431103&{Period}"), out var document);
        using (document)
        {
            var tables = body.Elements<Table>().ToList();
            var townships = Rows(tables[0]);
            var names = await app.WithDbAsync(db => Task.FromResult(db.Townships.Where(t => t.DistrictCode == "431103")
                .OrderBy(t => t.Code).Select(t => new { t.Code, t.Name }).ToList()));
            Assert.Equal(["乡镇（街道）", "检查组（个）", "检查人次"], townships[0].Take(3));
            Assert.Equal(names.Select(n => n.Name), townships.Skip(1).Select(r => r[0]));
            foreach (var (township, row) in names.Zip(townships.Skip(1)))
            {
                var s = (await client.GetFromJsonAsync<StatisticsResponse>($"/api/v1/statistics?district=431103&township={township.Code}&{Period}"))!;
                AssertRow(s, row);
            }
            var sectors = Rows(tables[1]);
            Assert.Equal(RiskMap.Api.Domain.Sector.All.Select(s => s.NameZh), sectors.Skip(1).Select(r => r[0]));
            foreach (var (sector, row) in RiskMap.Api.Domain.Sector.All.Zip(sectors.Skip(1)))
            {
                var s = (await client.GetFromJsonAsync<StatisticsResponse>($"/api/v1/statistics?district=431103&sector={sector.Code}&{Period}"))!;
                AssertRow(s, row);
            }
        }
    }

    private static void AssertRow(StatisticsResponse s, List<string> row)
    {
        static int I(string cell) => int.Parse(cell, CultureInfo.InvariantCulture);
        static decimal? Rate(string cell) => cell == "—" ? null : decimal.Parse(cell.TrimEnd('%'), CultureInfo.InvariantCulture);
        Assert.Equal(14, row.Count);
        Assert.Equal(
            [s.InspectionGroups, s.InspectorVisits, s.EnterprisesInspected, s.GeneralHazards.Found, s.GeneralHazards.Rectified,
             s.MajorHazards.Found, s.MajorHazards.Rectified, s.EnforcementDocuments, s.ReminderInterviews, s.EnterprisesWithCases],
            new[] { 1, 2, 3, 4, 5, 7, 8, 10, 11, 12 }.Select(i => I(row[i])));
        Assert.Equal(s.GeneralHazards.RectificationRate, Rate(row[6]));
        Assert.Equal(s.MajorHazards.RectificationRate, Rate(row[9]));
        Assert.Equal(s.FinesYuan, decimal.Parse(row[13], CultureInfo.InvariantCulture) * 10_000m);
    }

    [Fact]
    public async Task The_pdf_renders_and_its_text_has_the_headline_with_no_missing_glyphs()
    {
        var response = await (await app.ClientForAsync("leader")).GetAsync($"/api/v1/reports/campaign?district=431103&{Period}&format=pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        // Kept in the test output for a person to look at: the PDF and its pages as PNG.
        var directory = new DirectoryInfo(Path.Combine(AppContext.BaseDirectory, "bulletin"));
        if (directory.Exists) directory.Delete(recursive: true);
        directory.Create();
        var pdf = Path.Combine(directory.FullName, "bulletin.pdf");
        await File.WriteAllBytesAsync(pdf, await response.Content.ReadAsByteArrayAsync());
        await RunAsync("pdftoppm", "-r", "60", "-png", pdf, Path.Combine(directory.FullName, "page"));
        var pages = directory.GetFiles("page*.png");
        Assert.InRange(pages.Length, 2, 20);
        Assert.All(pages, p => Assert.True(p.Length > 1000, $"{p.Name} is empty"));

        var text = await RunAsync("pdftotext", "-enc", "UTF-8", pdf, "-");
        Assert.DoesNotContain('\uFFFD', text);
        var joined = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        Assert.Contains(PublishedHeadline, joined);
        Assert.Contains("冷水滩区安全生产专项整治工作情况通报", joined);
        Assert.Contains("附件：统计口径", joined);
        // The map figure is drawn in the PDF as vectors and text: every township is named on it (or in its key).
        var townships = await app.WithDbAsync(db => Task.FromResult(db.Townships.Where(t => t.DistrictCode == "431103").Select(t => t.Name).ToList()));
        Assert.NotEmpty(townships);
        Assert.All(townships, name => Assert.Contains(name, joined));
        Assert.Contains("五、重大隐患分布", joined);
        // Every character extracted is one the embedded typeface draws (no .notdef boxes).
        using var font = new SkiaSharp.SKFont(RiskMap.Api.Features.Reports.BulletinFonts.Regular);
        var missing = joined.Where(c => !char.IsControl(c) && !font.ContainsGlyphs(c.ToString())).Distinct().ToList();
        Assert.Empty(missing);
        // The text reads back as the ideographs drawn, not as the Kangxi radicals that share their glyphs (⽔ for 水).
        Assert.DoesNotContain(joined, c => c >= '\u2f00' && c <= '\u2fdf');
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed: {await error}");
        return await output;
    }

    [Fact]
    public async Task The_html_bulletin_is_a_chinese_page_with_the_headline_and_the_chart()
    {
        var response = await (await app.ClientForAsync("leader")).GetAsync($"/api/v1/reports/campaign?district=431103&{Period}&format=HTML");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Contains($"<p class=\"b\">{PublishedHeadline}</p>", html);
        Assert.Contains("src=\"data:image/png;base64,", html);
    }

    [Fact]
    public async Task A_chiefs_bulletin_covers_their_township_only_and_says_so()
    {
        var chief = await app.ClientForAsync($"chief-{Own}");
        var body = Open(await chief.GetByteArrayAsync($"/api/v1/reports/campaign?{Period}"), out var document);
        using (document)
        {
            var paragraphs = body.Descendants<Paragraph>().Select(p => p.InnerText).ToList();
            var name = await app.WithDbAsync(db => Task.FromResult(db.Townships.Single(t => t.Code == Own).Name));
            Assert.Contains($"本通报仅涵盖{name}，不含冷水滩区其他乡镇（街道）的数据。", paragraphs);
            Assert.Equal($"冷水滩区{name}安全生产专项整治工作情况通报", paragraphs[0]);
            var own = (await (await app.ClientForAsync("leader")).GetFromJsonAsync<StatisticsResponse>($"/api/v1/statistics?district=431103&township={Own}&{Period}"))!;
            Assert.Contains(RiskMap.Api.Features.Reports.BulletinText.Headline(own), paragraphs);
            Assert.Contains($"排查一般隐患{own.GeneralHazards.Found}项，完成整治{own.GeneralHazards.Rectified}项", string.Join("", paragraphs));
            Assert.DoesNotContain(PublishedHeadline, paragraphs);
            var townships = Rows(body.Elements<Table>().First());
            Assert.Equal([name], townships.Skip(1).Select(r => r[0]));
            // The map figure is drawn, of the chief's township alone (another township's boundary would be another's data).
            Assert.Equal(2, document.MainDocumentPart!.ImageParts.Count());
        }
    }

    [Theory]
    [InlineData("format=docx", "from", "required")]
    [InlineData("from=2020-09-30&to=2020-01-01", "to", "period.reversed")]
    [InlineData("from=2020-13-01&to=2020-09-30", "from", null)]
    [InlineData("from=2020-01-01&to=2020-09-30&format=xls", "format", "format.one-of")]
    [InlineData("from=2020-01-01&to=2020-09-30&township=43110", "township", null)]
    [InlineData("from=2020-01-01&to=2020-09-30&district=4311", "district", null)]
    [InlineData("from=1900-01-01&to=2020-09-30", "from", null)]
    [InlineData("from=2020-01-01&to=2020-09-30&colour=red", "colour", "parameter.unknown")]
    public async Task Bad_input_is_a_400_naming_the_parameter_in_the_readers_language(string query, string parameter, string? code)
    {
        var problems = new Dictionary<string, JsonElement>();
        foreach (var language in new[] { "zh-CN", "en" })
        {
            var response = await In(language, await app.ClientForAsync("leader")).GetAsync($"/api/v1/reports/campaign?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            problems[language] = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        }
        var zh = problems["zh-CN"].GetProperty("errors").GetProperty(parameter)[0].GetString()!;
        var en = problems["en"].GetProperty("errors").GetProperty(parameter)[0].GetString()!;
        Assert.Contains(zh, c => c >= '\u4e00' && c <= '\u9fff');
        Assert.DoesNotContain(en, c => c >= '\u4e00' && c <= '\u9fff');
        var zhCode = problems["zh-CN"].GetProperty("errorCodes").GetProperty(parameter)[0].GetProperty("code").GetString();
        Assert.Equal(zhCode, problems["en"].GetProperty("errorCodes").GetProperty(parameter)[0].GetProperty("code").GetString());
        if (code is not null) Assert.Equal(code, zhCode);
    }

    [Fact]
    public async Task An_unknown_district_or_township_is_404_and_a_reversed_publication_period_is_400_in_both_languages()
    {
        var leader = await app.ClientForAsync("leader");
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/v1/reports/campaign?district=999999&{Period}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/v1/reports/campaign?township=431103999&{Period}")).StatusCode);
        foreach (var (language, word) in new[] { ("zh-CN", "早于"), ("en", "is before") })
        {
            var response = await In(language, await app.ClientForAsync("leader")).PostAsJsonAsync("/api/v1/reports/campaign/publications",
                new { from = "2020-09-30", to = "2020-01-01" });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Contains(word, problem.GetProperty("errors").GetProperty("to")[0].GetString());
        }
        var missing = await leader.PostAsJsonAsync("/api/v1/reports/campaign/publications", new { to = "2020-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True(JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("from", out _));
    }
}
