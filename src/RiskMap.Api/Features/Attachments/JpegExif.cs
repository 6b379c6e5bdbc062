using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace RiskMap.Api.Features.Attachments;

/// <summary>
/// Writes a minimal EXIF APP1 segment into a JPEG: DateTimeOriginal and a GPS position, the two facts the evidence
/// checks read. Used by the demo generator to give its drawn photos a camera's metadata. Layout per EXIF 2.32 (CIPA
/// DC-008), sections 4.5.4 (APP1 after SOI), 4.6.2 (TIFF header and IFDs, big-endian here), 4.6.5 (Exif IFD pointer
/// 0x8769, DateTimeOriginal 0x9003) and 4.6.6 (GPS IFD pointer 0x8825, GPSLatitudeRef 0x0001 … GPSLongitude 0x0004).
/// </summary>
public static class JpegExif
{
    private const ushort Byte = 1, Ascii = 2, Long = 4, Rational = 5;

    /// <summary>
    /// <paramref name="jpeg"/> with an EXIF segment inserted right after its SOI marker, holding
    /// <paramref name="takenAt"/> (DateTimeOriginal, seconds) and the WGS-84 position
    /// <paramref name="latitude"/>/<paramref name="longitude"/> in degrees (south and west negative).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="jpeg"/> does not start with SOI (FF D8).</exception>
    public static byte[] Insert(byte[] jpeg, DateTime takenAt, double latitude, double longitude)
    {
        if (jpeg is not [0xFF, 0xD8, ..]) throw new ArgumentException("Not a JPEG: no SOI marker.", nameof(jpeg));
        var tiff = new byte[190];
        var w = new Writer(tiff);
        // TIFF header: big-endian ("MM"), 42, IFD0 at 8.
        w.Bytes(0, "MM"u8); w.U16(2, 42); w.U32(4, 8);
        // IFD0 at 8: two pointers (30 bytes) → Exif IFD at 38.
        w.U16(8, 2);
        w.Entry(10, 0x8769, Long, 1, 38);
        w.Entry(22, 0x8825, Long, 1, 76);
        w.U32(34, 0);
        // Exif IFD at 38: DateTimeOriginal (18 bytes) → its 20-byte text at 56.
        w.U16(38, 1);
        w.Entry(40, 0x9003, Ascii, 20, 56);
        w.U32(52, 0);
        w.Bytes(56, Encoding.ASCII.GetBytes(takenAt.ToString("yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture) + "\0"));
        // GPS IFD at 76: five entries (66 bytes) → latitude rationals at 142, longitude at 166.
        w.U16(76, 5);
        w.Entry(78, 0x0000, Byte, 4, 0x02020000);
        w.Entry(90, 0x0001, Ascii, 2, (uint)(latitude < 0 ? 'S' : 'N') << 24);
        w.Entry(102, 0x0002, Rational, 3, 142);
        w.Entry(114, 0x0003, Ascii, 2, (uint)(longitude < 0 ? 'W' : 'E') << 24);
        w.Entry(126, 0x0004, Rational, 3, 166);
        w.U32(138, 0);
        w.DegreesMinutesSeconds(142, Math.Abs(latitude));
        w.DegreesMinutesSeconds(166, Math.Abs(longitude));

        var header = "Exif\0\0"u8;
        var segmentLength = 2 + header.Length + tiff.Length;
        var result = new byte[jpeg.Length + 2 + segmentLength];
        result[0] = 0xFF; result[1] = 0xD8; result[2] = 0xFF; result[3] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(4), (ushort)segmentLength);
        header.CopyTo(result.AsSpan(6));
        tiff.CopyTo(result.AsSpan(6 + header.Length));
        jpeg.AsSpan(2).CopyTo(result.AsSpan(4 + segmentLength));
        return result;
    }

    private readonly ref struct Writer(Span<byte> buffer)
    {
        private readonly Span<byte> buffer = buffer;

        public void Bytes(int at, ReadOnlySpan<byte> bytes) => bytes.CopyTo(buffer[at..]);
        public void U16(int at, ushort value) => BinaryPrimitives.WriteUInt16BigEndian(buffer[at..], value);
        public void U32(int at, uint value) => BinaryPrimitives.WriteUInt32BigEndian(buffer[at..], value);

        /// <summary>A 12-byte IFD entry: tag, type, count, and the value or the offset of the value.</summary>
        public void Entry(int at, ushort tag, ushort type, uint count, uint valueOrOffset)
        {
            U16(at, tag); U16(at + 2, type); U32(at + 4, count); U32(at + 8, valueOrOffset);
        }

        /// <summary>Three RATIONALs: whole degrees, whole minutes, seconds to 1/10000.</summary>
        public void DegreesMinutesSeconds(int at, double degrees)
        {
            var d = Math.Floor(degrees);
            var m = Math.Floor((degrees - d) * 60);
            var s = Math.Round(((degrees - d) * 60 - m) * 60 * 10_000);
            U32(at, (uint)d); U32(at + 4, 1);
            U32(at + 8, (uint)m); U32(at + 12, 1);
            U32(at + 16, (uint)s); U32(at + 20, 10_000);
        }
    }
}
