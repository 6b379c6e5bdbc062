using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using RiskMap.Api.Contract;
using RiskMap.Api.Features.Accounts;

namespace RiskMap.Api.Features.Tiles;

/// <summary>Maps <c>/api/v1/tiles</c>: Mapbox Vector Tiles built in PostGIS.</summary>
public static class TilesApi
{
    /// <summary>Media type of a Mapbox Vector Tile.</summary>
    public const string MediaType = "application/vnd.mapbox-vector-tile";

    /// <summary>
    /// Cache-Control of tiles: only the caller's own cache may keep a tile (it is filtered by the caller's scope), and
    /// must revalidate it: the ETag changes with the data of the townships the tile shows, so a revalidation costs one 304 until then.
    /// </summary>
    public const string CacheControl = "private, no-cache";

    /// <summary>Maps the tile endpoints on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapTiles(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tiles").WithTags("Tiles").ProducesValidationProblem();
        group.MapGet("/enterprises/{z}/{x}/{y}.mvt", GetEnterpriseTile)
            .WithName("GetEnterpriseTile")
            .WithSummary("Enterprise points as a Mapbox Vector Tile (EPSG:3857, XYZ), clustered up to zoom 12.")
            .WithDescription(
                "One layer 'enterprises', extent 4096, buffer 64. Up to zoom 12 each feature is a cluster of the enterprises in a " +
                "1/16-tile cell with properties count, openMajor (enterprises with an open major hazard) and openAny; from zoom 13 " +
                "each feature is an enterprise (id, name, sector, level = worst open level, openMajor, openGeneral, overdue). " +
                "Filters as GET /api/v1/enterprises: township, sector (comma-separated), openHazardLevel = Major | General | Any | None, " +
                "asOf = yyyy-MM-dd (default today). Only the caller's townships. 204 with no body when the tile is empty. " +
                "ETag changes with the data of the townships shown (the named one, else the caller's); send If-None-Match to get 304. " +
                "400 names a bad parameter (z outside 0 … 22, x or y outside 0 … 2^z − 1); 403 for a township outside the caller's.")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), MediaType)
            .Produces(StatusCodes.Status204NoContent)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return group;
    }

    /// <summary>
    /// The enterprise tile of <paramref name="query"/>: 200 with the tile, 204 when empty, 304 when If-None-Match holds
    /// the current ETag, 403 for a township outside the caller's scope (bad addresses and parameters are 400 before this runs).
    /// </summary>
    internal static async Task<Results<FileContentHttpResult, NoContent, StatusCodeHttpResult, ProblemHttpResult>> GetEnterpriseTile(
        [AsParameters] TileQuery query, ReadScope scope, NpgsqlDataSource dataSource, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var townshipCode = query.Township;
        var day = query.AsOf ?? CampaignCalendar.Today(time);
        if (townshipCode is not null && !scope.Covers(townshipCode)) return Problems.OutsideScope("township", townshipCode);

        var scopeCodes = scope.AsArray();
        // The tile shows the named township, else the caller's townships, else every township: its validator follows
        // the versions of exactly those, so another township's writes leave a chief's ETag alone.
        var versions = await DataVersion.CurrentAsync(dataSource, townshipCode is not null ? [townshipCode] : scopeCodes, cancellationToken);
        var etag = DataVersion.ETag(versions, $"{day:yyyy-MM-dd}", scopeCodes is null ? "*" : string.Join(',', scopeCodes));
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = CacheControl;
        if (DataVersion.Matches(http.Request, etag)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);

        var tile = await TilesQueries.EnterpriseTileAsync(dataSource, new TileAddress(query.Z, query.X, query.Y),
            new TileFilter(query.Sector?.Codes, query.OpenHazardLevel?.ToString(), day, scopeCodes, townshipCode), cancellationToken);
        return tile.Length == 0 ? TypedResults.NoContent() : TypedResults.Bytes(tile, MediaType);
    }
}
