using System.Text.Json.Serialization;
using RiskMap.Api.Contract;
using RiskMap.Api.Features.LocationQuality;
using RiskMap.Api.Geo;

namespace RiskMap.Api.Features.Enterprises;

/// <summary>The query of <c>GET /api/v1/enterprises</c>.</summary>
/// <param name="Township">Only this township (9-digit code); it must be one the caller may read (403 otherwise) and exist (404).</param>
/// <param name="Sector">Only these sectors: comma-separated sector codes, e.g. <c>gas,fireworks</c>.</param>
/// <param name="OpenHazardLevel">
/// Only enterprises whose open hazards on <c>asOf</c> are: Major (an open major hazard), General (open general hazards
/// only), Any (something open) or None (nothing open).
/// </param>
/// <param name="Bbox">Only enterprises inside minLon,minLat,maxLon,maxLat (WGS-84 degrees).</param>
/// <param name="AsOf">The day open hazards are counted on, yyyy-MM-dd (China Standard Time); default today.</param>
/// <param name="Page">Page number, from 1.</param>
/// <param name="PageSize">Enterprises per page, 1–5000; default 500.</param>
/// <param name="Crs">Coordinate system of the points: wgs84 (default), cgcs2000, gcj02 or bd09.</param>
/// <param name="LocationQuality">
/// Only enterprises whose point has this location-quality flag (SharedPoint, NearLabelPoint, CoarseCoordinates,
/// AddressNamesOtherTownship), any flag (Any) or none (None); see GET /api/v1/enterprises/location-quality.
/// </param>
/// <param name="District">
/// Only the enterprises of this district (6-digit code; 404 when unknown, and a <c>township</c> must lie in it); default
/// every district the caller reads.
/// </param>
public sealed record EnterpriseQuery(
    [DigitCode(9)] string? Township = null,
    SectorList? Sector = null,
    OpenHazardLevel? OpenHazardLevel = null,
    BoundingBox? Bbox = null,
    [InRange(nameof(Ranges.Day))] DateOnly? AsOf = null,
    [InRange(nameof(Ranges.Page))] int Page = 1,
    [InRange(nameof(Ranges.EnterprisePageSize))] int PageSize = 500,
    OutputCrs? Crs = null,
    LocationQualityFilter? LocationQuality = null,
    [DigitCode(6)] string? District = null);

/// <summary>Which enterprises an open-hazard filter keeps, by their open hazards on the day.</summary>
public enum OpenHazardLevel
{
    /// <summary>An open major hazard.</summary>
    Major,
    /// <summary>Open general hazards only.</summary>
    General,
    /// <summary>Anything open.</summary>
    Any,
    /// <summary>Nothing open.</summary>
    None,
}

/// <summary>A page of enterprises as a GeoJSON FeatureCollection of points, with paging members.</summary>
/// <param name="Features">The page's enterprises.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Page size.</param>
/// <param name="Total">Enterprises matching the filters on all pages.</param>
/// <param name="AsOf">The day open hazards are counted on.</param>
/// <param name="CoordinateSystem">wgs84 (RFC 7946), or gcj02/bd09 when the request asked for shifted coordinates.</param>
public sealed record EnterprisePage(IReadOnlyList<EnterpriseFeature> Features, int Page, int PageSize, int Total, DateOnly AsOf, string CoordinateSystem)
{
    /// <summary>Always <c>FeatureCollection</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Type => "FeatureCollection";
}

/// <summary>A GeoJSON point feature for one enterprise.</summary>
/// <param name="Id">Enterprise id.</param>
/// <param name="Geometry">Point, WGS-84 longitude/latitude.</param>
/// <param name="Properties">Its attributes and open hazard counts.</param>
public sealed record EnterpriseFeature(long Id, RawGeoJson Geometry, EnterpriseProperties Properties)
{
    /// <summary>Always <c>Feature</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Type => "Feature";
}

/// <summary>An enterprise's attributes on the map.</summary>
/// <param name="Id">Enterprise id.</param>
/// <param name="Name">Name.</param>
/// <param name="CreditCode">Unified social credit code.</param>
/// <param name="Sector">Sector code.</param>
/// <param name="AboveScale">规模以上.</param>
/// <param name="Address">Address.</param>
/// <param name="Township">Township code, null when the point lies in none.</param>
/// <param name="TownshipName">Township name.</param>
/// <param name="Department">Covering department code (部门包企业).</param>
/// <param name="WorstOpenHazardLevel">Major, General, or null when nothing is open.</param>
/// <param name="OpenMajor">Open major hazards.</param>
/// <param name="OpenGeneral">Open general hazards.</param>
/// <param name="Overdue">Open hazards past their deadline.</param>
/// <param name="LocationQuality">Location-quality flags of the point (<see cref="LocationQualityFlag"/> names, lowest bit first); empty when none.</param>
public sealed record EnterpriseProperties(long Id, string Name, string CreditCode, string Sector, bool AboveScale, string? Address,
    string? Township, string? TownshipName, string? Department, string? WorstOpenHazardLevel, int OpenMajor, int OpenGeneral, int Overdue,
    IReadOnlyList<string> LocationQuality);
