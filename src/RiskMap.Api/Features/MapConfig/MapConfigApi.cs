using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RiskMap.Api.Geo;

namespace RiskMap.Api.Features.MapConfig;

/// <summary>
/// Options under <c>RiskMap:Map</c>: the page's basemap. Without a <see cref="BasemapUrl"/> the page draws no basemap
/// and works offline. A GCJ-02 basemap (Amap, Tencent) makes the page ask for overlays in GCJ-02 so that they line up.
/// </summary>
public sealed class MapOptions
{
    /// <summary>Leaflet tile URL template, e.g. <c>https://tile.openstreetmap.org/{z}/{x}/{y}.png</c>; none by default.</summary>
    public string? BasemapUrl { get; set; }

    /// <summary>Attribution shown for the basemap (HTML allowed: it is configuration, not data).</summary>
    public string? BasemapAttribution { get; set; }

    /// <summary><c>wgs84</c> (default) or <c>gcj02</c>: the coordinate system of the basemap's tiles.</summary>
    public string BasemapCrs { get; set; } = "wgs84";

    /// <summary>Largest zoom of the basemap.</summary>
    public int MaxZoom { get; set; } = 18;

    /// <summary>
    /// Above this many enterprises in a district the page draws enterprises from vector tiles
    /// (<c>/api/v1/tiles/enterprises/{z}/{x}/{y}.mvt</c>) instead of loading them all as GeoJSON markers, and asks for
    /// township boundaries simplified to the map's zoom. Default 20,000 (a county stays on markers; a prefecture's
    /// districts go to tiles).
    /// </summary>
    public int EnterpriseTileThreshold { get; set; } = 20_000;

    /// <summary>
    /// Settings per district, keyed by its 6-digit code (<c>RiskMap:Map:Districts:431103:CampaignStart</c> …): the campaign's
    /// period and the unit that issues printed maps. A district without an entry has no campaign period (the page then opens
    /// at its records' extent) and prints without an issuing unit.
    /// </summary>
    public Dictionary<string, DistrictSettings> Districts { get; set; } = [];
}

/// <summary>A district's settings under <c>RiskMap:Map:Districts:{code}</c>.</summary>
public sealed class DistrictSettings
{
    /// <summary>First day of the campaign (专项整治), e.g. 2020-01-01: the page's period starts here by default.</summary>
    public DateOnly? CampaignStart { get; set; }

    /// <summary>Last day of the campaign, e.g. 2022-12-31: the page's period ends here by default.</summary>
    public DateOnly? CampaignEnd { get; set; }

    /// <summary>The unit named on printed maps as their issuer (制图单位), e.g. 冷水滩区安全生产委员会办公室.</summary>
    public string? IssuingUnit { get; set; }
}

/// <summary>What the page needs to draw its map.</summary>
/// <param name="BasemapUrl">Tile URL template, or null for no basemap.</param>
/// <param name="BasemapAttribution">Attribution.</param>
/// <param name="OverlayCrs">Coordinate system to request overlays in: wgs84, or gcj02 under a GCJ-02 basemap.</param>
/// <param name="MaxZoom">Largest zoom.</param>
/// <param name="EnterpriseTileThreshold">Enterprises in a district above which the page uses vector tiles.</param>
/// <param name="Sectors">Every sector the service knows, in display order: the page's sector labels come from here.</param>
/// <param name="Districts">Each configured district's campaign period and issuing unit, keyed by district code.</param>
public sealed record MapConfigResponse(string? BasemapUrl, string? BasemapAttribution, string OverlayCrs, int MaxZoom, int EnterpriseTileThreshold,
    IReadOnlyList<SectorDto> Sectors, IReadOnlyDictionary<string, DistrictSettingsDto> Districts);

/// <summary>A district's settings as the page reads them.</summary>
/// <param name="CampaignStart">First day of the campaign, or null when not set.</param>
/// <param name="CampaignEnd">Last day of the campaign, or null when not set.</param>
/// <param name="IssuingUnit">The unit printed maps name as issuer, or null.</param>
public sealed record DistrictSettingsDto(DateOnly? CampaignStart, DateOnly? CampaignEnd, string? IssuingUnit);

/// <summary>A sector (行业领域) of <see cref="Domain.Sector.All"/>.</summary>
/// <param name="Code">Code used by the API, the database and the data files, e.g. <c>hazardous_chemicals</c>.</param>
/// <param name="NameZh">Chinese label, e.g. 危险化学品.</param>
/// <param name="NameEn">English label.</param>
/// <param name="CampaignNamed">True for the seven sectors the 2020 special rectification campaign names.</param>
/// <param name="RiskWeight">Points the sector adds to an enterprise's inspection priority: 10, 5 or 2.</param>
/// <param name="Department">The department that typically supervises the sector.</param>
public sealed record SectorDto(string Code, string NameZh, string NameEn, bool CampaignNamed, int RiskWeight, SupervisingDepartmentDto Department)
{
    /// <summary>The DTO of <paramref name="sector"/>.</summary>
    public static SectorDto From(Domain.Sector sector)
    {
        ArgumentNullException.ThrowIfNull(sector);
        var d = sector.Department;
        return new(sector.Code, sector.NameZh, sector.NameEn, sector.CampaignNamed, sector.RiskWeight, new(d.Code, d.NameZh, d.NameEn));
    }
}

/// <summary>A kind of supervising department (行业监管部门).</summary>
/// <param name="Code">Code, e.g. <c>emergency</c>, as the demo district's departments use it.</param>
/// <param name="NameZh">Chinese name, e.g. 应急管理局.</param>
/// <param name="NameEn">English name.</param>
public sealed record SupervisingDepartmentDto(string Code, string NameZh, string NameEn);

/// <summary>Maps <c>GET /api/v1/map-config</c>.</summary>
public static class MapConfigApi
{
    /// <summary>Maps the endpoint.</summary>
    public static RouteGroupBuilder MapMapConfig(this RouteGroupBuilder api)
    {
        api.MapGet("/map-config", (IOptions<MapOptions> options) => Get(options.Value))
            .AllowAnonymous()
            .WithTags("Map")
            .WithName("GetMapConfig")
            .WithSummary("The basemap (if any), the coordinate system overlays must be requested in, and the sectors.")
            .WithDescription("What the page needs before it draws: the basemap's tile URL and attribution (none: no basemap, " +
                "the page works offline), the coordinate system to request overlays in (gcj02 under a GCJ-02 basemap), the largest " +
                "zoom, the district size above which enterprises come as vector tiles, every sector with its Chinese and " +
                "English label, risk weight and typical supervising department, and each configured district's campaign period " +
                "(the page's default period) and issuing unit. Open to everyone, signed in or not.")
            .Produces<MapConfigResponse>(StatusCodes.Status200OK, "application/json");
        return api;
    }

    private static readonly IReadOnlyList<SectorDto> Sectors = [.. Domain.Sector.All.Select(SectorDto.From)];

    internal static Ok<MapConfigResponse> Get(MapOptions options)
    {
        var crs = Crs.Parse(options.BasemapCrs) ?? GeographicSystem.Wgs84;
        return TypedResults.Ok(new MapConfigResponse(string.IsNullOrWhiteSpace(options.BasemapUrl) ? null : options.BasemapUrl,
            options.BasemapAttribution, Crs.Name(crs), options.MaxZoom, options.EnterpriseTileThreshold, Sectors,
            options.Districts.ToDictionary(d => d.Key, d => new DistrictSettingsDto(d.Value.CampaignStart, d.Value.CampaignEnd, d.Value.IssuingUnit))));
    }
}
