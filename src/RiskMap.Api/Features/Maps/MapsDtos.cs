using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.Maps;

/// <summary>The query of <c>GET /api/v1/maps/choropleth.png</c> and <c>.pdf</c>.</summary>
/// <param name="Metric">What the townships are coloured by: openMajor (default), openGeneral or overdue.</param>
/// <param name="Sector">Only these sectors: comma-separated sector codes, e.g. <c>gas,fireworks</c>; all when absent.</param>
/// <param name="AsOf">The day the counts are for, yyyy-MM-dd (China Standard Time); default today.</param>
/// <param name="Township">Only this township (9-digit code), drawn to fill the map; it must be one the caller may read (403) and exist (404).</param>
/// <param name="District">6-digit district; default the district of the caller's townships, or the only district.</param>
/// <param name="Paper">A4 (default) or A3 (case-insensitive).</param>
/// <param name="Orientation">landscape (default) or portrait (case-insensitive).</param>
/// <param name="Dpi">PNG resolution in pixels per inch, 72–600; default 150 (A4 landscape: 1754 × 1240 pixels). A PDF is vector.</param>
/// <param name="Scheme">Colours: sequential (default) or official (the four risk colours 红/橙/黄/蓝).</param>
public sealed record PrintedMapQuery(
    [OneOf("openMajor", "openGeneral", "overdue")] string? Metric = null,
    SectorList? Sector = null,
    [InRange(nameof(Ranges.Day))] DateOnly? AsOf = null,
    [DigitCode(9)] string? Township = null,
    [DigitCode(6)] string? District = null,
    [OneOf("A4", "A3")] string? Paper = null,
    [OneOf("landscape", "portrait")] string? Orientation = null,
    [InRange(nameof(Ranges.Dpi))] int Dpi = 150,
    [OneOf("sequential", "official")] string? Scheme = null)
{
    /// <summary>The sheet asked for (the parameters are checked by then: anything but A3 is A4, anything but portrait landscape).</summary>
    public Sheet Sheet => new(string.Equals(Paper?.Trim(), "A3", StringComparison.OrdinalIgnoreCase) ? Maps.Paper.A3 : Maps.Paper.A4,
        string.Equals(Orientation?.Trim(), "portrait", StringComparison.OrdinalIgnoreCase) ? PaperOrientation.Portrait : PaperOrientation.Landscape, Dpi);
}
