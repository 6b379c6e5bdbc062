using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RiskMap.Api.Features.Import;
using RiskMap.Api.Hosting;
using RiskMap.TestSupport;
using static RiskMap.IntegrationTests.ImportApiTests;
using static RiskMap.TestSupport.TestZips;

namespace RiskMap.IntegrationTests;

/// <summary>The service with its uploads and its unpacking in folders of its own, so that what stays on disk can be checked.</summary>
public sealed class PrivateFoldersApp : RiskMapApp
{
    /// <summary>Parent of <see cref="Uploads"/> and <see cref="Work"/>, deleted with the fixture.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "riskmap-bounded-" + Guid.NewGuid().ToString("N"));

    /// <summary>RiskMap:Import:UploadDirectory (created by the service).</summary>
    public string Uploads => Path.Combine(Root, "uploads");

    /// <summary>RiskMap:Import:WorkDirectory.</summary>
    public string Work => Path.Combine(Root, "work");

    /// <inheritdoc />
    protected override bool SeedDemo => false;

    /// <inheritdoc />
    protected override IEnumerable<(string Key, string Value)> Settings =>
        [("RiskMap:Import:UploadDirectory", Uploads), ("RiskMap:Import:WorkDirectory", Work)];

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}

/// <summary>
/// Hostile files through the import endpoints: zip bombs (a zipped Shapefile and an XLSX workbook), a workbook with a DTD,
/// a damaged Shapefile. Each is refused at preview (422) and by the job (Rejected, not Failed) naming the entry or part,
/// and nothing stays in the work folder. Uploads are stored 0600 in 0700 folders.
/// </summary>
public sealed class BoundedImportTests(PrivateFoldersApp app) : IClassFixture<PrivateFoldersApp>
{
    /// <summary>A real enterprise workbook (MiniExcel), with <paramref name="sheet1"/> replacing the first worksheet's XML when given.</summary>
    private static async Task<byte[]> WorkbookAsync(Func<string, Action<Stream>>? sheet1 = null)
    {
        var original = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(original, new[]
        {
            new Dictionary<string, object> { ["统一社会信用代码"] = "91431103MA4L000001", ["企业名称"] = "表格企业", ["行业领域"] = "燃气", ["经度"] = 111.6, ["纬度"] = 26.4 },
        });
        original.Position = 0;
        using var source = new ZipArchive(original);
        var entries = source.Entries.Select(e =>
        {
            using var reader = new StreamReader(e.Open());
            var text = reader.ReadToEnd();
            return (e.FullName, sheet1 is not null && e.FullName == "xl/worksheets/sheet1.xml" ? sheet1(text) : Text(text));
        }).ToArray();
        return Zip(entries);
    }

    private async Task<(HttpClient Client, string Id)> UploadAsync(string fileName, byte[] content)
    {
        var client = await app.ClientForAsync("admin");
        return (client, (await ImportApiTests.UploadAsync(client, fileName, content)).GetProperty("id").GetString()!);
    }

    /// <summary>
    /// The preview answers 422 (import.file.unreadable) whose first error names <paramref name="entry"/>, its detail naming
    /// <paramref name="fileName"/> and that error's reason; the reason is returned.
    /// </summary>
    private static async Task<string> PreviewRefusedAsync(HttpClient client, string id, string fileName, string kind, string entry)
    {
        var response = await client.GetAsync($"/api/v1/imports/uploads/{id}/preview?kind={kind}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, text);
        var problem = JsonDocument.Parse(text).RootElement;
        var error = problem.GetProperty("errors")[0];
        Assert.True(error.GetProperty("value").GetString() == entry, text);
        Assert.Equal(ImportProblemCodes.FileUnreadable, problem.GetProperty("code").GetString());
        Assert.Equal($"The file {fileName} cannot be read: {error.GetProperty("reason").GetString()}", problem.GetProperty("detail").GetString());
        return error.GetProperty("reason").GetString()!;
    }

    /// <summary>The job ends Rejected (not Failed) with the same error; nothing was written.</summary>
    private static async Task JobRejectedAsync(HttpClient client, string kind, object body, string entry, string reason)
    {
        var job = await RunJobAsync(client, kind, body);
        Assert.True(job.GetProperty("state").GetString() == "Rejected", job.ToString());
        var error = Assert.Single(job.GetProperty("outcome").GetProperty("errors").EnumerateArray());
        Assert.Equal(entry, error.GetProperty("value").GetString());
        Assert.Equal(reason, error.GetProperty("reason").GetString());
        Assert.False(job.GetProperty("outcome").GetProperty("written").GetBoolean());
    }

    private void AssertNothingLeftInTheWorkFolder()
        => Assert.Empty(Directory.Exists(app.Work) ? Directory.EnumerateFileSystemEntries(app.Work) : []);

    [Fact]
    public async Task A_shapefile_zip_bomb_is_refused_naming_the_entry_at_preview_and_by_the_job_and_leaves_nothing()
    {
        // 4 MiB of zip expanding to 4 GiB was the reported file; 512 MiB of zeros (about 0.5 MiB zipped) is the same class.
        var bomb = Zip(("乡镇界线/乡镇.shp", Run(512L << 20)), ("乡镇界线/乡镇.shx", Bytes(new byte[100])), ("乡镇界线/乡镇.dbf", Bytes(new byte[33])));
        Assert.True(bomb.Length < 2 << 20, $"{bomb.Length} bytes");
        var (client, id) = await UploadAsync("乡镇界线.zip", bomb);

        var reason = await PreviewRefusedAsync(client, id, "乡镇界线.zip", "boundaries", "乡镇界线/乡镇.shp");
        Assert.Contains("'乡镇界线/乡镇.shp' expands from", reason);
        Assert.Contains("to 536,870,912 bytes", reason);
        AssertNothingLeftInTheWorkFolder();

        await JobRejectedAsync(client, "boundaries", new { uploadId = id, crs = "wgs84", districtName = "炸弹区" }, "乡镇界线/乡镇.shp", reason);
        AssertNothingLeftInTheWorkFolder();
    }

    [Fact]
    public async Task An_xlsx_bomb_is_refused_naming_the_worksheet_part_at_preview_and_by_the_job()
    {
        // A real workbook whose worksheet ends with 256 MiB of blanks: well-formed, and about 1,000 times compressed.
        var bomb = await WorkbookAsync(sheet => stream =>
        {
            var cut = sheet.LastIndexOf("</", StringComparison.Ordinal); // before the worksheet's closing tag
            stream.Write(Encoding.UTF8.GetBytes(sheet[..cut]));
            Run(256L << 20, (byte)' ')(stream);
            stream.Write(Encoding.UTF8.GetBytes(sheet[cut..]));
        });
        Assert.True(bomb.Length < 2 << 20, $"{bomb.Length} bytes");
        var (client, id) = await UploadAsync("企业.xlsx", bomb);

        var reason = await PreviewRefusedAsync(client, id, "企业.xlsx", "enterprises", "xl/worksheets/sheet1.xml");
        Assert.Contains("'xl/worksheets/sheet1.xml' expands from", reason);
        await JobRejectedAsync(client, "enterprises", new { uploadId = id, crs = "wgs84" }, "xl/worksheets/sheet1.xml", reason);
        AssertNothingLeftInTheWorkFolder();
    }

    [Fact]
    public async Task An_xlsx_whose_worksheet_declares_a_dtd_is_refused_naming_the_part_never_a_500_or_a_failed_job()
    {
        // A "billion laughs" document type after the XML declaration.
        var hostile = await WorkbookAsync(sheet => Text(sheet.Insert(sheet.IndexOf("?>", StringComparison.Ordinal) + 2,
            """<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>""")));
        var (client, id) = await UploadAsync("企业.xlsx", hostile);

        var reason = await PreviewRefusedAsync(client, id, "企业.xlsx", "enterprises", "xl/worksheets/sheet1.xml");
        Assert.StartsWith("The part 'xl/worksheets/sheet1.xml' declares a document type (DOCTYPE).", reason);
        await JobRejectedAsync(client, "enterprises", new { uploadId = id, crs = "wgs84" }, "xl/worksheets/sheet1.xml", reason);
        AssertNothingLeftInTheWorkFolder();

        // The same workbook without the DTD previews: the refusal is the DTD's, not the workbook's.
        var (_, plain) = await UploadAsync("企业.xlsx", await WorkbookAsync());
        var preview = await client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/uploads/{plain}/preview?kind=enterprises");
        Assert.Equal("表格企业", preview.GetProperty("table").GetProperty("rows")[0].GetProperty("cells")[1].GetString());
        AssertNothingLeftInTheWorkFolder();
    }

    [Fact]
    public async Task A_shapefile_whose_entry_cannot_be_unpacked_is_refused_naming_it_and_leaves_nothing()
    {
        var layer = Zip(("a.shp", Text(string.Concat(Enumerable.Range(0, 40_000).Select(i => $"{i},{i * 7919 % 10007}\n")))), ("a.dbf", Bytes(new byte[33])));
        // The .shp's deflated data (the first entry, after its 30-byte header and its name) starts with a block of the
        // reserved type 3: the unpacking fails on it, after the file was created.
        layer[30 + "a.shp".Length] |= 0b110;
        var (client, id) = await UploadAsync("damaged.zip", layer);

        var reason = await PreviewRefusedAsync(client, id, "damaged.zip", "boundaries", "a.shp");
        Assert.StartsWith("The entry 'a.shp' cannot be decompressed", reason);
        AssertNothingLeftInTheWorkFolder();
    }

    [Fact]
    public async Task Uploads_are_stored_0600_in_0700_folders()
    {
        var (_, id) = await UploadAsync("乡镇.geojson", """{"type":"FeatureCollection","features":[]}"""u8.ToArray());
        var upload = (await app.Services.GetRequiredService<ImportUploads>().FindAsync(id, default))!;
        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(upload.Path));
        Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(Path.GetDirectoryName(upload.Path)!));
        Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(app.Uploads));
        Assert.Equal(Path.Combine(app.Uploads, id, "乡镇.geojson"), upload.Path);
    }
}
