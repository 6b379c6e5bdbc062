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
}

/// <summary>What the page needs to draw its map.</summary>
/// <param name="BasemapUrl">Tile URL template, or null for no basemap.</param>
/// <param name="BasemapAttribution">Attribution.</param>
/// <param name="OverlayCrs">Coordinate system to request overlays in: wgs84, or gcj02 under a GCJ-02 basemap.</param>
/// <param name="MaxZoom">Largest zoom.</param>
/// <param name="EnterpriseTileThreshold">Enterprises in a district above which the page uses vector tiles.</param>
public sealed record MapConfigResponse(string? BasemapUrl, string? BasemapAttribution, string OverlayCrs, int MaxZoom, int EnterpriseTileThreshold);

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
            .WithSummary("The basemap (if any) and the coordinate system overlays must be requested in.")
            .WithDescription("Served without sign-in, so that the page can draw its map before the user signs in: the basemap's " +
                "tile URL template and attribution (none when the service runs offline; settings RiskMap:Map:…), the coordinate " +
                "system to request overlays in so that they line up with it (gcj02 under an Amap or Tencent basemap), its largest " +
                "zoom, and the number of enterprises above which the page draws enterprises from vector tiles.")
            .ProducesValidationProblem();
        return api;
    }

    internal static Ok<MapConfigResponse> Get(MapOptions options)
    {
        var crs = Crs.Parse(options.BasemapCrs) ?? GeographicSystem.Wgs84;
        return TypedResults.Ok(new MapConfigResponse(string.IsNullOrWhiteSpace(options.BasemapUrl) ? null : options.BasemapUrl,
            options.BasemapAttribution, Crs.Name(crs), options.MaxZoom, options.EnterpriseTileThreshold));
    }
}
