using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;
using RiskMap.Api.Contract;
using RiskMap.Api.Features.Accounts;
using RiskMap.Api.Geo;
using RiskMap.Api.Hosting;

namespace RiskMap.Api.Features.Ogc;

/// <summary>
/// Maps <c>/ogc</c>: OGC API – Features – Part 1: Core (OGC 17-069r4) with GeoJSON, for GIS clients such as QGIS and
/// GDAL's OAPIF driver. Collections townships, enterprises and hazards, in CRS84 only, filtered by the caller's scope.
/// Every operation lists its query parameters (a query record, <see cref="OgcItemsQuery"/> …); any other parameter is a 400.
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
            .AddEndpointFilter(OgcParameters.CheckNamesAsync).AddEndpointFilterFactory(RequestValidation.Factory);
        group.MapGet("/", GetLandingPage).WithName("OgcLandingPage")
            .WithSummary("OGC API landing page: links to the API description, conformance and collections.")
            .WithDescription(
                "The entry point of OGC API – Features (OGC 17-069r4 §7.2) for GIS clients such as QGIS and GDAL: links to itself, " +
                "the API definition (service-desc), the conformance declaration and the collections. JSON only (f=json).");
        group.MapGet("/conformance", GetConformance).WithName("OgcConformance")
            .WithSummary("Conformance classes: Core and GeoJSON.")
            .WithDescription(
                "The conformance classes implemented (§7.4): Part 1 Core and GeoJSON. Not HTML, not OpenAPI 3.0, not Part 2 (CRS by " +
                "reference): coordinates and bbox are CRS84 only.");
        group.MapGet("/collections", GetCollections).WithName("OgcCollections")
            .WithSummary("The feature collections: townships, enterprises, hazards.")
            .WithDescription(
                "Every collection with its description, its spatial extent (the extent of the townships the caller may read, CRS84) and " +
                "links to its items (§7.13).");
        group.MapGet("/collections/{collectionId}", GetCollection).WithName("OgcCollection")
            .WithSummary("One collection's description.")
            .WithDescription(
                "The collection's title, description (its properties and filters), spatial extent within the caller's townships and " +
                "links (§7.14). 404 for an unknown collection.")
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
                "Ordered by id. numberMatched is given on pages without a cursor. 403 for a township outside the caller's; 404 " +
                "for an unknown collection.")
            .Produces<OgcFeatureCollection>(StatusCodes.Status200OK, GeoJson)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/collections/{collectionId}/items/{featureId}", GetItem)
            .WithName("OgcItem")
            .WithSummary("One feature as GeoJSON.")
            .WithDescription(
                "The feature with its self and collection links (§7.16). 404 for an unknown collection, and for a feature that does " +
                "not exist or lies outside the caller's townships (the two are not told apart).")
            .Produces<OgcFeature>(StatusCodes.Status200OK, GeoJson)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>The landing page; <paramref name="query"/> only says the format.</summary>
    /// <param name="request">The request, for absolute links.</param>
    /// <param name="query">f = json.</param>
    internal static Ok<OgcLandingPage> GetLandingPage(HttpRequest request, [AsParameters] OgcDocumentQuery query)
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

    /// <summary>The conformance declaration; <paramref name="query"/> only says the format.</summary>
    internal static Ok<OgcConformance> GetConformance([AsParameters] OgcDocumentQuery query) => TypedResults.Ok(new OgcConformance(ConformanceClasses));

    /// <summary>Every collection with the extent of the caller's townships; <paramref name="query"/> only says the format.</summary>
    internal static async Task<Ok<OgcCollections>> GetCollections([AsParameters] OgcDocumentQuery query, ReadScope scope, NpgsqlDataSource dataSource,
        HttpRequest request, CancellationToken cancellationToken)
    {
        var extent = await OgcQueries.ExtentAsync(dataSource, scope.AsArray(), cancellationToken);
        return TypedResults.Ok(new OgcCollections(
            [new($"{Root(request)}/collections", "self", "application/json", "This document")],
            OgcQueries.Collections.Select(c => Describe(c, extent, request)).ToList()));
    }

    /// <summary>One collection's description; 404 for an unknown collection.</summary>
    /// <param name="collectionId">townships, enterprises or hazards.</param>
    /// <param name="query">f = json.</param>
    /// <param name="scope">The townships the caller may read.</param>
    /// <param name="dataSource">Data source.</param>
    /// <param name="request">The request, for absolute links.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Ok<OgcCollection>, ProblemHttpResult>> GetCollection(string collectionId, [AsParameters] OgcDocumentQuery query,
        ReadScope scope, NpgsqlDataSource dataSource, HttpRequest request, CancellationToken cancellationToken)
    {
        if (OgcQueries.Find(collectionId) is not { } collection) return UnknownCollection(collectionId);
        return TypedResults.Ok(Describe(collection, await OgcQueries.ExtentAsync(dataSource, scope.AsArray(), cancellationToken), request));
    }

    /// <summary>
    /// A page of <paramref name="collectionId"/>'s features: 400 for a property filter the collection does not have or a
    /// cursor that is none of its ids, 403 for a township outside the caller's, 404 for an unknown collection.
    /// </summary>
    /// <param name="collectionId">townships, enterprises or hazards.</param>
    /// <param name="query">The page and its filters.</param>
    /// <param name="scope">The townships the caller may read.</param>
    /// <param name="dataSource">Data source.</param>
    /// <param name="request">The request, for absolute links.</param>
    /// <param name="time">Clock, for timeStamp.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<JsonHttpResult<OgcFeatureCollection>, ProblemHttpResult>> GetItems(
        string collectionId, [AsParameters] OgcItemsQuery query, ReadScope scope,
        NpgsqlDataSource dataSource, HttpRequest request, TimeProvider time, CancellationToken cancellationToken)
    {
        if (OgcQueries.Find(collectionId) is not { } collection) return UnknownCollection(collectionId);
        var errors = new List<FieldError>();
        if (query.Cursor is { } given && !IsId(collection, given)) errors.Add(new FieldError("cursor", OgcProblemCodes.CursorInvalid, given));
        var box = query.Bbox?.Crs84 is { } b ? (b.MinLon, b.MinLat, b.MaxLon, b.MaxLat) : ((double, double, double, double)?)null;
        var filter = new OgcFilter(box,
            Only(errors, collection, "sector", query.Sector?.Codes),
            Only(errors, collection, "level", query.Level?.Names),
            Only(errors, collection, "status", query.Status?.Names),
            Only(errors, collection, "township", query.Township),
            Only(errors, collection, "district", query.District),
            scope.AsArray(), query.Datetime?.Period);
        if (errors.Count > 0) return Problems.Invalid(errors);
        if (filter.Township is { } code && !scope.Covers(code)) return Problems.OutsideScope("township", code);

        var cursor = query.Cursor;
        var skip = query.Offset;
        var size = query.Limit;
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

    /// <summary>One feature; 404 when the collection is unknown, or the feature is unknown or outside the caller's scope.</summary>
    /// <param name="collectionId">townships, enterprises or hazards.</param>
    /// <param name="featureId">The feature's id: a township code, or an enterprise or hazard number.</param>
    /// <param name="query">f = json or geojson.</param>
    /// <param name="scope">The townships the caller may read.</param>
    /// <param name="dataSource">Data source.</param>
    /// <param name="request">The request, for absolute links.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetItem(string collectionId, string featureId,
        [AsParameters] OgcFeatureQuery query, ReadScope scope, NpgsqlDataSource dataSource, HttpRequest request, CancellationToken cancellationToken)
    {
        if (OgcQueries.Find(collectionId) is not { } collection) return UnknownCollection(collectionId);
        var json = IsId(collection, featureId) ? await OgcQueries.ItemAsync(dataSource, collection, featureId, scope.AsArray(), cancellationToken) : null;
        if (json is null) return Problems.NotFound(OgcProblemCodes.FeatureUnknown, "featureId", featureId, collection.Id);
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

    /// <summary>The filter value when <paramref name="collection"/> takes it; otherwise adds a 400 error naming the parameter.</summary>
    private static T? Only<T>(List<FieldError> errors, OgcCollectionDefinition collection, string name, T? value) where T : class
    {
        if (value is null || collection.Filters.Contains(name)) return value;
        errors.Add(new FieldError(name, OgcProblemCodes.FilterUnknown, collection.Id, name, collection.Filters.Prepend("bbox")));
        return null;
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
        => Problems.NotFound(OgcProblemCodes.CollectionUnknown, "collectionId", id, OgcQueries.Collections.Select(c => c.Id));

    private static string Root(HttpRequest request) => $"{WebSecurity.PublicOrigin(request)}/ogc";
}
