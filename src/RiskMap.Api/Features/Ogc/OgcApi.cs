using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;
using RiskMap.Api.Features.Accounts;
using RiskMap.Api.Geo;
using RiskMap.Api.Hosting;

namespace RiskMap.Api.Features.Ogc;

/// <summary>
/// Maps <c>/ogc</c>: OGC API – Features – Part 1: Core (OGC 17-069r4) with GeoJSON, for GIS clients such as QGIS and
/// GDAL's OAPIF driver. Collections townships, enterprises and hazards, in CRS84 only, filtered by the caller's scope.
/// Every operation lists its query parameters (<see cref="OgcParameters"/>); any other parameter is a 400.
/// </summary>
public static class OgcApi
{
    /// <summary>GeoJSON's media type (RFC 7946).</summary>
    public const string GeoJson = "application/geo+json";

    /// <summary>Default page size (the standard's example default).</summary>
    public const int DefaultLimit = 10;

    /// <summary>CRS84: WGS-84 longitude/latitude, the only CRS served.</summary>
    public const string Crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    /// <summary>
    /// The conformance classes implemented: Core and GeoJSON. Not HTML (no <c>f=html</c>), not OpenAPI 3.0 (the API
    /// definition is Swashbuckle's, not checked against /conf/oas30), not Part 2 CRS (no bbox-crs other than CRS84).
    /// </summary>
    public static readonly string[] ConformanceClasses =
    [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    ];

    /// <summary>Maps the OGC API on <paramref name="app"/> under <c>/ogc</c>.</summary>
    public static RouteGroupBuilder MapOgc(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/ogc").WithTags("OGC API – Features").ProducesValidationProblem()
            .AddEndpointFilter(OgcParameters.CheckNamesAsync).AddEndpointFilter(OgcParameters.CheckFormatAsync);
        group.MapGet("/", GetLandingPage).WithName("OgcLandingPage").WithSummary("OGC API landing page: links to the API description, conformance and collections.")
            .WithMetadata(OgcParameters.Metadata);
        group.MapGet("/conformance", GetConformance).WithName("OgcConformance").WithSummary("Conformance classes: Core and GeoJSON.")
            .WithMetadata(OgcParameters.Metadata);
        group.MapGet("/collections", GetCollections).WithName("OgcCollections").WithSummary("The feature collections: townships, enterprises, hazards.")
            .WithMetadata(OgcParameters.Metadata);
        group.MapGet("/collections/{collectionId}", GetCollection).WithName("OgcCollection").WithSummary("One collection's description.")
            .WithMetadata(OgcParameters.Metadata)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/collections/{collectionId}/items", GetItems)
            .WithName("OgcItems")
            .WithSummary("A page of a collection's features as GeoJSON, with next links.")
            .WithDescription(
                "bbox = minLon,minLat,maxLon,maxLat (CRS84); bbox-crs, if given, must be CRS84; datetime = an RFC 3339 instant or " +
                "interval start/end ('..' or empty for an open end), matching hazards whose life (foundOn to rectified or closed) " +
                $"overlaps it, and every township and enterprise (they have no temporal property); its days within {Ranges.Day}; limit {Ranges.OgcLimit} (default 10); cursor (from next links) or " +
                "offset; property filters: sector (comma-separated codes), township (9 digits) on enterprises and hazards; level, " +
                "status (comma-separated) on hazards; district on townships; f = json or geojson. Any other parameter is a 400. " +
                "Ordered by id. numberMatched is given on pages without a cursor.")
            .WithMetadata(OgcParameters.Features)
            .Produces(StatusCodes.Status200OK, contentType: GeoJson)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/collections/{collectionId}/items/{featureId}", GetItem)
            .WithName("OgcItem")
            .WithSummary("One feature as GeoJSON.")
            .WithMetadata(OgcParameters.Features)
            .Produces(StatusCodes.Status200OK, contentType: GeoJson)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>Handles <c>GET /ogc</c>.</summary>
    /// <param name="request">The request, for absolute links.</param>
    /// <param name="f">Format: json, the only one (checked by <see cref="OgcParameters.CheckFormatAsync"/>; bound so that the API definition lists it).</param>
    internal static Ok<OgcLandingPage> GetLandingPage(HttpRequest request, string? f)
    {
        var root = Root(request);
        return TypedResults.Ok(new OgcLandingPage("RiskMap", "Work-safety risk map: townships, enterprises and hazards (OGC API – Features).",
        [
            new($"{root}", "self", "application/json", "This document"),
            new($"{WebSecurity.PublicOrigin(request)}/swagger/v1/swagger.json", "service-desc", "application/vnd.oai.openapi+json;version=3.0", "The API definition"),
            new($"{root}/conformance", "conformance", "application/json", "Conformance classes"),
            new($"{root}/collections", "data", "application/json", "Feature collections"),
        ]));
    }

    /// <summary>Handles <c>GET /ogc/conformance</c>.</summary>
    /// <param name="f">Format: json, the only one (checked by <see cref="OgcParameters.CheckFormatAsync"/>).</param>
    internal static Ok<OgcConformance> GetConformance(string? f) => TypedResults.Ok(new OgcConformance(ConformanceClasses));

    /// <summary>Handles <c>GET /ogc/collections</c>.</summary>
    /// <param name="scope">The townships the caller may read.</param>
    /// <param name="dataSource">Data source.</param>
    /// <param name="request">The request, for absolute links.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <param name="f">Format: json, the only one (checked by <see cref="OgcParameters.CheckFormatAsync"/>).</param>
    internal static async Task<Ok<OgcCollections>> GetCollections(ReadScope scope, NpgsqlDataSource dataSource, HttpRequest request,
        CancellationToken cancellationToken, string? f)
    {
        var extent = await OgcQueries.ExtentAsync(dataSource, scope.AsArray(), cancellationToken);
        return TypedResults.Ok(new OgcCollections(
            [new($"{Root(request)}/collections", "self", "application/json", "This document")],
            OgcQueries.Collections.Select(c => Describe(c, extent, request)).ToList()));
    }

    /// <summary>Handles <c>GET /ogc/collections/{collectionId}</c>; 404 for an unknown collection.</summary>
    /// <param name="collectionId">townships, enterprises or hazards.</param>
    /// <param name="scope">The townships the caller may read.</param>
    /// <param name="dataSource">Data source.</param>
    /// <param name="request">The request, for absolute links.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <param name="f">Format: json, the only one (checked by <see cref="OgcParameters.CheckFormatAsync"/>).</param>
    internal static async Task<Results<Ok<OgcCollection>, ProblemHttpResult>> GetCollection(string collectionId, ReadScope scope,
        NpgsqlDataSource dataSource, HttpRequest request, CancellationToken cancellationToken, string? f)
    {
        if (OgcQueries.Find(collectionId) is not { } collection) return UnknownCollection(collectionId);
        return TypedResults.Ok(Describe(collection, await OgcQueries.ExtentAsync(dataSource, scope.AsArray(), cancellationToken), request));
    }

    /// <summary>Handles <c>GET /ogc/collections/{collectionId}/items</c>.</summary>
    /// <param name="collectionId">townships, enterprises or hazards.</param>
    /// <param name="bbox">minLon,minLat,maxLon,maxLat in CRS84 degrees (/req/core/fc-bbox-definition).</param>
    /// <param name="bboxCrs">The CRS of bbox: CRS84 only (http://www.opengis.net/def/crs/OGC/1.3/CRS84); anything else is a 400.</param>
    /// <param name="datetime">
    /// An RFC 3339 instant (2020-06-30T12:00:00Z; a bare date 2020-06-30 is also taken) or interval start/end with '..' or
    /// an empty string for an open end (/req/core/fc-time-definition). Hazards: those whose life (found_on through the day
    /// rectified or closed) overlaps its China Standard Time days. Townships and enterprises have no temporal property:
    /// every feature matches (/req/core/fc-time-response C).
    /// </param>
    /// <param name="limit">Features per page (<see cref="Ranges.OgcLimit"/>), default 10 (/req/core/fc-limit-definition).</param>
    /// <param name="offset">Features to skip (ignored with cursor).</param>
    /// <param name="cursor">Id of the previous page's last feature, as written by next links.</param>
    /// <param name="sector">Sector codes, comma-separated (enterprises, hazards).</param>
    /// <param name="level">General and/or Major, comma-separated (hazards).</param>
    /// <param name="status">Open, Rectifying, Rectified and/or Closed, comma-separated: the status recorded now (hazards).</param>
    /// <param name="township">9-digit township code (enterprises, hazards).</param>
    /// <param name="district">6-digit district code (townships).</param>
    /// <param name="scope">The townships the caller may read.</param>
    /// <param name="dataSource">Data source.</param>
    /// <param name="request">The request, for absolute links.</param>
    /// <param name="time">Clock, for timeStamp.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <param name="f">Format: json or geojson, both GeoJSON (checked by <see cref="OgcParameters.CheckFormatAsync"/>).</param>
    /// <returns>200 with a GeoJSON FeatureCollection; 400 for bad or unknown parameters; 403 for a township outside the scope; 404 for an unknown collection.</returns>
    internal static async Task<Results<JsonHttpResult<OgcFeatureCollection>, ProblemHttpResult>> GetItems(
        string collectionId, string? bbox, [FromQuery(Name = "bbox-crs")] string? bboxCrs, string? datetime, string? limit, string? offset,
        string? cursor, string? sector, string? level, string? status, string? township, string? district, ReadScope scope,
        NpgsqlDataSource dataSource, HttpRequest request, TimeProvider time, CancellationToken cancellationToken, string? f)
    {
        if (OgcQueries.Find(collectionId) is not { } collection) return UnknownCollection(collectionId);
        var q = new RequestValidator();
        var box = q.BoundingBox("bbox", bbox);
        OgcParameters.BboxCrs(q, "bbox-crs", bboxCrs);
        var period = OgcParameters.Period(q, "datetime", datetime);
        var size = q.Int("limit", limit, DefaultLimit, Ranges.OgcLimit);
        var skip = q.Int("offset", offset, 0, Ranges.OgcOffset);
        if (cursor is not null && !IsId(collection, cursor)) q.AddError("cursor", $"'{cursor}' is not a cursor of this collection: use the next link.");
        var filter = new OgcFilter(box,
            Only(q, collection, "sector", q.Sectors("sector", sector)),
            Only(q, collection, "level", List(q, "level", level, "General", "Major")),
            Only(q, collection, "status", List(q, "status", status, "Open", "Rectifying", "Rectified", "Closed")),
            Only(q, collection, "township", q.Code("township", township, 9)),
            Only(q, collection, "district", q.Code("district", district, 6)),
            scope.AsArray(), period);
        if (!q.IsValid) return q.ToProblem();
        if (filter.Township is { } code && !scope.Covers(code)) return Contract.Problems.OutsideScope("township", code);

        var page = new OgcPage(cursor, cursor is null ? skip : 0, size);
        var (features, more) = await OgcQueries.ItemsAsync(dataSource, collection, filter, page, cancellationToken);
        // The last page (no more after it) already tells how many match; only a first page with more after it counts.
        long? matched = cursor is not null ? null
            : !more && (features.Count > 0 || skip == 0) ? skip + features.Count
            : await OgcQueries.CountAsync(dataSource, collection, filter, cancellationToken);

        var items = $"{Root(request)}/collections/{collection.Id}/items";
        var links = new List<OgcLink>
        {
            new($"{items}{request.QueryString}", "self", GeoJson, "This page"),
            new($"{Root(request)}/collections/{collection.Id}", "collection", "application/json", collection.Title),
        };
        if (more) links.Add(new OgcLink($"{items}{NextQuery(request, features[^1].Id, size)}", "next", GeoJson, "Next page"));
        return TypedResults.Json(
            new OgcFeatureCollection(features.Select(f => new RawGeoJson(f.Json)).ToList(), links, matched, features.Count, time.GetUtcNow()),
            contentType: GeoJson);
    }

    /// <summary>Handles <c>GET /ogc/collections/{collectionId}/items/{featureId}</c>; 404 when unknown or outside the caller's scope.</summary>
    /// <param name="collectionId">townships, enterprises or hazards.</param>
    /// <param name="featureId">The feature's id: a township code, or an enterprise or hazard number.</param>
    /// <param name="scope">The townships the caller may read.</param>
    /// <param name="dataSource">Data source.</param>
    /// <param name="request">The request, for absolute links.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <param name="f">Format: json or geojson, both GeoJSON (checked by <see cref="OgcParameters.CheckFormatAsync"/>).</param>
    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetItem(string collectionId, string featureId, ReadScope scope,
        NpgsqlDataSource dataSource, HttpRequest request, CancellationToken cancellationToken, string? f)
    {
        if (OgcQueries.Find(collectionId) is not { } collection) return UnknownCollection(collectionId);
        var json = IsId(collection, featureId) ? await OgcQueries.ItemAsync(dataSource, collection, featureId, scope.AsArray(), cancellationToken) : null;
        if (json is null)
            return RequestValidator.NotFound("Unknown feature", "featureId", $"The collection {collection.Id} has no feature '{featureId}' you may read");
        var feature = JsonNode.Parse(json)!.AsObject();
        var root = Root(request);
        feature["links"] = new JsonArray(
            Link(new($"{root}/collections/{collection.Id}/items/{Uri.EscapeDataString(featureId)}", "self", GeoJson, "This feature")),
            Link(new($"{root}/collections/{collection.Id}", "collection", "application/json", collection.Title)));
        return TypedResults.Text(feature.ToJsonString(), GeoJson);
    }

    private static OgcCollection Describe(OgcCollectionDefinition c, double[]? extent, HttpRequest request)
    {
        var self = $"{Root(request)}/collections/{c.Id}";
        return new OgcCollection(c.Id, c.Title, c.Description, new OgcExtent(new OgcSpatialExtent(extent is null ? [] : [extent], Crs84)),
            "feature", [Crs84],
            [
                new(self, "self", "application/json", c.Title),
                new($"{self}/items", "items", GeoJson, $"{c.Title}: items"),
            ]);
    }

    private static JsonObject Link(OgcLink link) => new()
    {
        ["href"] = link.Href, ["rel"] = link.Rel, ["type"] = link.Type, ["title"] = link.Title,
    };

    private static bool IsId(OgcCollectionDefinition collection, string id)
        => collection.NumericIds ? long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _) : id.Length is > 0 and <= 32;

    /// <summary>The filter value when <paramref name="collection"/> takes it; otherwise records a 400 error.</summary>
    private static T? Only<T>(RequestValidator q, OgcCollectionDefinition collection, string name, T? value) where T : class
    {
        if (value is null || collection.Filters.Contains(name)) return value;
        q.AddError(name, $"The collection {collection.Id} has no '{name}' filter. Its filters: {string.Join(", ", collection.Filters.Prepend("bbox"))}.");
        return null;
    }

    private static string[]? List(RequestValidator q, string name, string? value, params string[] allowed)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => q.OneOf(name, v, allowed[0], allowed)).Distinct().ToArray();
        return items.Length == 0 ? null : items;
    }

    private static string NextQuery(HttpRequest request, string lastId, int limit)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(p => p.Key is not ("cursor" or "offset" or "limit"))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(new("cursor", lastId));
        return QueryString.Create(query).ToString();
    }

    private static ProblemHttpResult UnknownCollection(string id)
        => RequestValidator.NotFound("Unknown collection", "collectionId", $"No collection is called '{id}'. Collections: {string.Join(", ", OgcQueries.Collections.Select(c => c.Id))}");

    private static string Root(HttpRequest request) => $"{WebSecurity.PublicOrigin(request)}/ogc";
}
