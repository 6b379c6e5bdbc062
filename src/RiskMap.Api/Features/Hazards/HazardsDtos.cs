namespace RiskMap.Api.Features.Hazards;

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
