using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.Ogc;

/// <summary>Problem codes of <c>/ogc</c> (OGC API – Features – Part 1: Core, OGC 17-069r4); texts in Resources/Messages*.resx.</summary>
[ProblemCodeList]
public static class OgcProblemCodes
{
    /// <summary>404: no collection has that id. args: id, the collections, parameter.</summary>
    [ProblemTitle]
    public const string CollectionUnknown = "ogc.collection.unknown";

    /// <summary>404: the collection has no feature with that id that the caller may read. args: id, collection, parameter.</summary>
    [ProblemTitle]
    public const string FeatureUnknown = "ogc.feature.unknown";

    /// <summary>datetime is not an RFC 3339 instant or interval (/req/core/fc-time-definition). args: value.</summary>
    public const string DatetimeFormat = "ogc.datetime.format";

    /// <summary>A day of datetime lies outside the days the service keeps. args: value, first day, last day.</summary>
    public const string DatetimeRange = "ogc.datetime.range";

    /// <summary>datetime ends before it starts. args: value.</summary>
    public const string DatetimeReversed = "ogc.datetime.reversed";

    /// <summary>bbox-crs other than CRS84 (Part 2 is not implemented). args: value, CRS84's URI.</summary>
    public const string BboxCrsUnsupported = "ogc.bbox-crs.unsupported";

    /// <summary>A property filter the collection does not have. args: collection, parameter, the collection's filters.</summary>
    public const string FilterUnknown = "ogc.filter.unknown";

    /// <summary>A cursor that is no id of the collection. args: value.</summary>
    public const string CursorInvalid = "ogc.cursor.invalid";
}
