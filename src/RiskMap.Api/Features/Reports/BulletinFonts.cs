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
