using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.Roads;

/// <summary>
/// The stable codes of the road network: the rejected features and notes of a road import (rows are feature numbers,
/// 0 for the whole file) and the planner's problems with a road network. Texts in <c>Resources/Messages*.resx</c>.
/// </summary>
[ProblemCodeList]
public static class RoadsProblemCodes
{
    /// <summary>The file holds no line a network can be built from (no LineString/MultiLineString with two points).</summary>
    public const string NoLines = "roads.file.no-lines";

    /// <summary>A feature that is not a line; args: its geometry type.</summary>
    public const string NotALine = "roads.feature.not-a-line";

    /// <summary>A line without a road class and without a speed; args: the class property.</summary>
    public const string ClassMissing = "roads.feature.class-missing";

    /// <summary>A road class with no default speed, no district speed and no speed on the line; args: class.</summary>
    public const string ClassWithoutSpeed = "roads.feature.class-without-speed";

    /// <summary>A speed value that is not a number of km/h in 1 … 200; args: value.</summary>
    public const string SpeedFormat = "roads.feature.speed-format";

    /// <summary>A one-way value that is none of the known ones; args: value.</summary>
    public const string OneWayFormat = "roads.feature.oneway-format";

    /// <summary>A speed setting (mapping <c>speed.&lt;class&gt;</c>) that is not a number in 1 … 200; args: class, value.</summary>
    public const string SpeedSettingFormat = "roads.setting.speed-format";

    /// <summary>No line lies within 2 km of the district's outline; args: district code, kilometres.</summary>
    public const string OutsideDistrict = "roads.file.outside-district";

    /// <summary>An OpenStreetMap file GDAL could not convert; args: GDAL's message.</summary>
    public const string OsmUnreadable = "roads.file.osm-unreadable";

    /// <summary>Note: the network as stored; args: edges, vertices, connected components, enterprises farther than 500 m from a road vertex, enterprises, that share in percent.</summary>
    public const string NoteNetwork = "roads.note.network";

    /// <summary>Note: which properties were read; args: class property, speed property (or —), one-way property (or —).</summary>
    public const string NoteColumns = "roads.note.columns";

    /// <summary>Note: an OpenStreetMap file read with GDAL's OSM driver (lines with a highway tag).</summary>
    public const string NoteOsm = "roads.note.osm";

    /// <summary>400 on a plan over roads: the start is farther than the snapping limit from every road; args: metres limit.</summary>
    public const string StartOffRoad = "roads.plan.start-off-road";

    /// <summary>400 on a plan over roads: the end cannot be reached from the start by road (or is off every road); args: metres limit.</summary>
    public const string EndUnreachable = "roads.plan.end-unreachable";

    /// <summary>400 on a plan over roads: no stops; a road plan needs at least one.</summary>
    public const string NoStops = "roads.plan.no-stops";

    /// <summary>400 on a plan over roads: every stop and the start lie at one place; args: number of stops.</summary>
    public const string StopsAtOnePlace = "roads.plan.stops-at-one-place";

    /// <summary>404 on removing a road network: the district has none; args: district code, parameter.</summary>
    [ProblemTitle]
    public const string NoNetwork = "roads.network.none";
}
