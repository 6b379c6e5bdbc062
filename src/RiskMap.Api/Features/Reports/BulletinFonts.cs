using SkiaSharp;

namespace RiskMap.Api.Features.Reports;

/// <summary>
/// The Chinese typefaces of the bulletin's PDF and chart: Noto Sans CJK SC (Debian package fonts-noto-cjk, found through
/// fontconfig), regular and bold, loaded once per process.
/// </summary>
public static class BulletinFonts
{
    private static readonly Lazy<SKTypeface> regular = new(() => Load(SKFontStyle.Normal));
    private static readonly Lazy<SKTypeface> bold = new(() => Load(SKFontStyle.Bold));

    /// <summary>Noto Sans CJK SC, regular.</summary>
    /// <exception cref="InvalidOperationException">No installed typeface has Chinese glyphs (fonts-noto-cjk is missing).</exception>
    public static SKTypeface Regular => regular.Value;

    /// <summary>Noto Sans CJK SC, bold.</summary>
    /// <exception cref="InvalidOperationException">No installed typeface has Chinese glyphs (fonts-noto-cjk is missing).</exception>
    public static SKTypeface Bold => bold.Value;

    /// <summary>
    /// Draws <paramref name="text"/> with its baseline at (<paramref name="x"/>, <paramref name="y"/>) as a text blob that
    /// carries the text and one cluster per character. Noto CJK draws a Kangxi radical and the ideograph it resembles
    /// (⽔ U+2F54 and 水 U+6C34) with the same glyph, so a PDF's glyph-to-text map alone gives some characters back as
    /// radicals; with the clusters, Skia's PDF backend writes the real text (ActualText) wherever that map would not.
    /// </summary>
    public static void DrawText(SKCanvas canvas, string text, float x, float y, SKTextAlign align, SKFont font, SKPaint paint)
    {
        if (text.Length == 0) return;
        var runes = text.EnumerateRunes().ToList();
        var codepoints = runes.Select(r => r.Value).ToArray();
        var glyphs = font.GetGlyphs(codepoints);
        var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        var clusters = new uint[glyphs.Length];
        for (int i = 0, offset = 0; i < runes.Count; offset += runes[i].Utf8SequenceLength, i++) clusters[i] = (uint)offset;
        using var builder = new SKTextBlobBuilder();
        var run = builder.AllocateTextRun(font, glyphs.Length, 0, 0, utf8.Length);
        run.SetGlyphs(glyphs);
        run.SetText(utf8);
        run.SetClusters(clusters);
        using var blob = builder.Build();
        if (blob is null) return;
        var width = align == SKTextAlign.Left ? 0 : font.MeasureText(text);
        canvas.DrawText(blob, align switch { SKTextAlign.Center => x - width / 2, SKTextAlign.Right => x - width, _ => x }, y, paint);
    }

    private static SKTypeface Load(SKFontStyle style)
    {
        var typeface = SKFontManager.Default.MatchFamily("Noto Sans CJK SC", style)
            ?? SKFontManager.Default.MatchCharacter("Noto Sans CJK SC", style.Weight, style.Width, style.Slant, ["zh-CN"], '通');
        using var font = typeface is null ? null : new SKFont(typeface);
        if (typeface is null || !font!.ContainsGlyphs("通报整改率"))
            throw new InvalidOperationException("No typeface with Chinese glyphs is installed: install Debian's fonts-noto-cjk (scripts/setup.sh run).");
        return typeface;
    }
}
