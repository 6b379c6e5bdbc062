using NetTopologySuite.Geometries;

namespace RiskMap.Api.Features.Maps;

/// <summary>Paper sizes of the printable map (ISO 216).</summary>
public enum Paper
{
    /// <summary>210 × 297 mm.</summary>
    A4,
    /// <summary>297 × 420 mm.</summary>
    A3,
}

/// <summary>How the paper is turned.</summary>
public enum PaperOrientation
{
    /// <summary>Long side horizontal (default).</summary>
    Landscape,
    /// <summary>Long side vertical.</summary>
    Portrait,
}

/// <summary>A sheet: paper, orientation and resolution, with its size in millimetres, PDF points and PNG pixels.</summary>
/// <param name="Paper">A4 or A3.</param>
/// <param name="Orientation">Landscape or portrait.</param>
/// <param name="Dpi">PNG pixels per inch (72–600); a PDF is vector and records it only.</param>
public sealed record Sheet(Paper Paper, PaperOrientation Orientation, int Dpi)
{
    private const double MillimetresPerInch = 25.4;

    private (double Short, double Long) Sides => Paper == Paper.A3 ? (297, 420) : (210, 297);

    /// <summary>Width in millimetres.</summary>
    public double WidthMm => Orientation == PaperOrientation.Landscape ? Sides.Long : Sides.Short;

    /// <summary>Height in millimetres.</summary>
    public double HeightMm => Orientation == PaperOrientation.Landscape ? Sides.Short : Sides.Long;

    /// <summary>PNG width in pixels: the width in inches times <see cref="Dpi"/>, rounded (A4 landscape at 150 dpi: 1754).</summary>
    public int PixelWidth => (int)Math.Round(WidthMm / MillimetresPerInch * Dpi);

    /// <summary>PNG height in pixels (A4 landscape at 150 dpi: 1240).</summary>
    public int PixelHeight => (int)Math.Round(HeightMm / MillimetresPerInch * Dpi);

    /// <summary>PNG pixels per millimetre.</summary>
    public double PixelsPerMm => Dpi / MillimetresPerInch;

    /// <summary>PDF points (1/72 inch) per millimetre.</summary>
    public static double PointsPerMm => 72 / MillimetresPerInch;
}

/// <summary>A township as printed.</summary>
/// <param name="Code">9-digit code.</param>
/// <param name="Name">Name, drawn beside the label point.</param>
/// <param name="Boundary">Polygon or MultiPolygon, WGS-84 degrees.</param>
/// <param name="LabelLon">Label point longitude, WGS-84 degrees (townships.label_point).</param>
/// <param name="LabelLat">Label point latitude, WGS-84 degrees.</param>
/// <param name="Color">Fill, CSS hex <c>#rrggbb</c>: its legend class's colour.</param>
public sealed record PrintedTownship(string Code, string Name, Geometry Boundary, double LabelLon, double LabelLat, string Color);

/// <summary>A legend row.</summary>
/// <param name="Color">Swatch colour, CSS hex.</param>
/// <param name="Label">Text, e.g. "1–3 项".</param>
public sealed record LegendEntry(string Color, string Label);

/// <summary>Everything printed on the sheet, already in the reader's language.</summary>
/// <param name="Sheet">Paper, orientation, resolution.</param>
/// <param name="Title">Title: district, metric and sectors.</param>
/// <param name="Subtitle">The as-of line.</param>
/// <param name="LegendTitle">Heading of the legend (the metric).</param>
/// <param name="Legend">Legend rows, zero first.</param>
/// <param name="Townships">The townships, each with its class colour.</param>
/// <param name="NorthLabel">Letter on the north arrow (北 / N).</param>
/// <param name="ScaleUnit">Unit of the scale bar's labels (km).</param>
/// <param name="Notice">The illustrative-boundaries notice, or null when every boundary is official.</param>
/// <param name="Footer">Issuing unit and generation time, one line.</param>
/// <param name="KeyTitle">Heading of the list of townships numbered on the map because their names did not fit.</param>
public sealed record PrintedMap(Sheet Sheet, string Title, string Subtitle, string LegendTitle, IReadOnlyList<LegendEntry> Legend,
    IReadOnlyList<PrintedTownship> Townships, string NorthLabel, string ScaleUnit, string? Notice, string Footer, string KeyTitle);
