namespace RiskMap.Api.Features.LocationQuality;

/// <summary>
/// Why an enterprise's point is questionable: the bits of <c>enterprises.location_quality</c>, computed by the database
/// function <c>riskmap_location_quality_of</c> (Data/Sql/riskmap_location_quality_of.sql, the one definition of each
/// rule) whenever an enterprise, a township or a district outline is written.
/// </summary>
[Flags]
public enum LocationQualityFlag
{
    /// <summary>No flag: nothing questionable was found.</summary>
    None = 0,
    /// <summary>Exactly the same coordinates as 3 or more other enterprises: a geocoder's "pancake".</summary>
    SharedPoint = 1,
    /// <summary>Within 50 m of a township's label point or of the district's centroid: a place name, not a site.</summary>
    NearLabelPoint = 2,
    /// <summary>Longitude and latitude with 3 decimals or fewer (about 100 m).</summary>
    CoarseCoordinates = 4,
    /// <summary>The address names another township of the district than the one the point falls in.</summary>
    AddressNamesOtherTownship = 8,
}

/// <summary>The flags of a stored bitmask as names, the way the API writes them.</summary>
public static class LocationQualityFlags
{
    /// <summary>The single flags, lowest bit first.</summary>
    public static IReadOnlyList<LocationQualityFlag> All { get; } = [.. Enum.GetValues<LocationQualityFlag>().Where(f => f != LocationQualityFlag.None)];

    /// <summary>
    /// The names of the flags set in <paramref name="bits"/> (the stored smallint), lowest bit first; empty when none is.
    /// </summary>
    public static IReadOnlyList<string> Names(int bits) => [.. All.Where(f => (bits & (int)f) != 0).Select(f => f.ToString())];
}
