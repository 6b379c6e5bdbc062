using System.Text.Json.Serialization;
using RiskMap.Api.Geo;

namespace RiskMap.Api.Features.Ogc;

/// <summary>A link of OGC API – Features (RFC 8288 web linking, as JSON).</summary>
/// <param name="Href">Absolute URL.</param>
/// <param name="Rel">Relation: self, alternate, service-desc, conformance, data, items, collection, next, prev.</param>
/// <param name="Type">Media type of the target, e.g. application/geo+json.</param>
/// <param name="Title">Human-readable title.</param>
public sealed record OgcLink(string Href, string Rel, string Type, string? Title = null);

/// <summary>The landing page (<c>GET /ogc</c>, OGC 17-069r4 §7.2).</summary>
/// <param name="Title">Service title.</param>
/// <param name="Description">What the service offers.</param>
/// <param name="Links">self, service-desc, conformance and data (the collections).</param>
public sealed record OgcLandingPage(string Title, string Description, IReadOnlyList<OgcLink> Links);

/// <summary>The conformance declaration (<c>GET /ogc/conformance</c>, §7.4).</summary>
/// <param name="ConformsTo">URIs of the conformance classes implemented.</param>
public sealed record OgcConformance(IReadOnlyList<string> ConformsTo);

/// <summary>Spatial and temporal extent of a collection (§7.13).</summary>
/// <param name="Spatial">Bounding box in CRS84.</param>
public sealed record OgcExtent(OgcSpatialExtent Spatial);

/// <summary>Bounding boxes of a collection, <c>[minLon, minLat, maxLon, maxLat]</c> in CRS84 degrees.</summary>
/// <param name="Bbox">One box, or an empty list when the caller may read nothing.</param>
/// <param name="Crs">Always CRS84.</param>
public sealed record OgcSpatialExtent(IReadOnlyList<double[]> Bbox, string Crs);

/// <summary>A feature collection's description (§7.14).</summary>
/// <param name="Id">Collection id: townships, enterprises or hazards.</param>
/// <param name="Title">Title.</param>
/// <param name="Description">What a feature is, its properties and the filters of its items.</param>
/// <param name="Extent">Where its features are (the extent of the readable townships).</param>
/// <param name="ItemType">Always <c>feature</c>.</param>
/// <param name="Crs">Coordinate reference systems served: CRS84 only.</param>
/// <param name="Links">self and items.</param>
public sealed record OgcCollection(string Id, string Title, string Description, OgcExtent Extent, string ItemType, IReadOnlyList<string> Crs,
    IReadOnlyList<OgcLink> Links);

/// <summary>The collections (<c>GET /ogc/collections</c>, §7.13).</summary>
/// <param name="Links">self.</param>
/// <param name="Collections">Every collection.</param>
public sealed record OgcCollections(IReadOnlyList<OgcLink> Links, IReadOnlyList<OgcCollection> Collections);

/// <summary>
/// A page of items (§7.15): a GeoJSON FeatureCollection whose features were rendered as JSON by PostGIS and are
/// written verbatim.
/// </summary>
/// <param name="Features">The page's features (GeoJSON Feature objects, RFC 7946).</param>
/// <param name="Links">self, collection, and next while more features match.</param>
/// <param name="NumberMatched">Features matching the filters on all pages; given on the first page (no cursor) only, since counting a large collection costs a scan.</param>
/// <param name="NumberReturned">Features on this page.</param>
/// <param name="TimeStamp">When the response was made (RFC 3339, UTC).</param>
public sealed record OgcFeatureCollection(IReadOnlyList<RawGeoJson> Features, IReadOnlyList<OgcLink> Links,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? NumberMatched, int NumberReturned, DateTimeOffset TimeStamp)
{
    /// <summary>Always <c>FeatureCollection</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Type => "FeatureCollection";
}
