using System.IO.Compression;
using System.Text;

namespace RiskMap.TestSupport;

/// <summary>Zip archives made in a test, entry by entry, so that large entries (zip bombs) never sit in memory.</summary>
public static class TestZips
{
    /// <summary>A zip of named entries (deflated, optimal level), each written by its writer.</summary>
    public static byte[] Zip(params (string Name, Action<Stream> Write)[] entries)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, write) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                write(stream);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>Writes <paramref name="bytes"/> copies of <paramref name="fill"/>: about 1,000 times smaller once deflated.</summary>
    public static Action<Stream> Run(long bytes, byte fill = 0) => stream =>
    {
        var block = new byte[1 << 20];
        Array.Fill(block, fill);
        for (var left = bytes; left > 0; left -= block.Length) stream.Write(block, 0, (int)Math.Min(block.Length, left));
    };

    /// <summary>Writes <paramref name="bytes"/>.</summary>
    public static Action<Stream> Bytes(byte[] bytes) => stream => stream.Write(bytes);

    /// <summary>Writes <paramref name="text"/> as UTF-8.</summary>
    public static Action<Stream> Text(string text) => Bytes(Encoding.UTF8.GetBytes(text));
}
