using System.Text;

namespace RiskMap.Api.Features.Import;

/// <summary>
/// The text encodings an import file may use, and their detection. Chinese Excel saves "CSV" in the system code page,
/// which on a Chinese Windows is GBK (code page 936) without a byte-order mark; tools and phones write UTF-8, with or
/// without a BOM. Detection: a UTF-8 (or UTF-16) BOM decides; otherwise a file that decodes as strict UTF-8 is UTF-8;
/// otherwise it is GBK. The user may override with <c>utf-8</c>, <c>gbk</c> or <c>gb18030</c>.
/// </summary>
public static class TextEncodings
{
    /// <summary>The names accepted for an explicit choice (plus <c>auto</c>).</summary>
    public static readonly string[] Names = ["auto", "utf-8", "gbk", "gb18030"];

    /// <summary>UTF-8 that throws on invalid bytes (used to test whether a file is UTF-8).</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>GBK, code page 936, as Chinese Windows and Excel write it (needs the code-pages provider, registered here).</summary>
    public static Encoding Gbk { get; } = CodePage(936);

    /// <summary>GB 18030, the superset of GBK.</summary>
    public static Encoding Gb18030 { get; } = CodePage(54936);

    /// <summary>Any encoding by name or code page, Windows code pages included (e.g. the name in a shapefile's .cpg).</summary>
    /// <exception cref="ArgumentException">An unknown name.</exception>
    public static Encoding ByName(string name)
    {
        _ = Gbk; // the provider is registered with it
        return int.TryParse(name, out var codePage) ? Encoding.GetEncoding(codePage) : Encoding.GetEncoding(name);
    }

    // .NET ships only the Unicode encodings; the Windows code pages come from CodePagesEncodingProvider, registered on first use.
    private static Encoding CodePage(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage);
    }

    /// <summary>Parses an explicit encoding name; null for <c>auto</c> or empty; throws for anything else.</summary>
    /// <exception cref="ArgumentException">An unknown name; the message lists <see cref="Names"/>.</exception>
    public static Encoding? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => null,
        "utf-8" or "utf8" => new UTF8Encoding(false),
        "gbk" or "cp936" or "936" or "gb2312" => Gbk,
        "gb18030" => Gb18030,
        _ => throw new ArgumentException($"'{name}' is not an encoding. Use one of: {string.Join(", ", Names)}."),
    };

    /// <summary>The name the API reports for an encoding: <c>utf-8</c>, <c>gbk</c>, <c>gb18030</c> or its web name.</summary>
    public static string Name(Encoding encoding) => encoding.CodePage switch
    {
        65001 => "utf-8",
        936 => "gbk",
        54936 => "gb18030",
        _ => encoding.WebName,
    };

    /// <summary>
    /// Detects the encoding of <paramref name="stream"/> from its start (BOM) or, without a BOM, by decoding the whole
    /// stream as strict UTF-8. Leaves the stream at position 0. Returns the encoding and why it was chosen: a code of
    /// <see cref="ImportProblemCodes"/> (<c>import.encoding.*</c>) whose one argument is the encoding's <see cref="Name"/>.
    /// </summary>
    public static (Encoding Encoding, string Reason) Detect(Stream stream)
    {
        stream.Position = 0;
        Span<byte> head = stackalloc byte[3];
        var n = stream.ReadAtLeast(head, 3, throwOnEndOfStream: false);
        stream.Position = 0;
        if (n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) return (new UTF8Encoding(false), ImportProblemCodes.EncodingUtf8Bom);
        if (n >= 2 && head[0] == 0xFF && head[1] == 0xFE) return (Encoding.Unicode, ImportProblemCodes.EncodingUtf16LeBom);
        if (n >= 2 && head[0] == 0xFE && head[1] == 0xFF) return (Encoding.BigEndianUnicode, ImportProblemCodes.EncodingUtf16BeBom);

        var decoder = StrictUtf8.GetDecoder();
        var bytes = new byte[64 * 1024];
        var chars = new char[StrictUtf8.GetMaxCharCount(bytes.Length)];
        var ascii = true;
        try
        {
            int read;
            while ((read = stream.Read(bytes, 0, bytes.Length)) > 0)
            {
                if (ascii && bytes.AsSpan(0, read).ContainsAnyExceptInRange((byte)0, (byte)0x7F)) ascii = false;
                decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
            }
            decoder.GetChars([], 0, 0, chars, 0, flush: true);
            return (new UTF8Encoding(false), ascii ? ImportProblemCodes.EncodingAscii : ImportProblemCodes.EncodingUtf8);
        }
        catch (DecoderFallbackException)
        {
            return (Gbk, ImportProblemCodes.EncodingGbk);
        }
        finally
        {
            stream.Position = 0;
        }
    }
}
