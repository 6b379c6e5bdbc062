using System.ComponentModel.DataAnnotations;
using RiskMap.Api.Contract;
using RiskMap.Api.Geo;

namespace RiskMap.Api.Features.Field;

/// <summary>Gives one team of a stored route plan to an inspector for a day.</summary>
/// <param name="Inspector">
/// User name of the account that drives the route (required): one that records inspections (Inspector, TownshipChief,
/// DepartmentOfficer, Admin) and may read every stop of the team.
/// </param>
/// <param name="Day">The day the inspector drives the route, yyyy-MM-dd (optional; default the plan's day, <see cref="Ranges.Day"/>).</param>
public sealed record TeamAssignmentRequest(
    [property: Required, StringLength(256)] string? Inspector,
    [property: InRange(nameof(Ranges.Day))] DateOnly? Day = null);

/// <summary>A team of a plan given to an inspector for a day.</summary>
/// <param name="PlanId">The plan's id.</param>
/// <param name="Team">The team, 1-based.</param>
/// <param name="Inspector">The inspector's user name.</param>
/// <param name="Day">The day, China Standard Time.</param>
/// <param name="AssignedBy">Who gave it.</param>
/// <param name="AssignedAt">When.</param>
/// <param name="Stops">Number of stops of the team.</param>
public sealed record TeamAssignment(string PlanId, int Team, string Inspector, DateOnly Day, string AssignedBy, DateTimeOffset AssignedAt, int Stops);

/// <summary>The query of <c>GET field/today</c>.</summary>
/// <param name="Day">The day whose assignments to give, yyyy-MM-dd (default today, China Standard Time, <see cref="Ranges.Day"/>).</param>
public sealed record FieldDayQuery([InRange(nameof(Ranges.Day))] DateOnly? Day = null);

/// <summary>What a phone downloads for a day's work (下载今日任务): the caller's routes, their enterprises and open hazards, the township outlines.</summary>
/// <param name="Day">The day.</param>
/// <param name="Inspector">The caller's user name (a phone shared between users keeps each one's records apart).</param>
/// <param name="DownloadedAt">When the answer was made.</param>
/// <param name="Routes">The teams given to the caller for the day, in the order they were given.</param>
/// <param name="Townships">The outlines of the townships of the stops (GeoJSON FeatureCollection, WGS-84, properties code and name).</param>
/// <param name="AttachmentMaxBytes">The largest attachment the server takes, in bytes: the phone refuses a larger photo before upload.</param>
/// <param name="FarFromEnterpriseMetres">Beyond this distance from the enterprise (metres) a recorded position is flagged.</param>
public sealed record FieldDay(DateOnly Day, string Inspector, DateTimeOffset DownloadedAt, IReadOnlyList<FieldRoute> Routes,
    FieldTownshipCollection Townships, long AttachmentMaxBytes, double FarFromEnterpriseMetres);

/// <summary>One team's route for the day.</summary>
/// <param name="PlanId">The plan's id.</param>
/// <param name="Team">The team, 1-based.</param>
/// <param name="AssignedBy">Who gave it.</param>
/// <param name="PlanAvailable">False when the plan is no longer stored (its stops are then empty: ask the planner to plan again).</param>
/// <param name="Start">The route's start point (WGS-84); null when the plan is gone.</param>
/// <param name="Stops">The stops in visit order, only those in the caller's townships.</param>
public sealed record FieldRoute(string PlanId, int Team, string AssignedBy, bool PlanAvailable, FieldPoint? Start, IReadOnlyList<FieldStop> Stops);

/// <summary>A point, WGS-84.</summary>
/// <param name="Longitude">Degrees.</param>
/// <param name="Latitude">Degrees.</param>
public sealed record FieldPoint(double Longitude, double Latitude);

/// <summary>A stop of a route: the enterprise as stored today and its open hazards.</summary>
/// <param name="Sequence">Position in the route, 1-based.</param>
/// <param name="EnterpriseId">Enterprise id.</param>
/// <param name="Name">Enterprise name.</param>
/// <param name="CreditCode">Unified social credit code.</param>
/// <param name="Sector">Sector code (labels from <c>GET map-config</c>).</param>
/// <param name="Address">Address.</param>
/// <param name="Township">Township code.</param>
/// <param name="TownshipName">Township name.</param>
/// <param name="Longitude">Degrees, WGS-84.</param>
/// <param name="Latitude">Degrees, WGS-84.</param>
/// <param name="OpensAt">Opening time, or null.</param>
/// <param name="ClosesAt">Closing time, or null.</param>
/// <param name="ArrivalTime">Planned arrival, China Standard Time, on the assigned day (the plan's time of day), or null.</param>
/// <param name="OpenHazards">Hazards Open or Rectifying today, oldest first.</param>
public sealed record FieldStop(int Sequence, long EnterpriseId, string Name, string CreditCode, string Sector, string? Address, string? Township,
    string? TownshipName, double Longitude, double Latitude, TimeOnly? OpensAt, TimeOnly? ClosesAt, DateTimeOffset? ArrivalTime,
    IReadOnlyList<FieldHazard> OpenHazards);

/// <summary>An open hazard as the phone keeps it; <paramref name="Version"/> goes back with a change made offline.</summary>
/// <param name="Id">Hazard id.</param>
/// <param name="Reference">Ledger number.</param>
/// <param name="Level">General or Major.</param>
/// <param name="Status">Open or Rectifying.</param>
/// <param name="NextStatus">The one step its lifecycle allows.</param>
/// <param name="Description">What is wrong.</param>
/// <param name="FoundOn">Found day.</param>
/// <param name="Deadline">Deadline in force.</param>
/// <param name="ResponsiblePerson">Responsible person.</param>
/// <param name="Version">The stored version (xmin): a change sent with another one is 409.</param>
public sealed record FieldHazard(long Id, string? Reference, string Level, string Status, string? NextStatus, string Description, DateOnly FoundOn,
    DateOnly Deadline, string? ResponsiblePerson, uint Version);

/// <summary>A GeoJSON FeatureCollection of township outlines.</summary>
/// <param name="Type">Always FeatureCollection.</param>
/// <param name="Features">One feature per township.</param>
public sealed record FieldTownshipCollection(string Type, IReadOnlyList<FieldTownshipFeature> Features);

/// <summary>A township outline as a GeoJSON Feature.</summary>
/// <param name="Type">Always Feature.</param>
/// <param name="Geometry">The boundary (MultiPolygon, WGS-84), simplified to about 10 m.</param>
/// <param name="Properties">Code and name.</param>
public sealed record FieldTownshipFeature(string Type, RawGeoJson Geometry, FieldTownshipProperties Properties);

/// <summary>A township's code and name.</summary>
/// <param name="Code">Township code (9 digits).</param>
/// <param name="Name">Name.</param>
public sealed record FieldTownshipProperties(string Code, string Name);
