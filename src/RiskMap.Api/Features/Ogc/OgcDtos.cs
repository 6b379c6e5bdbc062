using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using RiskMap.Api.Contract;
using RiskMap.Api.Domain;
using RiskMap.Api.Geo;

namespace RiskMap.Api.Features.Ogc;

/// <summary>The query of the landing page, the conformance declaration and the collection descriptions.</summary>
/// <param name="F">Format: json, the only one (an HTML encoding is not offered: f=html is a 400, /req/core/query-param-invalid).</param>
public sealed record OgcDocumentQuery([OneOf("json")] string? F = null);

/// <summary>The query of one feature (<c>GET /ogc/collections/{collectionId}/items/{featureId}</c>).</summary>
/// <param name="F">Format: json or geojson, both GeoJSON (default json).</param>
public sealed record OgcFeatureQuery([OneOf("json", "geojson")] string? F = null);

/// <summary>
/// The query of a page of items (<c>GET /ogc/collections/{collectionId}/items</c>): Part 1's bbox, datetime and limit,
/// bbox-crs (CRS84 only), offset and cursor (next links), f, and the property filters of /rec/core/fc-filters (each only on
/// the collections that have that property; see <see cref="OgcCollectionDefinition.Filters"/>).
/// </summary>
/// <param name="Bbox">minLon,minLat,maxLon,maxLat in CRS84 degrees (/req/core/fc-bbox-definition).</param>
/// <param name="BboxCrs">The CRS of bbox: CRS84 only (http://www.opengis.net/def/crs/OGC/1.3/CRS84); anything else is a 400, as Part 2 (CRS by reference) is not implemented.</param>
/// <param name="Datetime">
/// An RFC 3339 instant (2020-06-30T12:00:00Z; a bare date 2020-06-30 is also taken) or interval start/end with '..' or
/// an empty string for an open end (/req/core/fc-time-definition). Hazards: those whose life (found_on through the day
/// rectified or closed) overlaps its China Standard Time days. Townships and enterprises have no temporal property:
/// every feature matches (/req/core/fc-time-response C). Its days lie within <see cref="Ranges.Day"/>.
/// </param>
/// <param name="Limit">Features per page, default 10 (/req/core/fc-limit-definition).</param>
/// <param name="Offset">Features to skip (ignored with cursor); default 0.</param>
/// <param name="Cursor">Id of the previous page's last feature, as written by next links.</param>
/// <param name="Sector">Sector codes, comma-separated (enterprises, hazards).</param>
/// <param name="Level">General and/or Major, comma-separated (hazards).</param>
/// <param name="Status">Open, Rectifying, Rectified and/or Closed, comma-separated: the status recorded now (hazards).</param>
/// <param name="Township">9-digit township code (enterprises, hazards); it must be one the caller may read (403 otherwise).</param>
/// <param name="District">6-digit district code (townships).</param>
/// <param name="F">Format: json or geojson, both GeoJSON (default json).</param>
public sealed record OgcItemsQuery(
    OgcBoundingBox? Bbox = null,
    [FromQuery(Name = "bbox-crs")] string? BboxCrs = null,
    OgcDatetime? Datetime = null,
    [InRange(nameof(Ranges.OgcLimit))] int Limit = OgcApi.DefaultLimit,
    [InRange(nameof(Ranges.OgcOffset))] int Offset = 0,
    string? Cursor = null,
    SectorList? Sector = null,
    EnumList<HazardLevel>? Level = null,
    EnumList<HazardStatus>? Status = null,
    [DigitCode(9)] string? Township = null,
    [DigitCode(6)] string? District = null,
    [OneOf("json", "geojson")] string? F = null) : IValidatableObject
{
    /// <summary>
    /// bbox-crs other than CRS84 (<see cref="OgcProblemCodes.BboxCrsUnsupported"/>), else a bbox that is no box in CRS84
    /// (<see cref="ProblemCodes.FormatBoundingBox"/>); a datetime with a day outside
    /// <see cref="Ranges.Day"/> (<see cref="OgcProblemCodes.DatetimeRange"/>) or ending before it starts
    /// (<see cref="OgcProblemCodes.DatetimeReversed"/>).
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(BboxCrs) && BboxCrs != OgcApi.Crs84)
            yield return new CodedValidationResult(OgcProblemCodes.BboxCrsUnsupported, [nameof(BboxCrs)], BboxCrs, OgcApi.Crs84);
        else if (Bbox is { Crs84: null, Text: var box })
            yield return new CodedValidationResult(ProblemCodes.FormatBoundingBox, [nameof(Bbox)], box);
        if (Datetime is { Period: var (from, to) } datetime)
        {
            if ((from is { } first && !Ranges.Day.Contains(first)) || (to is { } last && !Ranges.Day.Contains(last)))
                yield return new CodedValidationResult(OgcProblemCodes.DatetimeRange, [nameof(Datetime)], datetime.Text, Ranges.Day.MinText, Ranges.Day.MaxText);
            else if (from > to)
                yield return new CodedValidationResult(OgcProblemCodes.DatetimeReversed, [nameof(Datetime)], datetime.Text);
        }
    }
}

/// <summary>One feature as GeoJSON (RFC 7946), with its links (<c>GET /ogc/collections/{collectionId}/items/{featureId}</c>, §7.16).</summary>
/// <param name="Id">The feature's id: a township code, or an enterprise or hazard number.</param>
/// <param name="Geometry">MultiPolygon (townships) or Point (enterprises, hazards at their enterprise), CRS84.</param>
/// <param name="Properties">The collection's properties (see the collection's description).</param>
/// <param name="Links">self and collection.</param>
public sealed record OgcFeature(string Id, RawGeoJson Geometry, IReadOnlyDictionary<string, object?> Properties, IReadOnlyList<OgcLink> Links)
{
    /// <summary>Always <c>Feature</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Type => "Feature";
}

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
