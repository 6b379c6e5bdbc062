using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using RiskMap.Api.Features.Import;
using RiskMap.Api.Hosting;
using static RiskMap.TestSupport.TestZips;

namespace RiskMap.UnitTests.Import;

/// <summary>The one reader of archives: declared and actual sizes, the ratio, the total, DTDs, private files.</summary>
public sealed class ImportArchiveTests : IDisposable
{
    private readonly TemporaryDirectory _work = PrivateFiles.CreateTemporaryDirectory(null, "riskmap-archive-tests-");

    public void Dispose() => _work.Dispose();

    /// <summary>Writes <paramref name="bytes"/> random bytes, which do not compress.</summary>
    private static Action<Stream> Noise(int bytes) => stream => stream.Write(Random.Shared.GetItems(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), bytes));

    private static ImportArchive Open(byte[] zip, ArchiveLimits? limits = null)
        => ImportArchive.Open(new MemoryStream(zip), "upload.zip", limits ?? ArchiveLimits.Default, leaveOpen: false);

    private static ImportError Refusal(Action read) => Assert.Single(Assert.Throws<ImportRejectedException>(read).Errors);

    [Fact]
    public void Dotnet_never_reads_more_of_an_entry_than_it_declares()
    {
        // The bound that makes checking declared sizes enough for MiniExcel, which opens the workbook's entries itself:
        // an entry that declares 1,000 bytes but holds 10 MB is read as 1,000 bytes.
        var zip = Zip(("a.bin", Run(10_000_000)));
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(22), 1000); // local header: uncompressed size
        var central = zip.AsSpan().IndexOf([(byte)0x50, (byte)0x4b, (byte)0x01, (byte)0x02]);
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(central + 24), 1000); // central directory: uncompressed size
        using var archive = new ZipArchive(new MemoryStream(zip));
        using var stream = archive.Entries[0].Open();
        var read = 0L;
        var buffer = new byte[65536];
        for (int n; (n = stream.Read(buffer)) > 0;) read += n;
        Assert.Equal(1000, read);
    }

    [Fact]
    public void An_entry_that_expands_beyond_the_ratio_is_refused_naming_it()
    {
        var zip = Zip(("layer.prj", Text("GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\"]")), ("乡镇/layer.shp", Run(64L << 20)));
        var error = Refusal(() => Open(zip));
        Assert.Equal("upload.zip", error.File);
        Assert.Equal("乡镇/layer.shp", error.Value);
        Assert.Contains("'乡镇/layer.shp' expands from", Texts.English(error.Code, [.. error.Args]));
        Assert.Contains("to 67,108,864 bytes", Texts.English(error.Code, [.. error.Args]));
        Assert.Contains("at most 100:1", Texts.English(error.Code, [.. error.Args]));
    }

    [Fact]
    public void Small_entries_are_not_held_to_the_ratio_and_a_setting_moves_it()
    {
        // 1 MiB of zeros compresses about 1,000 times and is harmless; 2 MiB is refused at 100:1 but not at 5000:1.
        using (var small = Open(Zip(("a.dbf", Run(ArchiveLimits.RatioFreeBytes))))) Assert.Single(small.Entries);
        var zip = Zip(("a.dbf", Run(2L << 20)));
        Assert.Equal("a.dbf", Refusal(() => Open(zip)).Value);
        using var relaxed = Open(zip, new ArchiveLimits(ArchiveLimits.DefaultMaxTotalBytes, 5000));
        Assert.Single(relaxed.Entries);
    }

    [Fact]
    public void Entries_over_the_total_are_refused_naming_the_entry_that_crosses_it()
    {
        var zip = Zip(("a.shp", Noise(600_000)), ("a.dbf", Noise(600_000)), ("a.shx", Noise(10)));
        var error = Refusal(() => Open(zip, new ArchiveLimits(1_000_000, 100)));
        Assert.Equal("a.dbf", error.Value);
        Assert.Equal("The archive expands to more than 1,000,000 bytes by the entry 'a.dbf' (RiskMap:Import:MaxArchiveBytes).", Texts.English(error.Code, [.. error.Args]));
        using var enough = Open(zip, new ArchiveLimits(1_200_010, 100));
        Assert.Equal(3, enough.Entries.Count);
    }

    [Fact]
    public void Extracted_files_are_0600_in_a_0700_folder_that_leaves_nothing_behind()
    {
        var zip = Zip(("a.cpg", Text("UTF-8")), ("a.dbf", Noise(5000)));
        string folder;
        using (var directory = PrivateFiles.CreateTemporaryDirectory(_work.Path, "riskmap-shp-"))
        {
            folder = directory.Path;
            Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(folder));
            using var archive = Open(zip);
            foreach (var entry in archive.Entries) archive.ExtractTo(entry, Path.Combine(folder, entry.Name));
            Assert.Equal("UTF-8", File.ReadAllText(Path.Combine(folder, "a.cpg")));
            Assert.Equal(5000, new FileInfo(Path.Combine(folder, "a.dbf")).Length);
            Assert.All(Directory.GetFiles(folder), f => Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(f)));
        }
        Assert.False(Directory.Exists(folder));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_work.Path));
    }

    [Fact]
    public void A_damaged_entry_is_refused_naming_it_and_its_partial_file_goes_with_the_folder()
    {
        var zip = Zip(("a.dbf", Text(string.Concat(Enumerable.Range(0, 40_000).Select(i => $"{i},企业{i * 7919 % 10007},gas\n")))));
        // The deflated data (after the 30-byte local header and the name) starts with a block of the reserved type 3.
        zip[30 + "a.dbf".Length] |= 0b110;
        string folder;
        using (var directory = PrivateFiles.CreateTemporaryDirectory(_work.Path, "riskmap-shp-"))
        {
            folder = directory.Path;
            using var archive = Open(zip);
            var error = Refusal(() => archive.ExtractTo(archive.Entries[0], Path.Combine(folder, "a.dbf")));
            Assert.Equal("a.dbf", error.Value);
            Assert.StartsWith("The entry 'a.dbf' cannot be decompressed", Texts.English(error.Code, [.. error.Args]));
            Assert.True(File.Exists(Path.Combine(folder, "a.dbf"))); // created before the data turned out broken
        }
        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData("xl/worksheets/sheet1.xml")]
    [InlineData("xl/sharedStrings.xml")]
    [InlineData("[Content_Types].xml")]
    [InlineData("xl/_rels/workbook.xml.rels")]
    public void A_document_type_in_any_xml_part_is_refused_naming_the_part(string part)
    {
        const string plain = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><root/>""";
        const string withDtd = """<?xml version="1.0"?><!DOCTYPE root [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><root>&b;</root>""";
        string[] parts = ["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"];
        var zip = Zip([.. parts.Select(p => (p, Text(p == part ? withDtd : plain)))]);
        using var archive = Open(zip);
        var error = Refusal(archive.CheckXmlParts);
        Assert.Equal(part, error.Value);
        Assert.StartsWith($"The part '{part}' declares a document type (DOCTYPE).", Texts.English(error.Code, [.. error.Args]));
    }

    [Fact]
    public void A_part_that_is_not_xml_is_refused_naming_it_and_good_parts_pass()
    {
        using (var good = Open(Zip(("xl/workbook.xml", Text("<workbook><sheets/></workbook>")), ("xl/media/image1.png", Noise(100)))))
            good.CheckXmlParts();
        using var archive = Open(Zip(("xl/workbook.xml", Text("<workbook>")), ("xl/styles.xml", Text("<<styleSheet/>"))));
        var error = Refusal(archive.CheckXmlParts);
        Assert.Equal("xl/styles.xml", error.Value);
        Assert.StartsWith("The part 'xl/styles.xml' is not well-formed XML", Texts.English(error.Code, [.. error.Args]));
    }

    [Fact]
    public void Something_that_is_not_a_zip_is_refused()
    {
        var error = Refusal(() => Open(Encoding.UTF8.GetBytes("not a zip at all")));
        Assert.Null(error.Value);
        Assert.StartsWith("Not a zip file", Texts.English(error.Code, [.. error.Args]));
    }
}
