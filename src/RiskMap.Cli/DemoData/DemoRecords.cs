using RiskMap.Api.Domain;
using RiskMap.Api.Features.Hazards;

namespace RiskMap.Cli.DemoData;

/// <summary>A supervising department (行业监管部门) and the sectors it covers, as written to departments.csv.</summary>
/// <param name="Code">Short code, e.g. <c>emergency</c>.</param>
/// <param name="Name">Chinese name, e.g. 应急管理局.</param>
/// <param name="Sectors">Sector codes it supervises.</param>
internal sealed record DemoDepartment(string Code, string Name, IReadOnlyList<string> Sectors)
{
    /// <summary>
    /// The district's departments: each sector's <see cref="Sector.Department"/>, in the order of
    /// <see cref="Sector.All"/>, with the sectors it supervises; every sector is covered by exactly one.
    /// </summary>
    public static IReadOnlyList<DemoDepartment> All { get; } = Sector.All
        .GroupBy(s => s.Department)
        .Select(g => new DemoDepartment(g.Key.Code, g.Key.NameZh, g.Select(s => s.Code).ToList()))
        .ToList();

    /// <summary>The department covering <paramref name="sector"/>.</summary>
    /// <exception cref="InvalidOperationException">When no department or several cover it.</exception>
    public static DemoDepartment Covering(string sector) => All.Single(d => d.Sectors.Contains(sector));
}

/// <summary>A district leader covering a township (区领导包乡镇), as written to district_leaders.csv.</summary>
internal sealed record DemoLeaderAssignment(string TownshipCode, string LeaderName, string LeaderTitle);

/// <summary>A fictional enterprise, as written to enterprises.csv.</summary>
internal sealed class DemoEnterprise
{
    /// <summary>Unified social credit code, 18 characters, valid and unique.</summary>
    public required string CreditCode { get; init; }
    /// <summary>Fictional name.</summary>
    public required string Name { get; init; }
    /// <summary>Sector code.</summary>
    public required string Sector { get; init; }
    /// <summary>规模以上.</summary>
    public bool AboveScale { get; set; }
    /// <summary>Fictional address in its township.</summary>
    public required string Address { get; init; }
    /// <summary>WGS-84 longitude, degrees, on the 1e-7° grid.</summary>
    public double Longitude { get; init; }
    /// <summary>WGS-84 latitude, degrees, on the 1e-7° grid.</summary>
    public double Latitude { get; init; }
    /// <summary>Covering department.</summary>
    public required string DepartmentCode { get; init; }
    /// <summary>The township its point lies in (not written: the service derives it by point-in-polygon).</summary>
    public required string TownshipCode { get; init; }
    /// <summary>The person its hazards name as responsible (safety manager); not written on its own.</summary>
    public required string SafetyManager { get; init; }
}

/// <summary>One trip of an inspection group on one day in one township: it inspects one or more enterprises.</summary>
internal sealed class InspectionTrip(int sequence, DateOnly date, string townshipCode)
{
    /// <summary>Creation order, the tie-break when numbering.</summary>
    public int Sequence { get; } = sequence;
    /// <summary>Day of the trip.</summary>
    public DateOnly Date { get; } = date;
    /// <summary>Township visited.</summary>
    public string TownshipCode { get; } = townshipCode;
    /// <summary>Inspection group, e.g. <c>2020-03-G07</c>.</summary>
    public string Group { get; set; } = "";
    /// <summary>Inspectors on the trip; recorded once, on the trip's first inspection.</summary>
    public int Inspectors { get; set; }
    /// <summary>Inspections in visiting order.</summary>
    public List<DemoInspection> Inspections { get; } = [];
}

/// <summary>An inspection of one enterprise on a trip, as written to inspections.csv.</summary>
internal sealed class DemoInspection(InspectionTrip trip, DemoEnterprise enterprise)
{
    /// <summary>The trip.</summary>
    public InspectionTrip Trip { get; } = trip;
    /// <summary>Inspected enterprise.</summary>
    public DemoEnterprise Enterprise { get; } = enterprise;
    /// <summary>Day of the inspection (the trip's).</summary>
    public DateOnly Date => Trip.Date;
    /// <summary>Inspector visits recorded on this row: the trip's inspectors on its first inspection, else 0.</summary>
    public int InspectorVisits => ReferenceEquals(Trip.Inspections[0], this) ? Trip.Inspectors : 0;
    /// <summary>Reference such as INS-2020-000001, set when numbering.</summary>
    public string Reference { get; set; } = "";
    /// <summary>Hazards it found.</summary>
    public List<DemoHazard> Hazards { get; } = [];
}

/// <summary>A hazard found by an inspection, as written to hazards.csv.</summary>
internal sealed class DemoHazard(int sequence, DemoInspection inspection, HazardLevel level, string description, DateOnly deadline)
{
    /// <summary>Creation order, the tie-break when numbering.</summary>
    public int Sequence { get; } = sequence;
    /// <summary>The inspection that found it.</summary>
    public DemoInspection Inspection { get; } = inspection;
    /// <summary>General or Major.</summary>
    public HazardLevel Level { get; } = level;
    /// <summary>Description from <see cref="HazardTemplates"/>.</summary>
    public string Description { get; } = description;
    /// <summary>Day found: the inspection's day.</summary>
    public DateOnly FoundOn => Inspection.Date;
    /// <summary>Rectification deadline, on or after <see cref="FoundOn"/>, never after the snapshot day.</summary>
    public DateOnly Deadline { get; } = deadline;
    /// <summary>Day rectified, if by the snapshot day.</summary>
    public DateOnly? RectifiedOn { get; set; }
    /// <summary>Day accepted and closed (验收销号), if by the snapshot day; never before <see cref="RectifiedOn"/>.</summary>
    public DateOnly? ClosedOn { get; set; }
    /// <summary>For a hazard still open on the snapshot day: Rectifying rather than Open.</summary>
    public bool Rectifying { get; set; }
    /// <summary>Put under supervision (挂牌督办).</summary>
    public bool Supervised { get; set; }
    /// <summary>Reference such as HZ-2020-000001, set when numbering.</summary>
    public string Reference { get; set; } = "";

    /// <summary>Status on the snapshot day, from the dates.</summary>
    public HazardStatus Status => ClosedOn is not null ? HazardStatus.Closed
        : RectifiedOn is not null ? HazardStatus.Rectified
        : Rectifying ? HazardStatus.Rectifying : HazardStatus.Open;

    /// <summary>Open on the snapshot day (<see cref="HazardLifecycle.IsOpenOn"/>).</summary>
    public bool IsOpen => HazardLifecycle.IsOpenOn(FoundOn, RectifiedOn, ClosedOn, CampaignGenerator.SnapshotDay);

    /// <summary>Overdue on the snapshot day (<see cref="HazardLifecycle.IsOverdueOn"/>; demo deadlines are never extended).</summary>
    public bool IsOverdue => HazardLifecycle.IsOverdueOn(FoundOn, RectifiedOn, ClosedOn, Deadline, CampaignGenerator.SnapshotDay);
}

/// <summary>An enforcement action, as written to enforcement_actions.csv.</summary>
internal sealed class DemoAction(int sequence, DemoEnterprise enterprise, DateOnly date, EnforcementKind kind, decimal? amountYuan = null)
{
    /// <summary>Creation order, the tie-break when numbering.</summary>
    public int Sequence { get; } = sequence;
    /// <summary>Enterprise concerned.</summary>
    public DemoEnterprise Enterprise { get; } = enterprise;
    /// <summary>Day of the action.</summary>
    public DateOnly Date { get; } = date;
    /// <summary>Document, Interview, Case or Fine.</summary>
    public EnforcementKind Kind { get; } = kind;
    /// <summary>Fine in yuan, only for fines.</summary>
    public decimal? AmountYuan { get; } = amountYuan;
    /// <summary>Reference such as ENF-2020-000001, set when numbering.</summary>
    public string Reference { get; set; } = "";
}
