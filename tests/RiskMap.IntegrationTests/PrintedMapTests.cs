using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NetTopologySuite.Geometries;
using RiskMap.Api.Features.Maps;
using RiskMap.TestSupport;
using SkiaSharp;

namespace RiskMap.IntegrationTests;

/// <summary>
/// The printable map (GET /api/v1/maps/choropleth.png|pdf) on the demo district: sizes, colours at the label points
/// against the choropleth endpoint's classes, the PDF's one page and text (poppler's pdfinfo and pdftotext), bad
/// parameters and the chief's scope.
/// </summary>
[Collection(ReadOnlyDemoCollection.Name)]
public sealed class PrintedMapTests(DemoApp app)
{
    private const string AsOf = "2020-09-30";

    [Theory]
    [InlineData("A4", "landscape", 150, 1754, 1240)]
    [InlineData("a4", "Portrait", 72, 595, 842)]
    [InlineData("A3", "portrait", 100, 1169, 1654)]
    [InlineData("A3", "landscape", 300, 4961, 3508)]
    public async Task The_png_has_the_papers_size_at_the_dpi(string paper, string orientation, int dpi, int width, int height)
    {
        var response = await (await app.ClientForAsync("leader")).GetAsync($"/api/v1/maps/choropleth.png?asOf={AsOf}&paper={paper}&orientation={orientation}&dpi={dpi}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.NotNull(bitmap);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
    }

    [Theory]
    [InlineData("openGeneral", "sequential", null, "landscape")]
    [InlineData("openGeneral", "official", null, "portrait")]
    [InlineData("openMajor", "sequential", "gas", "landscape")]
    [InlineData("overdue", "official", "fireworks,hazardous_chemicals", "landscape")]
    public async Task The_pixel_at_each_label_point_has_the_townships_class_colour(string metric, string scheme, string? sector, string orientation)
    {
        var client = await app.ClientForAsync("leader");
        var filter = $"asOf={AsOf}&metric={metric}&scheme={scheme}" + (sector is null ? "" : $"&sector={sector}");
        var choropleth = await client.GetFromJsonAsync<JsonElement>($"/api/v1/townships/choropleth?{filter}");
        var classes = choropleth.GetProperty("classes").EnumerateArray()
            .Select(c => (Min: c.GetProperty("min").GetInt32(), Max: c.GetProperty("max").ValueKind == JsonValueKind.Null ? int.MaxValue : c.GetProperty("max").GetInt32(),
                Color: c.GetProperty("color").GetString()!)).ToList();
        var townships = choropleth.GetProperty("features").EnumerateArray().Select(f =>
        {
            var p = f.GetProperty("properties");
            var value = p.GetProperty("value");
            var color = value.ValueKind == JsonValueKind.Null ? "#d9d9d9" : classes.Single(c => value.GetInt32() >= c.Min && value.GetInt32() <= c.Max).Color;
            var label = p.GetProperty("labelPoint");
            return new PrintedTownship(p.GetProperty("code").GetString()!, p.GetProperty("name").GetString()!,
                JsonSerializer.Deserialize<Geometry>(f.GetProperty("geometry").GetRawText(), RiskMap.Api.Geo.GeoJsonFiles.Options)!,
                label[0].GetDouble(), label[1].GetDouble(), color);
        }).ToList();
        Assert.Equal(18, townships.Count);
        Assert.True(townships.Select(t => t.Color).Distinct().Count() >= 2, "the case should show more than one class");

        var sheet = new Sheet(Paper.A4, orientation == "portrait" ? PaperOrientation.Portrait : PaperOrientation.Landscape, 150);
        var layout = new MapLayout(new PrintedMap(sheet, "", "", "", [], townships, "", "", null, "", ""));
        var png = await client.GetByteArrayAsync($"/api/v1/maps/choropleth.png?{filter}&orientation={orientation}&dpi=150");
        await File.WriteAllBytesAsync(Kept($"{metric}-{scheme}-{sector ?? "all"}-{orientation}.png"), png);
        using var bitmap = SKBitmap.Decode(png);
        foreach (var t in townships)
        {
            var at = layout.ToSheet(t.LabelLon, t.LabelLat);
            var pixel = bitmap.GetPixel((int)(at.X * sheet.PixelsPerMm), (int)(at.Y * sheet.PixelsPerMm));
            Assert.True(pixel == SKColor.Parse(t.Color), $"{t.Name} ({t.Code}): {pixel} at its label point, expected {t.Color}");
        }
    }

    [Fact]
    public async Task The_pdf_is_one_page_with_the_title_the_legend_labels_and_every_township_name()
    {
        var client = Speaking(await app.ClientForAsync("leader"), "zh-CN");
        var response = await client.GetAsync($"/api/v1/maps/choropleth.pdf?asOf={AsOf}&metric=openGeneral&paper=A3");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = Kept($"{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(pdf, await response.Content.ReadAsByteArrayAsync());
        {
            var info = await RunAsync("pdfinfo", pdf);
            Assert.Matches(@"(?m)^Pages:\s+1$", info);
            // A3 landscape is 420 × 297 mm = 1190.55 × 841.89 pt; the PDF writer rounds the page box a little.
            var size = System.Text.RegularExpressions.Regex.Match(info, @"Page size:\s+([\d.]+) x ([\d.]+) pts");
            Assert.InRange(double.Parse(size.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1189.5, 1191.5);
            Assert.InRange(double.Parse(size.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 840.9, 842.9);
            var text = Normalise(await RunAsync("pdftotext", "-layout", pdf, "-"));
            Contains("冷水滩区未整改一般隐患分布图（全部行业）", text);
            Contains("截至 2020-09-30", text);
            foreach (var label in new[] { "0 项", "1–3 项", "4–5 项", "6–10 项", "11–20 项", "≥21 项" }) Contains(label, text);
            Contains("制图单位：冷水滩区安全生产委员会办公室", text);
            Contains("乡镇边界为示意", text);
            var names = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/townships/choropleth?asOf={AsOf}")).GetProperty("features")
                .EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("name").GetString()!).ToList();
            Assert.Equal(18, names.Count);
            Assert.All(names, name => Contains(name, text));
        }
    }

    [Fact]
    public async Task English_text_follows_the_request_language()
    {
        var pdf = Kept($"{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(pdf, await (await app.ClientForAsync("leader")).GetByteArrayAsync($"/api/v1/maps/choropleth.pdf?asOf={AsOf}&sector=gas"));
        {
            var text = Normalise(await RunAsync("pdftotext", "-layout", pdf, "-"));
            // pdftotext may put the title's Latin part after the line below it: the parts are checked one by one.
            Contains("冷水滩区:", text);
            Contains("Open major hazards (Gas)", text);
            Contains("As of 2020-09-30", text);
            Contains("≥5", text);
        }
    }

    [Fact]
    public async Task A_chiefs_map_shows_only_their_township_and_another_township_is_403()
    {
        var chief = Speaking(await app.ClientForAsync("chief-431103105"), "zh-CN");
        var own = (await chief.GetFromJsonAsync<JsonElement>($"/api/v1/townships/choropleth?asOf={AsOf}")).GetProperty("features")
            .EnumerateArray().Single().GetProperty("properties").GetProperty("name").GetString()!;
        var pdf = Kept($"{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(pdf, await chief.GetByteArrayAsync($"/api/v1/maps/choropleth.pdf?asOf={AsOf}"));
        {
            var text = Normalise(await RunAsync("pdftotext", "-layout", pdf, "-"));
            Contains(own, text);
            Assert.DoesNotContain("梅湾街道", text.Replace(own, "", StringComparison.Ordinal));
        }
        var other = await chief.GetAsync($"/api/v1/maps/choropleth.png?asOf={AsOf}&township=431103001");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task Every_label_point_lies_inside_its_township_and_follows_a_new_boundary()
    {
        Assert.Equal(0L, await app.ScalarAsync("SELECT count(*) FROM townships WHERE label_point IS NULL OR NOT ST_Covers(boundary, label_point)"));
        // A boundary change moves the stored point: shifted east by 0.01°, in a transaction that is rolled back.
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new Npgsql.NpgsqlCommand("""
            WITH before AS (SELECT label_point FROM townships WHERE code = '431103105')
            UPDATE townships t SET boundary = ST_Translate(t.boundary, 0.01, 0)
            FROM before WHERE t.code = '431103105'
            RETURNING ST_X(t.label_point) - ST_X(before.label_point), ST_Y(t.label_point) - ST_Y(before.label_point), ST_Covers(t.boundary, t.label_point)
            """, connection, transaction);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(0.01, reader.GetDouble(0), 6);
            Assert.Equal(0.0, reader.GetDouble(1), 6);
            Assert.True(reader.GetBoolean(2));
        }
        await transaction.RollbackAsync();
    }

    [Theory]
    [InlineData("paper=A5", "paper", "A5")]
    [InlineData("paper=0", "paper", "0")]
    [InlineData("orientation=sideways", "orientation", "sideways")]
    [InlineData("dpi=71", "dpi", "72")]
    [InlineData("dpi=601", "dpi", "600")]
    [InlineData("dpi=high", "dpi", "high")]
    [InlineData("metric=fines", "metric", "fines")]
    [InlineData("scheme=rainbow", "scheme", "rainbow")]
    [InlineData("township=4311031", "township", "4311031")]
    [InlineData("sector=coal", "sector", "coal")]
    public async Task Bad_parameters_give_400_naming_the_parameter_in_chinese_and_english(string query, string parameter, string quoted)
    {
        foreach (var format in new[] { "png", "pdf" })
        {
            var zh = await Problem(Speaking(await app.ClientForAsync("leader"), "zh-CN"), $"/api/v1/maps/choropleth.{format}?{query}");
            var en = await Problem(await app.ClientForAsync("leader"), $"/api/v1/maps/choropleth.{format}?{query}");
            var zhMessage = zh.GetProperty("errors").GetProperty(parameter)[0].GetString()!;
            var enMessage = en.GetProperty("errors").GetProperty(parameter)[0].GetString()!;
            Assert.Contains(quoted, zhMessage);
            Assert.Contains(quoted, enMessage);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", zhMessage);
            Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", enMessage);
            Assert.Equal(zh.GetProperty("code").GetString(), en.GetProperty("code").GetString());
        }
    }

    /// <summary>A path in the test output's printed-maps folder: the files stay there to be looked at.</summary>
    private static string Kept(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "printed-maps");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    private static async Task<JsonElement> Problem(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static HttpClient Speaking(HttpClient client, string language)
    {
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    /// <summary>
    /// The PDF's text without white space: pdftotext places words by their position (a title mixing Chinese and Latin may
    /// come out on two lines, a narrow space may be dropped), so the assertions compare the characters only.
    /// </summary>
    private static string Normalise(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", "");

    private static void Contains(string expected, string text) => Assert.Contains(Normalise(expected), text);

    private static async Task<string> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {error}");
        return output;
    }
}
