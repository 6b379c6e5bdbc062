using RiskMap.Api.Contract;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Features.Hazards;

/// <summary>The query of <c>GET /api/v1/hazards</c>.</summary>
/// <param name="Township">Only this township (9-digit code); it must be one the caller may read (403 otherwise) and exist (404).</param>
/// <param name="Sector">Only these sectors: comma-separated sector codes, e.g. <c>gas,fireworks</c>.</param>
/// <param name="Level">Only this level: General or Major (any case).</param>
/// <param name="Open">
/// true: only hazards open on <c>asOf</c> (found and not yet rectified or closed: status Open or Rectifying); false: only
/// those no longer open. Default: both.
/// </param>
/// <param name="Status">Only this lifecycle status on <c>asOf</c>: Open, Rectifying, Rectified or Closed (any case).</param>
/// <param name="Overdue">true: only hazards open past their deadline in force on <c>asOf</c>; false: only the others. Default: both.</param>
/// <param name="AsOf">The day statuses and overdue days are computed for, yyyy-MM-dd (China Standard Time); default today. Hazards found later are not listed.</param>
/// <param name="Page">Page number, from 1; a page past the end is empty.</param>
/// <param name="PageSize">Hazards per page, 1–1000; default 100.</param>
/// <param name="Crs">Coordinate system of the longitudes and latitudes: wgs84 (default), cgcs2000, gcj02 or bd09.</param>
public sealed record HazardQuery(
    [DigitCode(9)] string? Township = null,
    SectorList? Sector = null,
    [OneOf(nameof(HazardLevel.General), nameof(HazardLevel.Major))] string? Level = null,
    bool? Open = null,
    [OneOf(nameof(HazardStatus.Open), nameof(HazardStatus.Rectifying), nameof(HazardStatus.Rectified), nameof(HazardStatus.Closed))] string? Status = null,
    bool? Overdue = null,
    [InRange(nameof(Ranges.Day))] DateOnly? AsOf = null,
    [InRange(nameof(Ranges.Page))] int Page = 1,
    [InRange(nameof(Ranges.HazardPageSize))] int PageSize = 100,
    OutputCrs? Crs = null)
{
    // Level and status are texts checked by OneOf rather than enums: query binding reads enums case-sensitively and
    // takes numbers for them, while the list has always taken status=rectifying.

    /// <summary>The level in its canonical spelling (call once validated; a method, so that validation does not read it).</summary>
    public HazardLevel? ParseLevel() => string.IsNullOrWhiteSpace(Level) ? null : Enum.Parse<HazardLevel>(Level.Trim(), ignoreCase: true);

    /// <summary>The status in its canonical spelling (call once validated).</summary>
    public HazardStatus? ParseStatus() => string.IsNullOrWhiteSpace(Status) ? null : Enum.Parse<HazardStatus>(Status.Trim(), ignoreCase: true);
}

/// <summary>A page of hazards.</summary>
/// <param name="Items">The page's hazards.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Page size.</param>
/// <param name="Total">Hazards matching the filters on all pages.</param>
/// <param name="AsOf">The day statuses and overdue days are computed for.</param>
/// <param name="CoordinateSystem">Coordinate system of the longitudes and latitudes: wgs84, or gcj02/bd09 when asked for.</param>
public sealed record HazardPage(IReadOnlyList<HazardItem> Items, int Page, int PageSize, int Total, DateOnly AsOf, string CoordinateSystem);

/// <summary>A hazard as of a day, with its enterprise's name and location.</summary>
/// <param name="Id">Hazard id.</param>
/// <param name="Reference">Source identifier.</param>
/// <param name="EnterpriseId">Enterprise id.</param>
/// <param name="EnterpriseName">Enterprise name.</param>
/// <param name="Township">Township code of the enterprise.</param>
/// <param name="TownshipName">Township name.</param>
/// <param name="Longitude">Enterprise longitude, WGS-84 degrees.</param>
/// <param name="Latitude">Enterprise latitude, WGS-84 degrees.</param>
/// <param name="Sector">Sector code.</param>
/// <param name="Level">General or Major.</param>
/// <param name="Status">Status on the day: Open, Rectifying, Rectified or Closed.</param>
/// <param name="Description">What is wrong.</param>
/// <param name="FoundOn">Day found.</param>
/// <param name="Deadline">Rectification deadline.</param>
/// <param name="RectifiedOn">Day rectified, when on or before the day.</param>
/// <param name="ClosedOn">Day closed, when on or before the day.</param>
/// <param name="DaysOverdue">Days past the deadline when overdue on the day, else null.</param>
/// <param name="Supervised">Under supervision (挂牌督办).</param>
/// <param name="ResponsiblePerson">Person responsible for rectification.</param>
public sealed record HazardItem(long Id, string? Reference, long EnterpriseId, string EnterpriseName, string? Township, string? TownshipName,
    double Longitude, double Latitude, string Sector, string Level, string Status, string Description, DateOnly FoundOn, DateOnly Deadline,
    DateOnly? RectifiedOn, DateOnly? ClosedOn, int? DaysOverdue, bool Supervised, string? ResponsiblePerson);
