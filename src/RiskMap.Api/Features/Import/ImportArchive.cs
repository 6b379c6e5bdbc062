using System.Globalization;
using System.IO.Compression;
using System.Xml;
using RiskMap.Api.Hosting;

namespace RiskMap.Api.Features.Import;

/// <summary>
/// How far an archive may expand when it is read, and where it is unpacked (settings under <c>RiskMap:Import</c>).
/// </summary>
/// <param name="MaxTotalBytes">Most bytes all entries of one archive may expand to together; default 1 GiB (<c>MaxArchiveBytes</c>).</param>
/// <param name="MaxCompressionRatio">
/// Most bytes an entry may expand to per compressed byte, for entries larger than <see cref="RatioFreeBytes"/>; default
/// 100 (<c>MaxCompressionRatio</c>). Text, XML and Shapefile parts compress 2–30 times; a run of zeros compresses about
/// 1,000 times, which is what a zip bomb is made of.
/// </param>
/// <param name="WorkDirectory">
/// Where archives are unpacked, each into a private folder (0700) deleted after reading; null for the system's temporary
/// folder (<c>WorkDirectory</c>).
/// </param>
public sealed record ArchiveLimits(long MaxTotalBytes, double MaxCompressionRatio, string? WorkDirectory = null)
{
    /// <summary>Default <see cref="MaxTotalBytes"/>: 1 GiB.</summary>
    public const long DefaultMaxTotalBytes = 1L << 30;

    /// <summary>Default <see cref="MaxCompressionRatio"/>: 100:1.</summary>
    public const double DefaultMaxCompressionRatio = 100;

    /// <summary>
    /// Entries that expand to at most this many bytes (1 MiB) are not held to the ratio: a small file of blanks
    /// compresses well without being dangerous.
    /// </summary>
    public const long RatioFreeBytes = 1L << 20;

    /// <summary>The defaults, unpacking into the system's temporary folder.</summary>
    public static ArchiveLimits Default { get; } = new(DefaultMaxTotalBytes, DefaultMaxCompressionRatio);
}

/// <summary>
/// A zip archive read within <see cref="ArchiveLimits"/>; every reader of an archive (zipped Shapefiles, XLSX workbooks)
/// opens it here. Opening checks what the archive declares — each entry's size against its compressed size (ratio) and
/// the sum of all entries against the total — before anything is decompressed; extracting counts the bytes actually
/// written and stops at the entry's declared size and at the total. .NET's <see cref="ZipArchive"/> never returns more
/// than an entry declares (a unit test holds it to that), so a library that opens the entries itself (MiniExcel) is
/// bounded by the declared sizes checked here. A refusal is an <see cref="ImportRejectedException"/> naming the entry.
/// </summary>
public sealed class ImportArchive : IDisposable
{
    private const string Settings = "RiskMap:Import";

    private static readonly XmlReaderSettings ProhibitDtd = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CloseInput = false };
    private static readonly XmlReaderSettings IgnoreDtd = new() { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, CloseInput = false };

    private readonly ZipArchive _zip;
    private readonly string _fileName;
    private readonly ArchiveLimits _limits;
    private long _extracted;

    private ImportArchive(ZipArchive zip, string fileName, ArchiveLimits limits)
    {
        _zip = zip;
        _fileName = fileName;
        _limits = limits;
    }

    /// <summary>The archive's entries, in the order of its central directory.</summary>
    public IReadOnlyList<ZipArchiveEntry> Entries => _zip.Entries;

    /// <summary>Opens <paramref name="stream"/> as a zip archive and checks its declared sizes against <paramref name="limits"/>.</summary>
    /// <param name="stream">The archive, seekable.</param>
    /// <param name="fileName">The upload's name, for errors.</param>
    /// <param name="limits">The limits.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open when this is disposed.</param>
    /// <exception cref="ImportRejectedException">Not a zip archive, an entry over the ratio, or entries over the total (named).</exception>
    public static ImportArchive Open(Stream stream, string fileName, ArchiveLimits limits, bool leaveOpen)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen);
        }
        catch (InvalidDataException e)
        {
            if (!leaveOpen) stream.Dispose();
            throw Reject(fileName, null, ImportProblemCodes.ZipUnreadable, e.Message);
        }
        try
        {
            CheckDeclaredSizes(zip, fileName, limits);
        }
        catch
        {
            zip.Dispose();
            throw;
        }
        return new ImportArchive(zip, fileName, limits);
    }

    private static void CheckDeclaredSizes(ZipArchive zip, string fileName, ArchiveLimits limits)
    {
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            if (entry.Length > ArchiveLimits.RatioFreeBytes && entry.Length > limits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
            {
                throw Reject(fileName, entry.FullName, ImportProblemCodes.ArchiveEntryRatio, entry.FullName, Bytes(entry.CompressedLength), Bytes(entry.Length),
                    ((double)entry.Length / Math.Max(1, entry.CompressedLength)).ToString("0", CultureInfo.InvariantCulture),
                    limits.MaxCompressionRatio.ToString("0.##", CultureInfo.InvariantCulture), Settings + ":MaxCompressionRatio");
            }
            total += entry.Length;
            if (total > limits.MaxTotalBytes) throw OverTotal(fileName, entry.FullName, limits);
        }
    }

    /// <summary>
    /// Writes <paramref name="entry"/> to the new file <paramref name="path"/> (mode 0600), counting the bytes: more than
    /// the entry declares, or than the archive's total allows, stops the copy and refuses the archive. The caller deletes
    /// what was written (extract into a <see cref="TemporaryDirectory"/>).
    /// </summary>
    /// <exception cref="ImportRejectedException">The entry is damaged or expands beyond its declared size or the total.</exception>
    public void ExtractTo(ZipArchiveEntry entry, string path)
    {
        try
        {
            using var target = PrivateFiles.CreateFile(path);
            using var source = entry.Open();
            var buffer = new byte[81920];
            long written = 0;
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                written += read;
                if (written > entry.Length)
                    throw Reject(_fileName, entry.FullName, ImportProblemCodes.ArchiveEntryOverDeclared, entry.FullName, Bytes(entry.Length));
                if (_extracted + written > _limits.MaxTotalBytes) throw OverTotal(_fileName, entry.FullName, _limits);
                target.Write(buffer, 0, read);
            }
            _extracted += written;
        }
        catch (InvalidDataException e)
        {
            throw Reject(_fileName, entry.FullName, ImportProblemCodes.ArchiveEntryDamaged, entry.FullName, e.Message);
        }
    }

    /// <summary>
    /// Reads every XML part (<c>.xml</c>, <c>.rels</c>) up to its root element with DTD processing prohibited, so that a
    /// part declaring a document type — which could expand entities or name outside files — is refused by name before a
    /// library reads it. A DOCTYPE can only stand before the root element, so the rest of a part is not read here.
    /// </summary>
    /// <exception cref="ImportRejectedException">A part declares a DTD or does not start as well-formed XML (named).</exception>
    public void CheckXmlParts()
    {
        foreach (var entry in _zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
                                                      || e.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)))
        {
            try
            {
                ReadProlog(entry, ProhibitDtd);
            }
            catch (XmlException e)
            {
                throw DeclaresDtd(entry)
                    ? Reject(_fileName, entry.FullName, ImportProblemCodes.XmlPartDtd, entry.FullName)
                    : Reject(_fileName, entry.FullName, ImportProblemCodes.XmlPartMalformed, entry.FullName, e.Message);
            }
            catch (InvalidDataException e)
            {
                throw Reject(_fileName, entry.FullName, ImportProblemCodes.ArchiveEntryDamaged, entry.FullName, e.Message);
            }
        }
    }

    // Prohibit failed; if the same prolog reads with the DTD ignored, the DTD was the reason.
    private static bool DeclaresDtd(ZipArchiveEntry entry)
    {
        try
        {
            ReadProlog(entry, IgnoreDtd);
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private static void ReadProlog(ZipArchiveEntry entry, XmlReaderSettings settings)
    {
        using var stream = entry.Open();
        using var reader = XmlReader.Create(stream, settings);
        reader.MoveToContent();
    }

    /// <inheritdoc />
    public void Dispose() => _zip.Dispose();

    private static ImportRejectedException OverTotal(string fileName, string entry, ArchiveLimits limits)
        => Reject(fileName, entry, ImportProblemCodes.ArchiveOverTotal, Bytes(limits.MaxTotalBytes), entry, Settings + ":MaxArchiveBytes");

    private static string Bytes(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    private static ImportRejectedException Reject(string fileName, string? entry, string code, params object?[] args)
        => new([new ImportError(fileName, 0, "", entry, code, args)]);
}
