using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using RiskMap.Api.Contract;
using RiskMap.Api.Geo;

namespace RiskMap.Api.Features.Townships;

// Response records are the API contract; EF entities stay inside the service.

/// <summary>The query of <c>GET /api/v1/townships/choropleth</c>.</summary>
/// <param name="Metric">The count each feature's <c>value</c> and the legend classes are for: openMajor (default), openGeneral or overdue.</param>
/// <param name="Sector">Only hazards and enterprises of these sectors: comma-separated sector codes; all when absent.</param>
/// <param name="AsOf">The day the counts are for, yyyy-MM-dd (China Standard Time); default today.</param>
/// <param name="District">6-digit district code; may be omitted when the database holds exactly one district (400 otherwise, 404 when unknown).</param>
/// <param name="Crs">Output coordinates: wgs84 (default, RFC 7946), cgcs2000, or gcj02/bd09 to overlay a Chinese web basemap.</param>
/// <param name="Zoom">Map zoom the boundaries are drawn at: simplified to half a pixel there (ST_Simplify) and coordinates rounded to match; full detail when absent.</param>
/// <param name="Scheme">Colour scheme of the legend classes: sequential (default) or official (the four risk colours 红/橙/黄/蓝); any letter case.</param>
public sealed record ChoroplethQuery(
    [OneOf(ChoroplethQuery.OpenMajor, ChoroplethQuery.OpenGeneral, ChoroplethQuery.Overdue)] string? Metric = null,
    SectorList? Sector = null,
    [InRange(nameof(Ranges.Day))] DateOnly? AsOf = null,
    [DigitCode(6)] string? District = null,
    OutputCrs? Crs = null,
    [InRange(nameof(Ranges.Zoom))] int? Zoom = null,
    [OneOf(ColorSchemes.Sequential, ColorSchemes.Official)] string? Scheme = null)
{
    /// <summary>Metric: open major hazards (the default).</summary>
    public const string OpenMajor = "openMajor";

    /// <summary>Metric: open general hazards.</summary>
    public const string OpenGeneral = "openGeneral";

    /// <summary>Metric: open hazards past their deadline.</summary>
    public const string Overdue = "overdue";

    /// <summary>The metric as the API spells it (the parameter is compared case-insensitively); openMajor when absent.</summary>
    public string MetricName => new[] { OpenGeneral, Overdue }.FirstOrDefault(m => string.Equals(m, Metric?.Trim(), StringComparison.OrdinalIgnoreCase)) ?? OpenMajor;

    /// <summary>The colour scheme as the API spells it (compared case-insensitively); sequential when absent.</summary>
    public string SchemeName => string.Equals(Scheme?.Trim(), ColorSchemes.Official, StringComparison.OrdinalIgnoreCase) ? ColorSchemes.Official : ColorSchemes.Sequential;
}

/// <summary>The route and query of <c>GET /api/v1/townships/{code}</c>.</summary>
/// <param name="Code">9-digit township code; it must be one the caller may read (403 otherwise) and exist (404).</param>
/// <param name="AsOf">The day the figures are for, yyyy-MM-dd (China Standard Time); default today.</param>
/// <param name="Sector">Only hazards and enterprises of these sectors: comma-separated sector codes; all when absent.</param>
public sealed record TownshipQuery(
    [FromRoute(Name = "code"), DigitCode(9)] string Code,
    [InRange(nameof(Ranges.Day))] DateOnly? AsOf = null,
    SectorList? Sector = null);

/// <summary>The choropleth: a GeoJSON FeatureCollection (RFC 7946) of township polygons with their counts, plus legend data.</summary>
/// <param name="Features">One feature per township, ordered by code.</param>
/// <param name="District">District code.</param>
/// <param name="AsOf">The day the counts are for.</param>
/// <param name="Metric">The metric the classes are for: openMajor, openGeneral or overdue.</param>
/// <param name="Sectors">Sector codes the counts cover (all sectors when the request named none).</param>
/// <param name="Scheme">The colour scheme of <paramref name="Classes"/>: sequential or official (红/橙/黄/蓝).</param>
/// <param name="Classes">Legend classes of the metric in the scheme (fixed per metric, see <see cref="ClassBreaks"/>): zero first,
/// then non-overlapping ranges, the last without upper bound; each with its fill colour.</param>
/// <param name="Illustrative">True when any boundary is illustrative (made up for the demo).</param>
/// <param name="CoordinateSystem">wgs84 (RFC 7946), or gcj02/bd09 when the request asked for shifted coordinates.</param>
public sealed record ChoroplethResponse(
    IReadOnlyList<TownshipFeature> Features,
    string District,
    DateOnly AsOf,
    string Metric,
    IReadOnlyList<string> Sectors,
    string Scheme,
    IReadOnlyList<ClassRange> Classes,
    bool Illustrative,
    string CoordinateSystem)
{
    /// <summary>Always <c>FeatureCollection</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Type => "FeatureCollection";
}

/// <summary>A GeoJSON Feature: a township polygon and its figures.</summary>
/// <param name="Id">The township code.</param>
/// <param name="Geometry">MultiPolygon, WGS-84, exterior rings counter-clockwise (RFC 7946 right-hand rule).</param>
/// <param name="Properties">Its figures.</param>
public sealed record TownshipFeature(string Id, RawGeoJson Geometry, TownshipProperties Properties)
{
    /// <summary>Always <c>Feature</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Type => "Feature";
}

/// <summary>A township's figures as of the requested day, over the selected sectors.</summary>
/// <param name="Code">9-digit code.</param>
/// <param name="Name">Name.</param>
/// <param name="Kind">Subdistrict, Town or Township.</param>
/// <param name="Illustrative">True for a made-up demo boundary.</param>
/// <param name="Enterprises">Enterprises of the selected sectors located in the township.</param>
/// <param name="OpenMajor">Open major hazards.</param>
/// <param name="OpenGeneral">Open general hazards.</param>
/// <param name="Overdue">Open hazards past their deadline (both levels).</param>
/// <param name="Value">The requested metric's count, or null ("no data") when the township has no enterprise of the selected sectors.</param>
/// <param name="BySector">The same three counts per sector code (only sectors with an open hazard appear).</param>
/// <param name="LabelPoint">Where its name is drawn: [longitude, latitude] in the response's coordinate system, degrees; the
/// pole of inaccessibility of the boundary, stored with it (townships.label_point), always inside.</param>
public sealed record TownshipProperties(
    string Code,
    string Name,
    string Kind,
    bool Illustrative,
    int Enterprises,
    int OpenMajor,
    int OpenGeneral,
    int Overdue,
    int? Value,
    IReadOnlyDictionary<string, HazardCounts> BySector,
    double[] LabelPoint);

/// <summary>Open and overdue hazard counts.</summary>
/// <param name="OpenMajor">Open major hazards.</param>
/// <param name="OpenGeneral">Open general hazards.</param>
/// <param name="Overdue">Open hazards past their deadline.</param>
public sealed record HazardCounts(int OpenMajor, int OpenGeneral, int Overdue);

/// <summary>A township's detail as of a day.</summary>
/// <param name="Code">9-digit code.</param>
/// <param name="Name">Name.</param>
/// <param name="Kind">Subdistrict, Town or Township.</param>
/// <param name="District">District code.</param>
/// <param name="Illustrative">True for a made-up demo boundary.</param>
/// <param name="AreaKm2">Area in square kilometres (geodesic, from the WGS-84 polygon cast to geography).</param>
/// <param name="AsOf">The day the figures are for.</param>
/// <param name="Leaders">District leaders covering the township (区领导包乡镇).</param>
/// <param name="EnterprisesBySector">Enterprises located in the township per sector code.</param>
/// <param name="Totals">Open and overdue hazards over all sectors.</param>
/// <param name="HazardsBySectorLevelStatus">Hazards found on or before the day, by sector × level × status on that day.</param>
/// <param name="OverdueHazards">Every hazard overdue on the day, most overdue first.</param>
public sealed record TownshipDetail(
    string Code,
    string Name,
    string Kind,
    string District,
    bool Illustrative,
    double AreaKm2,
    DateOnly AsOf,
    IReadOnlyList<LeaderDto> Leaders,
    IReadOnlyDictionary<string, int> EnterprisesBySector,
    HazardCounts Totals,
    IReadOnlyList<HazardCell> HazardsBySectorLevelStatus,
    IReadOnlyList<OverdueHazard> OverdueHazards);

/// <summary>A covering district leader.</summary>
/// <param name="Name">Name.</param>
/// <param name="Title">Post, e.g. 副区长.</param>
public sealed record LeaderDto(string Name, string? Title);

/// <summary>Number of hazards of one sector, level and status.</summary>
/// <param name="Sector">Sector code.</param>
/// <param name="Level">General or Major.</param>
/// <param name="Status">Open, Rectifying, Rectified or Closed, on the requested day.</param>
/// <param name="Count">Hazards.</param>
public sealed record HazardCell(string Sector, string Level, string Status, int Count);

/// <summary>An overdue hazard.</summary>
/// <param name="Id">Hazard id.</param>
/// <param name="EnterpriseId">Enterprise id.</param>
/// <param name="EnterpriseName">Enterprise name.</param>
/// <param name="Sector">Sector code.</param>
/// <param name="Level">General or Major.</param>
/// <param name="Description">What is wrong.</param>
/// <param name="FoundOn">Day found.</param>
/// <param name="Deadline">Rectification deadline.</param>
/// <param name="DaysOverdue">Days from the deadline to the requested day (≥ 1).</param>
/// <param name="Supervised">Under supervision (挂牌督办).</param>
public sealed record OverdueHazard(long Id, long EnterpriseId, string EnterpriseName, string Sector, string Level, string Description,
    DateOnly FoundOn, DateOnly Deadline, int DaysOverdue, bool Supervised);
