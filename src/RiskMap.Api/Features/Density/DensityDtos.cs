using System.Text.Json.Serialization;
using RiskMap.Api.Contract;
using RiskMap.Api.Geo;

namespace RiskMap.Api.Features.Density;

/// <summary>
/// Options under <c>RiskMap:Density</c>: how the hazard-density layer (热力图) weighs hazards.
/// </summary>
public sealed class DensityOptions
{
    /// <summary>
    /// What one open major hazard (重大事故隐患) counts for in a hexagon's weighted count, against 1 for an open general
    /// hazard; default 3. The project's own weighting (no national standard prescribes one): a major hazard is judged by
    /// the national criteria as able to cause a serious accident, so a hexagon with one weighs like three general ones.
    /// Must be between 1 and 100.
    /// </summary>
    public double MajorHazardWeight { get; set; } = 3;
}

/// <summary>
/// A zoom band of the density layer: every map zoom from <paramref name="MinZoom"/> to <paramref name="MaxZoom"/> gets
/// hexagons of the same size, <paramref name="EdgeMetres"/> along each edge in the equal-area projection
/// (<see cref="DensityQueries.ProjectionSrid"/>), so a hexagon covers the same ground — and a colour means the same
/// density — wherever the map is and however far it is zoomed within the band.
/// </summary>
/// <param name="MinZoom">First map zoom of the band.</param>
/// <param name="MaxZoom">Last map zoom of the band.</param>
/// <param name="EdgeMetres">Edge length of a hexagon, metres (= its circumradius).</param>
public sealed record ZoomBand(int MinZoom, int MaxZoom, double EdgeMetres)
{
    /// <summary>
    /// The bands, covering zooms 0–22 without gaps. At the latitude of central China a hexagon is then 20–40 pixels
    /// across on a Web Mercator map at the band's zooms (a pixel is about 140 m at zoom 10 and 26°N).
    /// </summary>
    public static IReadOnlyList<ZoomBand> All { get; } =
    [
        new(0, 8, 10_000),
        new(9, 10, 3_000),
        new(11, 12, 1_000),
        new(13, 14, 300),
        new(15, 22, 100),
    ];

    /// <summary>The band holding map zoom <paramref name="zoom"/> (0–22).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The zoom is outside 0–22.</exception>
    public static ZoomBand For(int zoom) => All.FirstOrDefault(b => zoom >= b.MinZoom && zoom <= b.MaxZoom)
        ?? throw new ArgumentOutOfRangeException(nameof(zoom), zoom, "Map zooms are 0–22.");

    /// <summary>Area of one hexagon, square kilometres: 3√3/2 · edge².</summary>
    public double AreaKm2 => 3 * Math.Sqrt(3) / 2 * EdgeMetres * EdgeMetres / 1e6;
}

/// <summary>The query of <c>GET /api/v1/density/hexagons</c>.</summary>
/// <param name="District">6-digit district code; may be omitted when the database holds exactly one district (404 when unknown).</param>
/// <param name="Township">Only the hazards of this township (9-digit code); it must be one the caller may read (403 otherwise) and exist (404).</param>
/// <param name="Sector">Only hazards of these sectors: comma-separated sector codes, e.g. <c>gas,fireworks</c>; default all.</param>
/// <param name="AsOf">The day hazards are open on, yyyy-MM-dd (China Standard Time); default today.</param>
/// <param name="Bbox">Only hexagons touching minLon,minLat,maxLon,maxLat (WGS-84 degrees), each counted whole; default the whole district.</param>
/// <param name="Zoom">The map zoom (0–22, default 11): picks the zoom band and so the hexagon size (<see cref="ZoomBand.All"/>).</param>
/// <param name="Crs">Coordinate system of the hexagons: wgs84 (default, RFC 7946), cgcs2000, gcj02 or bd09.</param>
public sealed record HexagonQuery(
    [DigitCode(6)] string? District = null,
    [DigitCode(9)] string? Township = null,
    SectorList? Sector = null,
    [InRange(nameof(Ranges.Day))] DateOnly? AsOf = null,
    BoundingBox? Bbox = null,
    [InRange(nameof(Ranges.Zoom))] int Zoom = 11,
    OutputCrs? Crs = null);

/// <summary>
/// The hazard-density layer: a GeoJSON FeatureCollection of the hexagons that hold at least one open hazard, with the
/// band, weight and legend classes that say what the colours mean.
/// </summary>
/// <param name="Features">Hexagons with hazards, ordered by grid column then row.</param>
/// <param name="District">District code.</param>
/// <param name="AsOf">The day hazards are open on.</param>
/// <param name="Sectors">Sector codes counted (all when the request named none).</param>
/// <param name="Band">The zoom band and its hexagon size.</param>
/// <param name="HexagonAreaKm2">Area of every hexagon, km² (geodesic; equal for all hexagons of the band).</param>
/// <param name="MajorHazardWeight">What one open major hazard counts for (an open general hazard counts 1).</param>
/// <param name="Classes">Legend classes of the density, weighted hazards per km²: fixed, the same for every zoom, district and filter.</param>
/// <param name="Projection">The projection the hexagons are laid out in, e.g. <c>ESRI:102025</c>.</param>
/// <param name="CoordinateSystem">wgs84 (RFC 7946), or gcj02/bd09 when the request asked for shifted coordinates.</param>
public sealed record HexagonLayer(
    IReadOnlyList<HexagonFeature> Features,
    string District,
    DateOnly AsOf,
    IReadOnlyList<string> Sectors,
    ZoomBand Band,
    double HexagonAreaKm2,
    double MajorHazardWeight,
    IReadOnlyList<DensityClass> Classes,
    string Projection,
    string CoordinateSystem)
{
    /// <summary>Always <c>FeatureCollection</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Type => "FeatureCollection";
}

/// <summary>One hexagon as a GeoJSON Feature.</summary>
/// <param name="Id">The hexagon's grid cell, <c>i,j</c> (column, row of ST_HexagonGrid): the same cell has the same id in every request of its band.</param>
/// <param name="Geometry">Polygon, WGS-84 (or the requested system), exterior ring counter-clockwise.</param>
/// <param name="Properties">Its counts and density.</param>
public sealed record HexagonFeature(string Id, RawGeoJson Geometry, HexagonProperties Properties)
{
    /// <summary>Always <c>Feature</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Type => "Feature";
}

/// <summary>What one hexagon holds.</summary>
/// <param name="OpenMajor">Open major hazards of enterprises located in the hexagon.</param>
/// <param name="OpenGeneral">Open general hazards of enterprises located in it.</param>
/// <param name="Weighted">OpenGeneral + MajorHazardWeight × OpenMajor.</param>
/// <param name="Density">Weighted / hexagon area: weighted hazards per km², three decimals.</param>
public sealed record HexagonProperties(int OpenMajor, int OpenGeneral, double Weighted, double Density);

/// <summary>A legend class of the density: weighted hazards per km² from <paramref name="Min"/> (inclusive) to <paramref name="Max"/> (exclusive; null: no upper end).</summary>
/// <param name="Min">Lower end, weighted hazards per km².</param>
/// <param name="Max">Upper end, or null for the last class.</param>
public sealed record DensityClass(double Min, double? Max)
{
    /// <summary>
    /// The classes: breaks at 0.25, 0.5, 1, 2 and 4 weighted hazards per km² (doubling, so each class is twice as dense as
    /// the one before). Fixed, not fitted to the data, so that a colour means the same density at every zoom and in every
    /// district.
    /// </summary>
    public static IReadOnlyList<DensityClass> All { get; } =
        [new(0, 0.25), new(0.25, 0.5), new(0.5, 1), new(1, 2), new(2, 4), new(4, null)];
}
