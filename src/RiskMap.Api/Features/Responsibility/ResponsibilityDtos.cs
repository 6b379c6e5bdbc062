using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.Responsibility;

/// <summary>The query of <c>GET /api/v1/responsibility</c> and of its workbook <c>GET /api/v1/exports/responsibility</c>.</summary>
/// <param name="District">6-digit district code; may be omitted when the database holds exactly one district (404 when unknown).</param>
/// <param name="Township">Only this township (9-digit code): its leaders, its enterprises; it must be one the caller may read (403 otherwise) and exist (404).</param>
/// <param name="AsOf">The day hazards are open and overdue on and inspections counted up to, yyyy-MM-dd (China Standard Time); default today.</param>
public sealed record ResponsibilityQuery(
    [DigitCode(6)] string? District = null,
    [DigitCode(9)] string? Township = null,
    [InRange(nameof(Ranges.Day))] DateOnly? AsOf = null);

/// <summary>
/// The responsibility chain of a district (抓四包、促四责) as of a day: district leaders with the townships they cover
/// (区领导包乡镇), the townships with their chiefs (乡镇街道包片区), departments with the enterprises and sectors they
/// supervise (部门包企业), and each enterprise with its responsible person (企业包员工) — every node with its open and
/// overdue major hazards and its last inspection. Within the caller's townships.
/// </summary>
/// <param name="District">District code.</param>
/// <param name="AsOf">The day the figures are for.</param>
/// <param name="Townships">Every township of the district in the caller's scope (or the one asked for), by code.</param>
/// <param name="Leaders">District leaders, by name, each with the townships they cover.</param>
/// <param name="Departments">Departments, by code, each with the enterprises it supervises.</param>
/// <param name="Scope">The townships the view is limited to when the caller's scope limits it and no township was asked for; null otherwise.</param>
public sealed record ResponsibilityView(
    string District,
    DateOnly AsOf,
    IReadOnlyList<TownshipNode> Townships,
    IReadOnlyList<LeaderNode> Leaders,
    IReadOnlyList<DepartmentNode> Departments,
    IReadOnlyList<string>? Scope);

/// <summary>
/// What a node of the chain answers for: its enterprises, their open and overdue major hazards on the day, and the last
/// inspection of any of them on or before it. A node's figures are the sums (and, for the last inspection, the latest)
/// over its enterprises.
/// </summary>
/// <param name="Enterprises">Enterprises under the node.</param>
/// <param name="OpenMajor">Major hazards (重大事故隐患) open on the day.</param>
/// <param name="OverdueMajor">Of those, overdue (open past the deadline in force) on the day.</param>
/// <param name="LastInspection">The latest inspection on or before the day, or null when none.</param>
public sealed record ResponsibilityFigures(int Enterprises, int OpenMajor, int OverdueMajor, DateOnly? LastInspection)
{
    /// <summary>Nothing under the node.</summary>
    public static ResponsibilityFigures None { get; } = new(0, 0, 0, null);

    /// <summary>The figures of several nodes together: sums, and the latest inspection.</summary>
    public static ResponsibilityFigures Sum(IEnumerable<ResponsibilityFigures> parts)
        => parts.Aggregate(None, (a, b) => new ResponsibilityFigures(a.Enterprises + b.Enterprises, a.OpenMajor + b.OpenMajor,
            a.OverdueMajor + b.OverdueMajor, Latest(a.LastInspection, b.LastInspection)));

    private static DateOnly? Latest(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;
}

/// <summary>A township (乡镇街道包片区) with the people answering for it.</summary>
/// <param name="Code">9-digit code.</param>
/// <param name="Name">Name.</param>
/// <param name="Leaders">District leaders covering it (区领导包乡镇), by name.</param>
/// <param name="Chiefs">Its chiefs (乡镇/街道负责人): the display names of the accounts with the TownshipChief role bound to it; empty when none.</param>
/// <param name="Figures">Figures over the enterprises located in it.</param>
public sealed record TownshipNode(string Code, string Name, IReadOnlyList<string> Leaders, IReadOnlyList<string> Chiefs, ResponsibilityFigures Figures);

/// <summary>A district leader (区领导) and the townships they cover.</summary>
/// <param name="Name">Leader's name.</param>
/// <param name="Title">Post, e.g. 副区长, or null.</param>
/// <param name="Townships">Covered townships, by code.</param>
/// <param name="Figures">Figures over the covered townships.</param>
public sealed record LeaderNode(string Name, string? Title, IReadOnlyList<TownshipNode> Townships, ResponsibilityFigures Figures);

/// <summary>A supervising department (行业监管部门) and the enterprises it covers (部门包企业).</summary>
/// <param name="Code">Department code, e.g. <c>emergency</c>.</param>
/// <param name="Name">Its name, e.g. 应急管理局.</param>
/// <param name="Sectors">The sectors it supervises, from the sector definitions (<see cref="Domain.Sector.Department"/>, served by <c>GET /api/v1/map-config</c>).</param>
/// <param name="Enterprises">Its enterprises, by township then name.</param>
/// <param name="Figures">Figures over its enterprises.</param>
public sealed record DepartmentNode(string Code, string Name, IReadOnlyList<string> Sectors, IReadOnlyList<EnterpriseNode> Enterprises,
    ResponsibilityFigures Figures);

/// <summary>An enterprise (生产经营单位) and its responsible person.</summary>
/// <param name="Id">Enterprise id.</param>
/// <param name="Name">Name.</param>
/// <param name="CreditCode">Unified social credit code.</param>
/// <param name="Sector">Sector code.</param>
/// <param name="Township">Township code.</param>
/// <param name="TownshipName">Township name.</param>
/// <param name="ResponsiblePerson">
/// The person named responsible on its most recently found hazard (found on or before the day), or null when no hazard
/// names one: the records hold responsible persons per hazard only.
/// </param>
/// <param name="Figures">Its figures (Enterprises is 1).</param>
public sealed record EnterpriseNode(long Id, string Name, string CreditCode, string Sector, string Township, string TownshipName,
    string? ResponsiblePerson, ResponsibilityFigures Figures);
